package org.peerstore.memory;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Function;
import java.util.function.Predicate;
import org.peerstore.PeerPage;
import org.peerstore.PeerSnapshot;
import org.peerstore.internal.AddrChange;
import org.peerstore.internal.AddrEntry;
import org.peerstore.internal.AddrState;
import org.peerstore.internal.AddrStreams;
import org.peerstore.internal.GlobalCaps;
import org.peerstore.internal.Limits;
import org.peerstore.internal.OpenGuard;
import org.peerstore.internal.PeerOrder;
import org.peerstore.internal.ProtocolPeers;
import org.peerstore.internal.RecordRules;
import org.peerstore.internal.SnapshotRules;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;
import org.jspecify.annotations.Nullable;

/**
 * The one write path of the memory store: every mutation of every book, garbage collection,
 * {@code restore} and {@code removePeer} goes through here.
 *
 * <p>It owns the open guard, the map of {@link MemoryPeer}s and the per-peer lock sequence
 * ({@link #locked}: create the state if asked, lock it, retry if it was retired concurrently,
 * retire it if the change left it empty), the global caps ({@link GlobalCaps}), what follows an
 * address change ({@link #afterAddrChange}: the record goes with the last address, the view is
 * published, the next expiry is queued) and the publication of inserted addresses to the
 * address streams once the lock is released.
 *
 * <p>Thread-safe. Readers use {@link #get} without a lock and see the immutable values the last
 * write published.
 */
final class PeerWrites {

  /** A change of a peer's addresses under its lock, given the global room it may use. */
  @FunctionalInterface
  interface AddrOp {
    AddrChange apply(MemoryPeer state, long globalRoom);
  }

  private final Limits limits;
  private final GlobalCaps caps;
  private final ConcurrentHashMap<PeerId, MemoryPeer> peers = new ConcurrentHashMap<>();
  /**
   * The ids of the live states in the peer order, for paging (docs/CONTRACT.md §17): a state
   * is listed by the write that first leaves it non-empty and unlisted before it leaves the
   * map, both under its lock.
   */
  private final ConcurrentSkipListSet<PeerId> ordered =
      new ConcurrentSkipListSet<>(PeerOrder.COMPARATOR);
  private final ProtocolPeers protocolIndex = new ProtocolPeers();
  private final ExpiryQueue expiries = new ExpiryQueue();
  private final AddrStreams streams;
  private final OpenGuard guard = new OpenGuard();

  PeerWrites(Limits limits, AddrStreams streams) {
    this.limits = limits;
    this.caps = new GlobalCaps(limits);
    this.streams = streams;
  }

  // ----------------------------------------------------------------------------------- readers

  /** Throws {@link IllegalStateException} after {@link #close()}. */
  void checkOpen() {
    guard.checkOpen();
  }

  /** The state of {@code peer}, or null (lock-free; throws NPE if {@code peer} is null). */
  @Nullable MemoryPeer get(PeerId peer) {
    return peers.get(Objects.requireNonNull(peer, "peer id"));
  }

  /** Whether {@code peer} has a state. */
  boolean contains(PeerId peer) {
    return peers.containsKey(peer);
  }

  /** The ids of every peer with a state (weakly consistent), as an unmodifiable copy. */
  Set<PeerId> peerIds() {
    return Collections.unmodifiableSet(new HashSet<>(peers.keySet()));
  }

  /** One page of the peers with a state, in the peer order (weakly consistent). */
  PeerPage page(@Nullable PeerId after, int limit) {
    return ProtocolPeers.page(ordered, after, limit);
  }

  /** The protocol index, kept in step by every write that changes a protocol set. */
  ProtocolPeers protocolIndex() {
    return protocolIndex;
  }

  /** Every current state (weakly consistent). */
  Collection<MemoryPeer> all() {
    return peers.values();
  }

  /** How many entries the expiry queue holds, stale ones included. */
  int expiryQueueSize() {
    return expiries.size();
  }

  // ------------------------------------------------------------------------------------ writes

  /** Runs {@code change} under {@code peer}'s lock (for books other than addresses). */
  <T extends @Nullable Object> @Nullable T write(PeerId peer, Function<MemoryPeer, T> change) {
    return locked(peer, true, change);
  }

