package org.peerstore.rocksdb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.peerstore.StorageException;
import org.peerstore.internal.AddrState;
import org.peerstore.peer.PeerId;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * Garbage collection of a closed store for {@link RocksMaintenance#collectGarbage}: the same
 * walk of the expiry index up to now that {@link ExpiryCollector} makes in a running store
 * (expired addresses removed with {@link AddrState#removeExpired}, the record dropped with the
 * last address, the index entry moved to the new earliest expiry; one batch per peer), plus a
 * scan of {@code records} for records whose peer has no address value at all.
 *
 * <p>Entries that do not decode are skipped and counted, never deleted: deleting is
 * {@link StoreVerifier}'s job, after reporting. Not thread-safe (one run at a time; the store
 * directory is locked by the maintenance handle).
 */
final class OfflineCollector {
  private static final int SCAN_CHUNK = 1024;

  private final MaintenanceDb db;

  OfflineCollector(MaintenanceDb db) {
    this.db = db;
  }

  /**
   * Removes everything expired at {@code nowNanos} and every orphaned record.
   *
   * @throws StorageException if RocksDB fails
   */
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
    Counts c = new Counts();
    byte[] from = null;
    long done = 0;
    while (true) {
      List<byte[]> due = new ArrayList<>();
      db.scan(ColumnFamily.EXPIRY, from, bound, (k, v) -> {
        due.add(k);
        return due.size() < SCAN_CHUNK;
      });
      for (byte[] indexKey : due) {
        collectEntry(indexKey, nowNanos, c);
        progress.update(++done, work);
      }
      if (due.size() < SCAN_CHUNK) {
        break;
      }
      byte[] last = due.get(due.size() - 1);
      from = Arrays.copyOf(last, last.length + 1);
    }
    long[] scanned = {done};
    try (WriteBatch batch = new WriteBatch()) {
      db.scan(ColumnFamily.RECORDS, null, null, (k, v) -> {
        if (db.get(ColumnFamily.ADDRS, k) == null) {
          try {
            batch.delete(db.handle(ColumnFamily.RECORDS), k);
          } catch (RocksDBException e) {
            throw StorageErrors.of("prepare an orphaned record delete", e);
          }
          c.orphans++;
        }
        progress.update(++scanned[0], work);
        return true;
      });
      if (batch.count() > 0) {
        db.write(batch, "delete orphaned records");
      }
    }
    progress.update(work, work);
    return new GcReport(c.addrs, c.peers, c.emptied, c.records, c.orphans, c.stale, c.skipped);
  }

  /** What one run removed so far. */
  private static final class Counts {
    long addrs;
    long peers;
    long emptied;
    long records;
    long orphans;
    long stale;
    long skipped;
  }

  private void collectEntry(byte[] indexKey, long nowNanos, Counts c) {
    long expiry;
    byte[] id;
    try {
      expiry = StoreKeys.expiryOf(indexKey);
      id = StoreKeys.expiryPeerIdOf(indexKey);
      PeerId.fromBytes(id);
    } catch (CorruptValueException | RuntimeException e) {
      c.skipped++;
      return;
    }
    byte[] peerKey = StoreKeys.peer(id);
    byte[] stored = db.get(ColumnFamily.ADDRS, peerKey);
    AddrState state;
    if (stored == null) {
      state = new AddrState();
    } else {
      try {
        state = ValueCodec.decodeAddrs(stored);
      } catch (CorruptValueException e) {
        c.skipped++;
        return;
      }
    }
    AddrState next = state.copy();
    int removed = next.removeExpired(nowNanos);
    long oldNext = state.nextExpiry();
    boolean stale = expiry != oldNext;
    if (removed == 0 && !stale) {
      return;
    }
    try (WriteBatch batch = new WriteBatch()) {
      if (removed > 0) {
        AddrWrites.put(batch, db::handle, id, oldNext, next);
        if (next.isEmpty()) {
          if (db.get(ColumnFamily.RECORDS, peerKey) != null) {
            batch.delete(db.handle(ColumnFamily.RECORDS), peerKey);
            c.records++;
          }
          c.emptied++;
        }
      }
      if (stale) {
        AddrWrites.replaceStaleIndex(batch, db::handle, indexKey, id, next.nextExpiry());
        c.stale++;
      }
      db.write(batch, "remove expired addresses");
    } catch (RocksDBException e) {
      throw StorageErrors.of("prepare removal of expired addresses", e);
    }
    if (removed > 0) {
      c.addrs += removed;
      c.peers++;
    }
  }
}
