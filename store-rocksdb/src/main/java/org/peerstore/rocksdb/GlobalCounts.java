package org.peerstore.rocksdb;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.peerstore.internal.Limits;

/**
 * The store-wide counts behind the optional global caps ({@code maxUnconnectedAddrs},
 * {@code maxSignedRecords}; the RocksDB store has none by default).
 *
 * <p>Without a global cap nothing is counted and {@link #growth()} is a no-op. With one, the
 * counts are taken by one scan of the {@code addrs} and {@code records} column families when
 * the store opens (the only full scan the store ever makes, and only when a cap is set), then
 * kept in memory; every change that can add an address or a record holds {@link #growth()},
 * so a check of the room and the write that uses it are one step and the cap is exact.
 * Changes that only remove (garbage collection, clearing) update the counts without it.
 *
 * <p>Thread-safe.
 */
final class GlobalCounts {
  private final Limits limits;
  private final boolean active;
  private final AtomicLong unconnected = new AtomicLong();
  private final AtomicLong records = new AtomicLong();
  private final ReentrantLock growth = new ReentrantLock();

  /** Counts for {@code limits}; active only when a global cap is set. */
  GlobalCounts(Limits limits) {
    this.limits = limits;
    this.active = limits.maxUnconnectedAddrs() > 0 || limits.maxSignedRecords() > 0;
  }

  /** Whether a global cap is set (and so the counts are kept). */
  boolean active() {
    return active;
  }

  /**
   * Takes the counts from the database (once, at open; a no-op without a cap). Corrupt
   * address values count as holding no address.
   */
  void load(StoreDb db, CorruptionLog corruption) {
    if (!active) {
      return;
    }
    long[] addrs = {0};
    db.scan(
        ColumnFamily.ADDRS,
        null,
        null,
        false,
        (k, v) -> {
          try {
            addrs[0] += ValueCodec.unconnectedCount(v);
          } catch (CorruptValueException e) {
            corruption.report(ColumnFamily.ADDRS, k, e);
          }
          return true;
        });
    long[] recs = {0};
    db.scan(ColumnFamily.RECORDS, null, null, false, (k, v) -> {
      recs[0]++;
      return true;
    });
    unconnected.set(addrs[0]);
    records.set(recs[0]);
  }

  /** How many more unconnected addresses the global cap allows now. */
  long addrRoom() {
    return active ? limits.unconnectedRoom(unconnected.get()) : Long.MAX_VALUE;
  }

  /** How many signed records are stored (0 when not counting). */
  long records() {
    return records.get();
  }

  /** Applies a committed change's net effect on the counts. */
  void applied(long unconnectedDelta, long recordDelta) {
    if (active) {
      unconnected.addAndGet(unconnectedDelta);
      records.addAndGet(recordDelta);
    }
  }

  /** Serialises changes that may grow the counts, while a cap is set; release with close. */
  Growth growth() {
    if (!active) {
      return Growth.NONE;
    }
    growth.lock();
    return growth::unlock;
  }

  /** A held growth permission. */
  @FunctionalInterface
  interface Growth extends AutoCloseable {
    /** Nothing to release. */
    Growth NONE = () -> {};

    /** Releases it. */
    @Override
    void close();
  }
}