  /**
   * Runs {@code op} under {@code peer}'s lock with global room for up to {@code maxNew} new
   * unconnected addresses, keeps the caps and the expiry queue in step, then publishes the
   * inserted addresses outside the lock.
   */
  void writeAddrs(PeerId peer, long maxNew, AddrOp op) {
    AddrChange change = locked(peer, true, state -> {
      AddrChange applied = applyAddrs(state, maxNew, op);
      if (applied.modified()) {
        afterAddrChange(state);
      }
      return applied;
    });
    streams.publish(peer, change.inserted());
  }

  /**
   * Stores {@code envelope} as {@code peer}'s record with the address change {@code op}, in one
   * step under the lock, unless {@code accepts} refuses it (checked first). A peer without a
   * record takes a slot of the record cap.
   *
   * @return whether the record was stored
   * @throws org.peerstore.LimitExceededException when the record cap is full (nothing changes)
   */
  boolean writeRecord(PeerId peer, Envelope envelope, long maxNew,
      Predicate<MemoryPeer> accepts, AddrOp op) {
    AddrChange change = locked(peer, true, state -> {
      if (!accepts.test(state)) {
        return null;
      }
      boolean hadRecord = state.envelope != null;
      if (!hadRecord) {
        caps.reserveRecord();
      }
      boolean stored = false;
      try {
        AddrChange applied = applyAddrs(state, maxNew, op);
        state.setRecord(envelope);
        stored = true;
        afterAddrChange(state);
        return applied;
      } finally {
        if (!stored && !hadRecord) {
          caps.releaseRecord();
        }
      }
    });
    if (change == null) {
      return false;
    }
    streams.publish(peer, change.inserted());
    return true;
  }

  /**
   * Removes {@code peer}'s keys, protocols and metadata; its addresses and record stay (they
   * expire on their own).
   *
   * @return whether anything was removed
   */
  boolean removePeer(PeerId peer) {
    if (!peers.containsKey(peer)) {
      return false;
    }
    Boolean removed = locked(peer, false, state -> {
      boolean had = state.pubKey != null || state.privKey != null
          || !state.protocols.isEmpty() || !state.metadata.isEmpty();
      state.pubKey = null;
      state.privKey = null;
      state.protocols = Set.of();
      state.metadata = Map.of();
      return had;
    });
    return removed != null && removed;
  }

  /** Replaces {@code snapshot.peer()}'s whole state with the (checked) snapshot. */
  void restore(PeerSnapshot snapshot) {
    PeerId peer = snapshot.peer();
    List<AddrEntry> entries = SnapshotRules.entries(snapshot);
    if (snapshot.isEmpty() && !peers.containsKey(peer)) {
      return;
    }
    AddrChange change = locked(peer, true, state -> {
      long delta = snapshot.unconnectedCount() - state.addrs.unconnectedCount();
      boolean hadRecord = state.envelope != null;
      long reserved = delta > 0 ? caps.reserveUnconnected(delta) : 0;
      boolean recordTaken = false;
      boolean done = false;
      try {
        SnapshotRules.checkAddrRoom(delta, reserved);
        if (!hadRecord && snapshot.record() != null) {
          caps.reserveRecord();
          recordTaken = true;
        }
        AddrChange replaced = state.addrs.replaceAll(entries);
        if (hadRecord && snapshot.record() == null) {
          caps.releaseRecord();
        }
        state.setRecord(snapshot.record());
        state.pubKey = snapshot.pubKey();
        state.privKey = snapshot.privKey();
        state.protocols = snapshot.protocols();
        Map<String, byte[]> metadata = new HashMap<>();
        snapshot.metadata().forEach((key, value) -> metadata.put(key, value.clone()));
        state.metadata = metadata.isEmpty() ? Map.of() : Collections.unmodifiableMap(metadata);
        afterAddrChange(state);
        done = true;
        return replaced;
      } finally {
        caps.settleUnconnected(reserved, done ? delta : 0);
        if (!done && recordTaken) {
          caps.releaseRecord();
        }
      }
    });
    streams.publish(peer, change.inserted());
  }

  /** {@code peer}'s snapshot taken under its lock, or null when it has no state. */
  @Nullable PeerSnapshot snapshot(PeerId peer) {
    return locked(peer, false, state -> SnapshotRules.of(peer, state.addrs.entries(),
        state.envelope, state.pubKey, state.privKey, state.protocols, state.metadata));
  }

