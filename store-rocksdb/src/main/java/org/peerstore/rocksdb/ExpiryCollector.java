package org.peerstore.rocksdb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.peerstore.StorageException;
import org.peerstore.internal.AddrState;
import org.peerstore.peer.PeerId;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * Garbage collection of expired addresses through the {@code expiry} index: it reads the index
 * from its start up to {@code now} only, so its cost is proportional to the peers with
 * something expired, never to the number of peers.
 *
 * <p>For each due index entry it takes the peer's lock, removes the peer's expired addresses
 * ({@link AddrState#removeExpired}), deletes the signed record if no address is left, and
 * rewrites the index entry for the peer's new earliest expiry: one write batch per peer. An
 * index entry that does not match the peer's stored addresses (left behind when a corrupt
 * address value was overwritten) is dropped; the index is derived data. A peer whose stored
 * address value is corrupt is left untouched, index entry included, for a verify tool to find.
 *
 * <p>Thread-safe; runs concurrently with every other store call.
 */
// "try": resources held only for their scope (a use of the store, a lock) are never read.
@SuppressWarnings("try")
final class ExpiryCollector {
  /** Index entries read per scan; each batch is processed before the next scan. */
  private static final int SCAN_CHUNK = 1024;

  private final StoreDb db;
  private final PeerStates states;
  private final StripedLocks locks;
  private final UseGuard guard;
  private final GlobalCounts counts;
  private final CorruptionLog corruption;

  ExpiryCollector(
      StoreDb db,
      PeerStates states,
      StripedLocks locks,
      UseGuard guard,
      GlobalCounts counts,
      CorruptionLog corruption) {
    this.db = db;
    this.states = states;
    this.locks = locks;
    this.guard = guard;
    this.counts = counts;
    this.corruption = corruption;
  }

  /**
   * Removes every address expired at {@code nowNanos}.
   *
   * @return how many addresses were removed
   * @throws IllegalStateException if the store is closed (also when closed meanwhile)
   * @throws StorageException if RocksDB fails
   */
  long collect(long nowNanos) {
    byte[] bound = StoreKeys.expiryBound(nowNanos == Long.MAX_VALUE ? nowNanos : nowNanos + 1);
    byte[] from = null;
    long removed = 0;
    while (true) {
      List<byte[]> due = new ArrayList<>();
      try (UseGuard.Use use = guard.enter()) {
        db.scan(ColumnFamily.EXPIRY, from, bound, false, (k, v) -> {
          due.add(k);
          return due.size() < SCAN_CHUNK;
        });
      }
      if (due.isEmpty()) {
        return removed;
      }
      for (byte[] indexKey : due) {
        removed += collectEntry(indexKey, nowNanos);
      }
      // Continue right after the last entry seen, so an entry left in place is not seen again.
      byte[] last = due.get(due.size() - 1);
      from = Arrays.copyOf(last, last.length + 1);
      if (due.size() < SCAN_CHUNK) {
        return removed;
      }
    }
  }

  private long collectEntry(byte[] indexKey, long nowNanos) {
    long expiry;
    PeerId p;
    try {
      expiry = StoreKeys.expiryOf(indexKey);
      p = PeerId.fromBytes(StoreKeys.expiryPeerIdOf(indexKey));
    } catch (CorruptValueException e) {
      corruption.report(ColumnFamily.EXPIRY, indexKey, e);
      return 0;
    } catch (RuntimeException e) {
      corruption.report(
          ColumnFamily.EXPIRY,
          indexKey,
          new CorruptValueException("expiry index key holds no valid peer id: " + e.getMessage(), e));
      return 0;
    }
    try (UseGuard.Use use = guard.enter()) {
      ReentrantLock lock = locks.of(p);
      lock.lock();
      try {
        return collectPeer(p, indexKey, expiry, nowNanos);
      } finally {
        lock.unlock();
      }
    }
  }

  private long collectPeer(PeerId p, byte[] indexKey, long expiry, long nowNanos) {
    // A peer that is not cached is loaded without caching it: collecting a cold peer must not
    // push hot ones out of the cache. Nobody else can cache it while we hold its lock.
    PeerState cached = states.cachedOrNull(p);
    int books = PeerState.ADDRS | (counts.active() ? PeerState.RECORD : 0);
    PeerState old = cached != null ? cached : states.loadUncached(p, books);
    if (old.isCorrupt(PeerState.ADDRS)) {
      return 0;
    }
    AddrState next = old.addrs.copy();
    int before = next.unconnectedCount();
    int removed = next.removeExpired(nowNanos);
    boolean stale = expiry != old.addrs.nextExpiry();
    if (removed == 0 && !stale) {
      return 0;
    }
    try (WriteBatch batch = new WriteBatch()) {
      PeerStates.putAddrs(batch, db, p, old, next, null);
      if (stale) {
        AddrWrites.replaceStaleIndex(batch, db::handle, indexKey, p.toBytes(), next.nextExpiry());
      }
      PeerState updated = cached != null ? states.afterAddrs(old, next, null) : null;
      states.commit(p, batch, updated, "remove expired addresses");
    } catch (RocksDBException e) {
      throw StorageErrors.of("prepare removal of expired addresses", e);
    }
    counts.applied(next.unconnectedCount() - before, PeerStates.recordDelta(old, next, null));
    return removed;
  }
}
