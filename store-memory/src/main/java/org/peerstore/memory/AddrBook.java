package org.peerstore.memory;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Flow;
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
 * The address book of the memory store (docs/CONTRACT.md §2 and
 * §3): checks and normalises the input, works out how much global room a change
 * may need, and hands the change to {@link PeerWrites#writeAddrs}. Thread-safe.
 */
final class AddrBook {

  /** What {@link #clearAddrs} reports when it removed something (nothing to publish). */
  private static final AddrChange CLEARED =
      new AddrChange(List.of(), List.of(), true);

  private final PeerWrites writes;
  private final AddrStreams streams;
  private final Clock clock;
  private final Limits limits;
  private final InputLimits inputLimits;

  AddrBook(PeerWrites writes, AddrStreams streams, Clock clock, Limits limits,
      InputLimits inputLimits) {
    this.writes = writes;
    this.streams = streams;
    this.clock = clock;
    this.limits = limits;
    this.inputLimits = inputLimits;
  }

  void addAddrs(PeerId peer, Collection<Multiaddr> addrs, Duration ttl) {
    writes.checkOpen();
    inputLimits.checkAddrs(addrs);
    List<Multiaddr> normalized = AddrNormalizer.normalize(peer, addrs);
    long ttlNanos = Ttl.toNanos(ttl);
    if (ttlNanos <= 0 || normalized.isEmpty()) {
      return;
    }
    long now = Ttl.nowNanos(clock);
    writes.writeAddrs(peer, Ttl.isConnected(ttlNanos) ? 0 : normalized.size(),
        (state, room) -> state.addrs.add(normalized, ttlNanos, now, limits, room));
  }

  void setAddrs(PeerId peer, Collection<Multiaddr> addrs, Duration ttl) {
    writes.checkOpen();
    inputLimits.checkAddrs(addrs);
    List<Multiaddr> normalized = AddrNormalizer.normalize(peer, addrs);
    long ttlNanos = Ttl.toNanos(ttl);
    if (normalized.isEmpty() || (ttlNanos <= 0 && !writes.contains(peer))) {
      return;
    }
    long now = Ttl.nowNanos(clock);
    writes.writeAddrs(peer, ttlNanos <= 0 || Ttl.isConnected(ttlNanos) ? 0 : normalized.size(),
        (state, room) -> state.addrs.set(normalized, ttlNanos, now, limits, room));
  }

  void updateAddrs(PeerId peer, Duration oldTtl, Duration newTtl) {
    writes.checkOpen();
    Objects.requireNonNull(peer, "peer id");
    long oldNanos = Ttl.toNanos(oldTtl);
    long newNanos = Ttl.toNanos(newTtl);
    MemoryPeer existing = writes.get(peer);
    if (existing == null || existing.view.addrs().isEmpty()) {
      return;
    }
    long now = Ttl.nowNanos(clock);
    // Only connected addresses downgraded to a finite ttl can need room.
    boolean downgrade = Ttl.isConnected(oldNanos) && newNanos > 0 && !Ttl.isConnected(newNanos);
    writes.writeAddrs(peer, downgrade ? existing.view.addrs().size() : 0,
        (state, room) -> state.addrs.update(oldNanos, newNanos, now, limits, room));
  }

  void clearAddrs(PeerId peer) {
    writes.checkOpen();
    Objects.requireNonNull(peer, "peer id");
    if (!writes.contains(peer)) {
      return;
    }
    writes.writeAddrs(peer, 0,
        (state, room) -> state.addrs.clear() > 0 ? CLEARED : AddrChange.NONE);
  }

  List<Multiaddr> addrs(PeerId peer) {
    writes.checkOpen();
    return liveAddrs(peer);
  }

  Flow.Publisher<Multiaddr> addrStream(PeerId peer) {
    writes.checkOpen();
    return streams.publisher(peer, this::liveAddrs);
  }

  Set<PeerId> peersWithAddrs() {
    writes.checkOpen();
    Set<PeerId> out = new HashSet<>();
    for (MemoryPeer state : writes.all()) {
      if (!state.view.addrs().isEmpty()) {
        out.add(state.id);
      }
    }
    return Collections.unmodifiableSet(out);
  }

  /** {@code peer}'s unexpired addresses, without the open check. */
  List<Multiaddr> liveAddrs(PeerId peer) {
    MemoryPeer state = writes.get(peer);
    return state == null ? List.of() : state.view.addrs().live(Ttl.nowNanos(clock));
  }
}