  /**
   * Removes the addresses expired at {@code nowNanos} of every peer the expiry queue says is
   * due, taking each peer's lock in turn.
   *
   * @return how many addresses were removed
   */
  long collect(long nowNanos) {
    long removed = 0;
    for (ExpiryQueue.Due due = expiries.pollDue(nowNanos); due != null;
        due = expiries.pollDue(nowNanos)) {
      long expiry = due.expiry();
      Integer count = locked(due.peer(), false, state -> expire(state, expiry, nowNanos));
      removed += count == null ? 0 : count;
    }
    return removed;
  }

  /** Marks the store closed; true the first time (see {@link OpenGuard#close}). */
  boolean close() {
    return guard.close();
  }

  /** Drops all data (after {@link #close()}). */
  void clear() {
    peers.clear();
    ordered.clear();
    protocolIndex.clear();
    expiries.clear();
  }

  // --------------------------------------------------------------------------------- internals

  /**
   * The lock sequence, the only one of the store: runs {@code change} under the lock of
   * {@code peer}'s state, creating the state first if {@code create} (else returning null when
   * there is none), and retires the state if {@code change} left it empty. A writer that finds
   * a state retired concurrently retries with a fresh one, so no write is lost.
   */
  private <T extends @Nullable Object> @Nullable T locked(
      PeerId peer, boolean create, Function<MemoryPeer, T> change) {
    Objects.requireNonNull(peer, "peer id");
    while (true) {
      MemoryPeer state = create ? peers.computeIfAbsent(peer, MemoryPeer::new) : peers.get(peer);
      if (state == null) {
        return null;
      }
      synchronized (state) {
        if (state.dead) {
          if (create) {
            continue;
          }
          return null;
        }
        Set<String> protocolsBefore = state.protocols;
        try {
          return change.apply(state);
        } finally {
          if (state.protocols != protocolsBefore) {
            protocolIndex.update(peer, protocolsBefore, state.protocols);
          }
          retireIfEmpty(state);
          if (!state.dead && !state.listed) {
            state.listed = true;
            ordered.add(peer);
          }
        }
      }
    }
  }

  /** Applies {@code op} within a reservation of the address cap, settled with its effect. */
  private AddrChange applyAddrs(MemoryPeer state, long maxNew, AddrOp op) {
    int unconnectedBefore = state.addrs.unconnectedCount();
    long room = caps.reserveUnconnected(maxNew);
    try {
      return op.apply(state, room);
    } finally {
      caps.settleUnconnected(room, state.addrs.unconnectedCount() - unconnectedBefore);
    }
  }

  /** One due queue entry of {@code state} (under its lock): how many addresses it removed. */
  private int expire(MemoryPeer state, long expiry, long nowNanos) {
    if (state.scheduledExpiry != expiry) {
      return 0; // a stale entry: the peer's live entry is elsewhere in the queue
    }
    state.scheduledExpiry = Long.MAX_VALUE;
    int unconnectedBefore = state.addrs.unconnectedCount();
    int removed = state.addrs.removeExpired(nowNanos);
    caps.adjustUnconnected(state.addrs.unconnectedCount() - unconnectedBefore);
    if (removed > 0) {
      afterAddrChange(state);
    } else {
      scheduleExpiry(state);
    }
    return removed;
  }

  /**
   * After a change of {@code state.addrs} (under its lock): drops the record of a peer left
   * without addresses, publishes the new view and schedules the next expiry.
   */
  private void afterAddrChange(MemoryPeer state) {
    if (RecordRules.dropsRecord(state.envelope != null, state.addrs)) {
      state.setRecord(null);
      caps.releaseRecord();
    }
    state.publishView();
    scheduleExpiry(state);
  }

  /** Queues {@code state}'s next expiry unless an earlier entry is queued (under its lock). */
  private void scheduleExpiry(MemoryPeer state) {
    long next = state.addrs.nextExpiry();
    if (next < state.scheduledExpiry) {
      state.scheduledExpiry = next;
      expiries.add(next, state.id);
    }
  }

  /** Removes {@code state} from the map if nothing is left in it (under its lock). */
  private void retireIfEmpty(MemoryPeer state) {
    if (state.isEmpty()) {
      state.dead = true;
      // Unlisted before it leaves the map: a new state of the peer, made only after, lists
      // itself again.
      if (state.listed) {
        ordered.remove(state.id);
      }
      peers.remove(state.id, state);
    }
  }
}
