package org.peerstore.rocksdb;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rocksdb.Cache;
import org.rocksdb.Statistics;
import org.rocksdb.TickerType;

/**
 * Reads a {@link RocksPeerstoreStats} from the parts of an open store: the cache's counters,
 * RocksDB's properties summed over the column families, the block cache's usage, the
 * statistics' tickers, the corruption counts and the garbage collection counters. Every RocksDB
 * call here is a property or counter read (no I/O, no lock of the store). The caller holds a
 * use of the store, so nothing native is closed meanwhile. Stateless and thread-safe.
 */
final class StatsReader {
  /** Every ticker but the enum's end marker, in the enum's order. */
  private static final TickerType[] TICKERS = java.util.Arrays.stream(TickerType.values())
      .filter(t -> t != TickerType.TICKER_ENUM_MAX)
      .toArray(TickerType[]::new);

  private StatsReader() {}

  /** The stats of {@code parts}, with the on-demand collections counted by the caller. */
  static RocksPeerstoreStats read(StoreParts parts, long onDemandRuns, long onDemandRemoved) {
    return new RocksPeerstoreStats(
        parts.states.cacheCounters(),
        rocksdb(parts.db),
        tickers(parts.db.statistics()),
        parts.corruption.total(),
        parts.corruption.byColumnFamily(),
        new RocksPeerstoreStats.GcStats(parts.gc.runs(), parts.gc.failures(),
            parts.gc.collected(), onDemandRuns, onDemandRemoved));
  }

  private static RocksPeerstoreStats.RocksDbStats rocksdb(StoreDb db) {
    Cache cache = db.blockCache();
    return new RocksPeerstoreStats.RocksDbStats(
        sum(db, "rocksdb.estimate-num-keys"),
        sum(db, "rocksdb.estimate-live-data-size"),
        sum(db, "rocksdb.estimate-pending-compaction-bytes"),
        sum(db, "rocksdb.cur-size-all-mem-tables"),
        sum(db, "rocksdb.total-sst-files-size"),
        cache == null ? -1 : cache.getUsage(),
        cache == null ? -1 : cache.getPinnedUsage());
  }

  /** {@code property} summed over the column families; -1 if no column family could tell. */
  private static long sum(StoreDb db, String property) {
    long total = 0;
    boolean any = false;
    for (ColumnFamily cf : ColumnFamily.values()) {
      long v = db.longProperty(cf, property);
      if (v >= 0) {
        total += v;
        any = true;
      }
    }
    return any ? total : -1;
  }

  private static Map<String, Long> tickers(Statistics statistics) {
    Map<String, Long> out = new LinkedHashMap<>();
    if (statistics != null) {
      for (TickerType t : TICKERS) {
        out.put(t.name(), statistics.getTickerCount(t));
      }
    }
    return out;
  }
}
