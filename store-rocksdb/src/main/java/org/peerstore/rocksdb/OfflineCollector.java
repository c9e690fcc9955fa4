package org.peerstore.rocksdb;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.peerstore.internal.AddrStreams;
import org.peerstore.internal.GlobalCaps;
import org.peerstore.internal.Limits;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * Garbage collection of a closed store for {@link RocksMaintenance#collectGarbage}: the very
 * walk of the expiry index that a running store makes ({@link ExpiryCollector#collectAll},
 * through the same write path, {@link PeerWrites}, over a store opened without a cache and
 * without global caps), plus a scan of {@code records} for records whose peer has no address
 * value at all.
 *
 * <p>Entries that do not decode are skipped and counted, never deleted: deleting is
 * {@link StoreVerifier}'s job, after reporting. Not thread-safe (one run at a time; the store
 * directory is locked by the maintenance handle).
 */
final class OfflineCollector {
  /** Lock stripes of the offline write path (one thread writes). */
  private static final int LOCK_STRIPES = 16;

  private final StoreDb db;

  OfflineCollector(StoreDb db) {
    this.db = db;
  }

  GcReport collect(long nowNanos, MaintenanceProgress progress) {
    byte[] bound = StoreKeys.expiryBound(nowNanos == Long.MAX_VALUE ? nowNanos : nowNanos + 1);
    long[] total = {0};
    db.scan(ColumnFamily.EXPIRY, null, bound, (k, v) -> {
      total[0]++;
      return true;
    });
    long recordsTotal = Math.max(0, db.longProperty(ColumnFamily.RECORDS,
        "rocksdb.estimate-num-keys"));
    long work = total[0] + recordsTotal;
    long[] done = {0};
    ExpiryCollector.Pass pass;
    // No address is ever inserted by a collection: the streams are never published to.
    AddrStreams streams = new AddrStreams("peerstore-offline-gc-");
    try {
      pass = collector(streams, nowNanos).collectAll(nowNanos,
          () -> progress.update(++done[0], work));
    } finally {
      streams.close();
    }
    long orphans = 0;
    try (WriteBatch batch = new WriteBatch()) {
      long[] count = {0};
      db.scan(ColumnFamily.RECORDS, null, null, (k, v) -> {
        if (db.get(ColumnFamily.ADDRS, k) == null) {
          try {
            batch.delete(db.handle(ColumnFamily.RECORDS), k);
          } catch (RocksDBException e) {
            throw StorageErrors.of("prepare an orphaned record delete", e);
          }
          count[0]++;
        }
        progress.update(++done[0], work);
        return true;
      });
      if (batch.count() > 0) {
        db.write(batch, "delete orphaned records");
      }
      orphans = count[0];
    }
    progress.update(work, work);
    return new GcReport(pass.removed, pass.peers, pass.emptied, pass.records, orphans,
        pass.stale, pass.skipped);
  }

  /** The live store's collector over this store: no cache, no caps, records counted. */
  private ExpiryCollector collector(AddrStreams streams, long nowNanos) {
    UseGuard guard = new UseGuard();
    StripedLocks locks = new StripedLocks(LOCK_STRIPES);
    CorruptionLog corruption = new CorruptionLog(db.dir().toString());
    PeerStates states = new PeerStates(db, corruption, locks, guard, 0);
    PeerWrites writes = new PeerWrites(states, locks, guard,
        new GlobalCaps(Limits.unlimited(Integer.MAX_VALUE)), streams,
        Clock.fixed(Instant.EPOCH.plusNanos(nowNanos), ZoneOffset.UTC), null, null);
    return new ExpiryCollector(db, writes, guard, corruption, true);
  }
}
