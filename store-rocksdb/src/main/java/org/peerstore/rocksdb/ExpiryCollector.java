package org.peerstore.rocksdb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.peerstore.internal.AddrState;
import org.peerstore.peer.PeerId;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * Garbage collection of expired addresses through the {@code expiry} index: it reads the index
 * up to {@code now} only, so its cost is proportional to the peers with something expired,
 * never to the number of peers.
 *
 * <p>For each due index entry it takes the peer's lock, removes the peer's expired addresses
 * ({@link AddrState#removeExpired}), deletes the signed record if no address is left, and
 * rewrites the index entry for the peer's new earliest expiry: one write batch per peer. An
 * index entry that does not match the peer's stored addresses (left behind when a corrupt
 * address value was overwritten) is dropped; the index is derived data. A peer whose stored
 * address value is corrupt is left untouched, index entry included, for a verify tool to find.
 * Due entries are read in chunks, and each chunk is processed in peer key order, so a mass
 * expiry reads the {@code addrs} column family in order rather than at random; only the
 * address book is read (the record only when a global cap counts records and the peer loses
 * its last address, and then only whether one is stored).
 *
 * <p><b>Where a pass starts.</b> A pass does not start at the beginning of the index: the
 * entries before the previous pass's bound were all collected, and their deletes (tombstones)
 * would make every pass pay for the history of the index. It starts at the earliest of: the
 * previous pass's bound, the first entry the previous pass left in place, and the earliest
 * expiry any write indexed since the previous pass started ({@link ExpiryWatermark}, noted
 * after the write is committed, so an entry the previous pass could not see is noted after it
 * took the watermark). Every {@value #FULL_PASS_EVERY}th pass, the first pass, a pass after a
 * failed one and a pass whose clock went back start at the beginning anyway. Passes that
 * overlap (the background collector and a caller) are allowed; the one that finds another
 * running makes a full pass and leaves the resume point alone.
 *
 * <p>Thread-safe; runs concurrently with every other store call.
 */
// "try": resources held only for their scope (a use of the store, a lock) are never read.
@SuppressWarnings("try")
final class ExpiryCollector {
  /** Index entries read per scan; each batch is processed before the next scan. */
  private static final int SCAN_CHUNK = 1024;

  /** Every how many passes one starts at the beginning of the index regardless. */
  static final int FULL_PASS_EVERY = 64;

  private static final int EXPIRY_WIDTH = Long.BYTES;

  /** Orders expiry index keys by the peer key they point to ({@code [len][id]} order). */
  private static final Comparator<byte[]> BY_PEER_KEY =
      Comparator.<byte[]>comparingInt(k -> k.length)
          .thenComparing(
              (a, b) -> Arrays.compareUnsigned(a, EXPIRY_WIDTH, a.length, b, EXPIRY_WIDTH, b.length));

  private final StoreDb db;
  private final PeerWrites writes;
  private final UseGuard guard;
  private final CorruptionLog corruption;

  /** Held by the pass that may move the resume point. */
  private final ReentrantLock resumeLock = new ReentrantLock();
  // Guarded by resumeLock.
  private byte[] resumeFrom;
  private long lastNow = Long.MIN_VALUE;
  private int passesSinceFull;

  ExpiryCollector(StoreDb db, PeerWrites writes, UseGuard guard, CorruptionLog corruption) {
    this.db = db;
    this.writes = writes;
    this.guard = guard;
    this.corruption = corruption;
  }

  /** What one pass did. */
  private static final class Pass {
    long removed;
    /** The smallest index key left in place, or null. */
    byte[] firstLeft;

    void left(byte[] indexKey) {
      if (firstLeft == null || Arrays.compareUnsigned(indexKey, firstLeft) < 0) {
        firstLeft = indexKey;
      }
    }
  }

  /**
   * Removes every address expired at {@code nowNanos}.
   *
   * @return how many addresses were removed
   * @throws IllegalStateException if the store is closed (also when closed meanwhile)
   * @throws org.peerstore.StorageException if RocksDB fails
   */
  long collect(long nowNanos) {
    byte[] bound = StoreKeys.expiryBound(nowNanos == Long.MAX_VALUE ? nowNanos : nowNanos + 1);
    if (!resumeLock.tryLock()) {
      return pass(null, bound, nowNanos).removed;
    }
    try {
      long written = writes.states().indexed().take();
      byte[] from = resumeFrom;
      boolean full = from == null || nowNanos < lastNow || passesSinceFull >= FULL_PASS_EVERY;
      if (full) {
        from = null;
      } else if (written != Long.MAX_VALUE) {
        byte[] w = StoreKeys.expiryBound(written);
        if (Arrays.compareUnsigned(w, from) < 0) {
          from = w;
        }
      }
      // A failed pass leaves resumeFrom null: the next one starts at the beginning.
      resumeFrom = null;
      Pass done = pass(from, bound, nowNanos);
      resumeFrom = done.firstLeft != null ? done.firstLeft : bound;
      lastNow = nowNanos;
      passesSinceFull = full ? 0 : passesSinceFull + 1;
      return done.removed;
    } finally {
      resumeLock.unlock();
    }
  }

  private Pass pass(byte[] start, byte[] bound, long nowNanos) {
    Pass pass = new Pass();
    byte[] from = start;
    while (true) {
      List<byte[]> due = new ArrayList<>();
      try (UseGuard.Use use = guard.enter()) {
        db.scan(ColumnFamily.EXPIRY, from, bound, false, (k, v) -> {
          due.add(k);
          return due.size() < SCAN_CHUNK;
        });
      }
      if (due.isEmpty()) {
        return pass;
      }
      // Continue right after the last entry seen, so an entry left in place is not seen again.
      byte[] last = due.get(due.size() - 1);
      from = Arrays.copyOf(last, last.length + 1);
      boolean more = due.size() == SCAN_CHUNK;
      due.sort(BY_PEER_KEY);
      for (byte[] indexKey : due) {
        long removed = collectEntry(indexKey, nowNanos);
        if (removed < 0) {
          pass.left(indexKey);
        } else {
          pass.removed += removed;
        }
      }
      if (!more) {
        return pass;
      }
    }
  }

  /** How many addresses were removed, or -1 when the entry was left in place. */
  private long collectEntry(byte[] indexKey, long nowNanos) {
    long expiry;
    PeerId p;
    try {
      expiry = StoreKeys.expiryOf(indexKey);
      p = PeerId.fromBytes(StoreKeys.expiryPeerIdOf(indexKey));
    } catch (CorruptValueException e) {
      corruption.report(ColumnFamily.EXPIRY, indexKey, e);
      return -1;
    } catch (RuntimeException e) {
      corruption.report(
          ColumnFamily.EXPIRY,
          indexKey,
          new CorruptValueException("expiry index key holds no valid peer id: " + e.getMessage(), e));
      return -1;
    }
    ExpiredAddrs m = new ExpiredAddrs(p, indexKey, expiry, nowNanos);
    writes.write(p, m);
    return m.removed;
  }

  /**
   * Removes a peer's addresses expired at the pass's now and re-keys its index entry, as one
   * {@link PeerMutation}. A peer that is not cached is loaded without caching it: collecting a
   * cold peer must not push hot ones out of the cache.
   */
  private final class ExpiredAddrs implements PeerMutation {
    private final PeerId peer;
    private final byte[] indexKey;
    private final long expiry;
    private final long nowNanos;
    /** What was removed, or -1 when the entry is left in place. */
    long removed = -1;

    ExpiredAddrs(PeerId peer, byte[] indexKey, long expiry, long nowNanos) {
      this.peer = peer;
      this.indexKey = indexKey;
      this.expiry = expiry;
      this.nowNanos = nowNanos;
    }

    @Override
    public int books() {
      return PeerState.ADDRS;
    }

    @Override
    public String what() {
      return "remove expired addresses";
    }

    @Override
    public boolean fillsCache() {
      return false;
    }

    @Override
    public PeerState apply(PeerState old, WriteBatch batch, long ignoredNow, long room)
        throws RocksDBException {
      if (old.isCorrupt(PeerState.ADDRS)) {
        return null;
      }
      AddrState next = old.addrs.copy();
      int count = next.removeExpired(nowNanos);
      boolean stale = expiry != old.addrs.nextExpiry();
      if (count == 0 && !stale) {
        // Not due after all (cannot happen while the index matches the values): keep it.
        return null;
      }
      int addrBytes = AddrMutation.putAddrs(batch, db, peer, old, next, null);
      if (stale) {
        AddrWrites.replaceStaleIndex(
            batch, db::handle, indexKey, peer.toBytes(), next.nextExpiry());
      }
      removed = count;
      return AddrMutation.after(old, next, null, addrBytes);
    }
  }
}
