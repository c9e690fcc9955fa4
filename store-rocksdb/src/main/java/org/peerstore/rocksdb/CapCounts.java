package org.peerstore.rocksdb;

import org.peerstore.internal.GlobalCaps;

/**
 * Loads the counts behind the optional global caps ({@code maxUnconnectedAddrs},
 * {@code maxSignedRecords}; the RocksDB store has none by default) into the shared
 * {@link GlobalCaps}, which then keeps them exactly as the in-memory store does.
 *
 * <p>The counts are taken by one scan of the {@code addrs} and {@code records} column families
 * when the store opens: the only full scan the store ever makes, and only when a cap is set.
 */
final class CapCounts {
  private CapCounts() {}

  /**
   * Takes the counts from the database into {@code caps} (a no-op without a cap). Corrupt
   * address values count as holding no address.
   */
  static void load(GlobalCaps caps, StoreDb db, CorruptionLog corruption) {
    if (!caps.counting()) {
      return;
    }
    long[] addrs = {0};
    db.scan(ColumnFamily.ADDRS, null, null, false, (key, value) -> {
      try {
        addrs[0] += ValueCodec.unconnectedCount(value);
      } catch (CorruptValueException e) {
        corruption.report(ColumnFamily.ADDRS, key, e);
      }
      return true;
    });
    long[] records = {0};
    db.scan(ColumnFamily.RECORDS, null, null, false, (key, value) -> {
      records[0]++;
      return true;
    });
    caps.load(addrs[0], records[0]);
  }
}
