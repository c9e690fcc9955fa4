package org.peerstore.rocksdb;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a running {@link RocksPeerstore} has counted since it opened, and what RocksDB estimates
 * about its data now; returned by {@link RocksPeerstore#stats()} (docs/STORAGE.md,
 * "Observability"). Counters only grow while the store is open and start from zero at every
 * open. The parts are read one after another, not at one instant: two values may disagree by
 * the calls that ran meanwhile. Immutable.
 *
 * @param cache the decoded-state cache
 * @param rocksdb RocksDB's size estimates and block cache usage
 * @param tickers RocksDB's ticker counters by {@code org.rocksdb.TickerType} constant name (for
 *     example {@code BLOCK_CACHE_HIT}, {@code BYTES_WRITTEN}), every ticker in the enum's order;
 *     empty unless the store was built with {@link RocksPeerstoreBuilder#statistics(boolean)}
 * @param corruptValues corrupt or unverifiable stored entries reads met (as
 *     {@link RocksPeerstore#corruptValueCount()})
 * @param corruptValuesByColumnFamily {@code corruptValues} by column family name; only non-zero
 *     counts appear
 * @param gc garbage collection runs and what they removed
 */
public record RocksPeerstoreStats(
    CacheStats cache,
    RocksDbStats rocksdb,
    Map<String, Long> tickers,
    long corruptValues,
    Map<String, Long> corruptValuesByColumnFamily,
    GcStats gc) {

  /** Checks for nulls and copies the maps (keeping their order). */
  public RocksPeerstoreStats {
    Objects.requireNonNull(cache, "cache");
    Objects.requireNonNull(rocksdb, "rocksdb");
    Objects.requireNonNull(gc, "gc");
    tickers = Collections.unmodifiableMap(new LinkedHashMap<>(tickers));
    corruptValuesByColumnFamily =
        Collections.unmodifiableMap(new LinkedHashMap<>(corruptValuesByColumnFamily));
  }

  /**
   * Counters of the cache of decoded per-peer state. A <em>lookup</em> is one fetch of a peer's
   * state by a read, or by a write (which reads the current state before it changes it); a
   * call that spans books or peers may make several, a scan ({@code peers()},
   * {@code peersWithAddrs()}) and garbage collection make none.
   *
   * @param enabled whether the cache is on ({@code cacheSizeBytes > 0}); when off, every lookup
   *     is a miss and the other fields are zero
   * @param hits lookups answered by the cached snapshot alone, without a RocksDB call; -1
   *     unless the store was built with {@link RocksPeerstoreBuilder#recordCacheHits(boolean)}
   * @param misses lookups that read RocksDB: the peer was not cached, or its cached snapshot
   *     lacked a book the call needed (only the missing books are read)
   * @param evictions snapshots the byte budget pushed out of the cache (not those dropped after a
   *     failed write or on close)
   * @param evictedWeightBytes estimated heap bytes of the evicted snapshots
   * @param entries peers cached now (Caffeine's estimate, evictions still pending included)
   * @param weightBytes estimated heap bytes of the cached snapshots now
   * @param maximumWeightBytes the cache's budget ({@code cacheSizeBytes})
   */
  public record CacheStats(
      boolean enabled,
      long hits,
      long misses,
      long evictions,
      long evictedWeightBytes,
      long entries,
      long weightBytes,
      long maximumWeightBytes) {

    /**
     * {@code hits / (hits + misses)}; 0 before the first lookup, NaN when hits are not
     * recorded.
     */
    public double hitRatio() {
      if (hits < 0) {
        return Double.NaN;
      }
      long lookups = hits + misses;
      return lookups == 0 ? 0 : (double) hits / lookups;
    }
  }

  /**
   * RocksDB's own estimates, summed over the store's column families (RocksDB properties);
   * {@code -1} where RocksDB could not tell for any column family.
   *
   * @param estimatedKeys keys stored, an estimate that counts overwritten and deleted keys not
   *     yet compacted away ({@code rocksdb.estimate-num-keys})
   * @param liveDataBytes bytes of live data ({@code rocksdb.estimate-live-data-size})
   * @param pendingCompactionBytes bytes compaction still has to rewrite to settle the levels
   *     ({@code rocksdb.estimate-pending-compaction-bytes})
   * @param memtableBytes bytes of the active and immutable memtables
   *     ({@code rocksdb.cur-size-all-mem-tables})
   * @param sstFileBytes bytes of the SST files ({@code rocksdb.total-sst-files-size})
   * @param blockCacheUsageBytes bytes in the block cache now; with a block cache shared through
   *     {@link RocksPeerstoreBuilder#blockCache} this is the whole cache's usage, other users'
   *     entries included
   * @param blockCachePinnedUsageBytes of those, bytes pinned by readers or the table readers
   */
  public record RocksDbStats(
      long estimatedKeys,
      long liveDataBytes,
      long pendingCompactionBytes,
      long memtableBytes,
      long sstFileBytes,
      long blockCacheUsageBytes,
      long blockCachePinnedUsageBytes) {}

  /**
   * Garbage collection since the store opened (docs/STORAGE.md, "Garbage collection").
   *
   * @param backgroundRuns collections the background thread ran (every {@code gcInterval}),
   *     failed ones included
   * @param backgroundFailures of those, the ones that failed (a RocksDB error; the first is
   *     logged)
   * @param backgroundRemoved expired addresses the background collections removed
   * @param onDemandRuns calls of {@link RocksPeerstore#collectGarbage()} that completed
   * @param onDemandRemoved expired addresses those calls removed
   */
  public record GcStats(
      long backgroundRuns,
      long backgroundFailures,
      long backgroundRemoved,
      long onDemandRuns,
      long onDemandRemoved) {}
}
