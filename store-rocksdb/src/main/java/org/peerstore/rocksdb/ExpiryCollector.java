package org.peerstore.rocksdb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.peerstore.internal.AddrState;
import org.peerstore.peer.PeerId;
import org.jspecify.annotations.Nullable;

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
 * address book is read (and the record, verified as every load verifies it, when a global cap
 * counts records or the pass counts records removed). Every removal is a {@link PeerMutation}
 * given to {@link PeerWrites}, the store's one write path; offline maintenance runs the same
 * walk ({@link #collectAll}) over a store opened without a cache.
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
  /** Whether a collected peer's record is loaded, so a pass can count records removed. */
  private final boolean countsRecords;

  /** Held by the pass that may move the resume point. */
  private final ReentrantLock resumeLock = new ReentrantLock();
  // Guarded by resumeLock.
  private byte @Nullable [] resumeFrom;
  private long lastNow = Long.MIN_VALUE;
  private int passesSinceFull;

  /**
   * @param countsRecords whether {@link Pass#records} is counted (offline maintenance reports
   *     it; it costs loading, and so verifying, the record of every peer collected)
   */
  ExpiryCollector(StoreDb db, PeerWrites writes, UseGuard guard, CorruptionLog corruption,
      boolean countsRecords) {
    this.db = db;
    this.writes = writes;
    this.guard = guard;
    this.corruption = corruption;
    this.countsRecords = countsRecords;
  }

  /** What one pass did. */
  static final class Pass {
    /** Expired addresses removed. */
    long removed;
    /** Peers that had expired addresses removed. */
    long peers;
    /** Peers left without any address. */
    long emptied;
    /** Signed records removed with their peer's last address (counted if asked). */
    long records;
    /** Index entries that no longer matched their peer, dropped or re-keyed. */
    long stale;
    /** Due entries left in place because the entry or the peer's addresses do not decode. */
    long skipped;
    /** The smallest index key left in place, or null. */
    byte @Nullable [] firstLeft;

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
      return pass(null, bound, nowNanos, NO_PROGRESS).removed;
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
      Pass done = pass(from, bound, nowNanos, NO_PROGRESS);
      resumeFrom = done.firstLeft != null ? done.firstLeft : bound;
      lastNow = nowNanos;
      passesSinceFull = full ? 0 : passesSinceFull + 1;
      return done.removed;
    } finally {
      resumeLock.unlock();
    }
  }

  private static final Runnable NO_PROGRESS = () -> {};

  /**
   * One full pass over every entry due at {@code nowNanos}, from the start of the index, as
   * offline maintenance runs it; {@code perEntry} runs after each due entry.
   *
   * @throws org.peerstore.StorageException if RocksDB fails
   */
  Pass collectAll(long nowNanos, Runnable perEntry) {
    byte[] bound = StoreKeys.expiryBound(nowNanos == Long.MAX_VALUE ? nowNanos : nowNanos + 1);
    return pass(null, bound, nowNanos, perEntry);
  }

  private Pass pass(byte[] start, byte[] bound, long nowNanos, Runnable perEntry) {
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
        if (!collectEntry(indexKey, nowNanos, pass)) {
          pass.left(indexKey);
        }
        perEntry.run();
      }
      if (!more) {
        return pass;
      }
    }
  }

  /** Collects one due entry into {@code pass}; false when the entry was left in place. */
  private boolean collectEntry(byte[] indexKey, long nowNanos, Pass pass) {
    long expiry;
    PeerId p;
    try {
      expiry = StoreKeys.expiryOf(indexKey);
      p = PeerId.fromBytes(StoreKeys.expiryPeerIdOf(indexKey));
    } catch (CorruptValueException e) {
      corruption.report(ColumnFamily.EXPIRY, indexKey, e);
      pass.skipped++;
      return false;
    } catch (RuntimeException e) {
      corruption.report(
          ColumnFamily.EXPIRY,
          indexKey,
          new CorruptValueException("expiry index key holds no valid peer id: " + e.getMessage(), e));
      pass.skipped++;
      return false;
    }
    ExpiredAddrs m = new ExpiredAddrs(p, indexKey, expiry, nowNanos, pass);
    writes.write(p, m);
    return m.collected;
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
    private final Pass pass;
    /** Whether the entry was handled (false: left in place). */
    boolean collected;

    ExpiredAddrs(PeerId peer, byte[] indexKey, long expiry, long nowNanos, Pass pass) {
      this.peer = peer;
      this.indexKey = indexKey;
      this.expiry = expiry;
      this.nowNanos = nowNanos;
      this.pass = pass;
    }

    @Override
    public int books() {
      return countsRecords ? PeerState.ADDRS | PeerState.RECORD : PeerState.ADDRS;
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
    public @Nullable PeerState apply(PeerState old, Batch batch, long ignoredNow, long room) {
      if (old.isCorrupt(PeerState.ADDRS)) {
        pass.skipped++;
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
            batch, indexKey, peer.toBytes(), next.nextExpiry());
      }
      // Counted before the commit: a failed commit throws out of the whole pass.
      collected = true;
      if (count > 0) {
        pass.removed += count;
        pass.peers++;
        if (next.isEmpty()) {
          pass.emptied++;
          if (old.record != null || old.isCorrupt(PeerState.RECORD)) {
            pass.records++;
          }
        }
      }
      if (stale) {
        pass.stale++;
      }
      return AddrMutation.after(old, next, null, addrBytes);
    }
  }
}
