package org.peerstore.rocksdb;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;
import org.peerstore.internal.AddrNormalizer;
import org.peerstore.internal.AddrChange;
import org.peerstore.internal.AddrState;
import org.peerstore.internal.AddrStreams;
import org.peerstore.internal.InputLimits;
import org.peerstore.internal.Limits;
import org.peerstore.internal.Ttl;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

/**
 * The address book of the RocksDB store (docs/CONTRACT.md §2 and §3): checks and normalises
 * the input, works out how much global room a change may need, and hands the change to
 * {@link PeerWrites} as an {@link AddrMutation}. Reads come from the cached (or loaded) state.
 * Thread-safe.
 */
// "try": resources held only for their scope (a use of the store) are never read.
@SuppressWarnings("try")
final class RocksAddrBook {
  private final UseGuard guard;
  private final PeerWrites writes;
  private final StoreDb db;
  private final PeerScans scans;
  /** The peers with addresses in memory, or null when they could not be loaded at open. */
  private final @Nullable AddrPeers addrPeers;
  private final AddrStreams streams;
  private final Clock clock;
  private final Limits limits;
  private final InputLimits inputLimits;

  RocksAddrBook(UseGuard guard, PeerWrites writes, StoreDb db, PeerScans scans,
      @Nullable AddrPeers addrPeers, AddrStreams streams, Clock clock, Limits limits, InputLimits inputLimits) {
    this.guard = guard;
    this.writes = writes;
    this.db = db;
    this.scans = scans;
    this.addrPeers = addrPeers;
    this.streams = streams;
    this.clock = clock;
    this.limits = limits;
    this.inputLimits = inputLimits;
  }

  void addAddrs(PeerId peer, Collection<Multiaddr> addrs, Duration ttl) {
    guard.checkOpen();
    checkArgs(peer, addrs, ttl);
    inputLimits.checkAddrs(addrs);
    List<Multiaddr> normalized = AddrNormalizer.normalize(peer, addrs);
    long ttlNanos = Ttl.toNanos(ttl);
    if (ttlNanos <= 0 || normalized.isEmpty()) {
      return;
    }
    long wanted = Ttl.isConnected(ttlNanos) ? 0 : normalized.size();
    write(peer, "add addresses", wanted,
        (state, old, now, room) -> state.add(normalized, ttlNanos, now, limits, room));
  }

  void setAddrs(PeerId peer, Collection<Multiaddr> addrs, Duration ttl) {
    guard.checkOpen();
    checkArgs(peer, addrs, ttl);
    inputLimits.checkAddrs(addrs);
    List<Multiaddr> normalized = AddrNormalizer.normalize(peer, addrs);
    long ttlNanos = Ttl.toNanos(ttl);
    if (normalized.isEmpty()) {
      return;
    }
    long wanted = ttlNanos <= 0 || Ttl.isConnected(ttlNanos) ? 0 : normalized.size();
    write(peer, "set addresses", wanted,
        (state, old, now, room) -> state.set(normalized, ttlNanos, now, limits, room));
  }

  void updateAddrs(PeerId peer, Duration oldTtl, Duration newTtl) {
    guard.checkOpen();
    Objects.requireNonNull(peer, "peer id");
    long oldNanos = Ttl.toNanos(Objects.requireNonNull(oldTtl, "oldTtl"));
    long newNanos = Ttl.toNanos(Objects.requireNonNull(newTtl, "newTtl"));
    // Only connected addresses downgraded to a finite ttl can need room.
    boolean downgrade = Ttl.isConnected(oldNanos) && newNanos > 0 && !Ttl.isConnected(newNanos);
    write(peer, "update addresses", downgrade ? AddrMutation.ROOM_FOR_STORED : 0,
        (state, old, now, room) -> state.update(oldNanos, newNanos, now, limits, room));
  }

  List<Multiaddr> addrs(PeerId peer) {
    guard.checkOpen();
    Objects.requireNonNull(peer, "peer id");
    return writes.states().read(peer, PeerState.ADDRS).addrView.live(Ttl.nowNanos(clock));
  }

  Flow.Publisher<Multiaddr> addrStream(PeerId peer) {
    guard.checkOpen();
    Objects.requireNonNull(peer, "peer id");
    return streams.publisher(peer, this::addrs);
  }

  void clearAddrs(PeerId peer) {
    guard.checkOpen();
    Objects.requireNonNull(peer, "peer id");
    writes.write(peer, new AddrMutation(db, peer, "clear addresses", 0, PeerState.RECORD,
        (state, old, now, room) -> {
          boolean anything =
              state.clear() > 0
                  || old.record != null
                  || old.isCorrupt(PeerState.ADDRS | PeerState.RECORD);
          return anything
              ? new AddrChange(List.of(), List.of(), true) : AddrChange.NONE;
        }, null));
  }

  Set<PeerId> peersWithAddrs() {
    guard.checkOpen();
    if (addrPeers != null) {
      return addrPeers.snapshot();
    }
    Set<PeerId> peers = PeerScans.newSet();
    try (UseGuard.Use use = guard.enter()) {
      scans.collect(ColumnFamily.ADDRS, AddrPeers::counts, peers);
    }
    return Collections.unmodifiableSet(peers);
  }

  private void write(PeerId peer, String what, long wanted, AddrMutation.Change change) {
    writes.write(peer, new AddrMutation(db, peer, what, wanted, 0, change, null));
  }

  private static void checkArgs(PeerId peer, Collection<Multiaddr> addrs, Duration ttl) {
    Objects.requireNonNull(peer, "peer id");
    Objects.requireNonNull(addrs, "addresses");
    Objects.requireNonNull(ttl, "ttl");
  }
}
