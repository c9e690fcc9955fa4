package org.peerstore.rocksdb;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.peerstore.internal.AddrStreams;
import org.peerstore.internal.GlobalCaps;
import org.peerstore.internal.ProtocolPeers;
import org.peerstore.internal.Ttl;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

/**
 * The one write path of the RocksDB store: every mutation of every book, garbage collection,
 * {@code restore} and {@code removePeer} goes through {@link #write}.
 *
 * <p>The sequence, once: enter the use guard; take the peer's striped lock; load the books the
 * mutation reads ({@link PeerStates#forWrite}); reserve room under the global caps; let the
 * mutation fill one {@link Batch}; write it to RocksDB; put the new state in the cache (or
 * drop the cached one if the write failed); let the in-memory indexes ({@link AddrPeers}, the
 * protocol index's copy) follow the committed batch; settle the caps with what was committed
 * (nothing when it failed); note the new earliest expiry for the collector; release the lock; publish
 * inserted addresses to the address streams (outside the lock, as {@link AddrStreams}
 * requires). A {@link RocksDBException} while preparing the batch becomes a
 * {@link org.peerstore.StorageException}.
 *
 * <p>Thread-safe. Writes of one peer are serialised by its lock; writes of different peers run
 * in parallel (unless their peers share a stripe).
 */
// "try": resources held only for their scope (a use of the store) are never read.
@SuppressWarnings("try")
final class PeerWrites {
  private final PeerStates states;
  private final StripedLocks locks;
  private final UseGuard guard;
  private final GlobalCaps caps;
  private final AddrStreams streams;
  private final Clock clock;

  /** The in-memory copy of the protocol index, or null (offline, or no index on disk). */
  private final @Nullable ProtocolPeers protocolPeers;

  /** The in-memory set of peers with a stored address value, or null (offline). */
  private final @Nullable AddrPeers addrPeers;

  PeerWrites(PeerStates states, StripedLocks locks, UseGuard guard, GlobalCaps caps,
      AddrStreams streams, Clock clock, @Nullable ProtocolPeers protocolPeers,
      @Nullable AddrPeers addrPeers) {
    this.protocolPeers = protocolPeers;
    this.addrPeers = addrPeers;
    this.states = states;
    this.locks = locks;
    this.guard = guard;
    this.caps = caps;
    this.streams = streams;
    this.clock = clock;
  }

  /** The global caps this store counts. */
  GlobalCaps caps() {
    return caps;
  }

  /** The cache and loader of peer state. */
  PeerStates states() {
    return states;
  }

  /**
   * Applies {@code m} to {@code p} as one atomic write.
   *
   * @return whether anything was written
   * @throws org.peerstore.LimitExceededException if {@code m} needs a record slot and the
   *     signed-record cap is full, or throws it itself (nothing is written)
   * @throws org.peerstore.StorageException if RocksDB fails (nothing is written)
   * @throws IllegalStateException after the store closed
   */
  boolean write(PeerId p, PeerMutation m) {
    int books = m.books();
    if ((books & PeerState.ADDRS) != 0 && caps.counting()) {
      // The record count goes with the addresses: whether one is stored must be known.
      books |= PeerState.RECORD;
    }
    try (UseGuard.Use use = guard.enter()) {
      ReentrantLock lock = locks.of(p);
      lock.lock();
      try {
        if (!locked(p, books, m)) {
          return false;
        }
      } finally {
        lock.unlock();
      }
    }
    List<Multiaddr> inserted = m.inserted();
    if (!inserted.isEmpty()) {
      streams.publish(p, inserted);
    }
    return true;
  }

  private boolean locked(PeerId p, int books, PeerMutation m) {
    PeerState cached = states.cachedOrNull(p);
    PeerState old = states.forWrite(p, books);
    long room = caps.reserveUnconnected(m.wantedRoom(old));
    boolean recordSlot = false;
    PeerState next = null;
    boolean committed = false;
    try {
      m.checkRoom(old, room);
      if (m.takesRecordSlot(old)) {
        caps.reserveRecord();
        recordSlot = true;
      }
      Batch batch = new Batch();
      next = m.apply(old, batch, Ttl.nowNanos(clock), room);
      if (next == null) {
        return false;
      }
      boolean caches = states.cached() && (cached != null || m.fillsCache());
      states.commit(p, batch, caches ? next : null, m.what());
      committed = true;
      if (addrPeers != null) {
        addrPeers.follow(p, batch);
      }
      m.committed();
      if (protocolPeers != null && next.protocols != old.protocols
          && next.has(PeerState.PROTOCOLS)) {
        // The in-memory copy of protocol_index follows the committed batch.
        if (old.isCorrupt(PeerState.PROTOCOLS)) {
          protocolPeers.removeAll(p);
          protocolPeers.update(p, Set.of(), next.protocols);
        } else {
          protocolPeers.update(p, old.protocols, next.protocols);
        }
      }
      if (next.addrs != old.addrs) {
        states.indexed().note(next.addrs.nextExpiry());
      }
      return true;
    } finally {
      caps.settleUnconnected(room, committed ? unconnectedDelta(old, next) : 0);
      caps.adjustRecords((committed ? recordDelta(old, next) : 0) - (recordSlot ? 1 : 0));
    }
  }

  private static long unconnectedDelta(PeerState old, PeerState next) {
    return next.addrs == old.addrs
        ? 0 : next.addrs.unconnectedCount() - old.addrs.unconnectedCount();
  }

  /** +1, 0 or -1: a stored record (also a corrupt one) appeared, stayed or went. */
  private static int recordDelta(PeerState old, PeerState next) {
    return (recordStored(next) ? 1 : 0) - (recordStored(old) ? 1 : 0);
  }

  private static boolean recordStored(PeerState s) {
    return s.record != null || s.isCorrupt(PeerState.RECORD);
  }
}
