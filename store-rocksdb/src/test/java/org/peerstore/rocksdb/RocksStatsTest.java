package org.peerstore.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.AddrTtl;
import org.peerstore.conformance.Addrs;
import org.peerstore.conformance.MutableClock;
import org.peerstore.conformance.TestPeer;
import org.peerstore.peer.PeerId;
import org.rocksdb.Statistics;

/** {@link RocksPeerstore#stats()}: every part moves when the store does what it counts. */
class RocksStatsTest {
  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  private RocksPeerstoreBuilder builder() {
    return RocksPeerstore.builder(dir).clock(clock).gcInterval(Duration.ZERO).recordCacheHits(true);
  }

  @Test
  void cacheCountsAHitForACachedReadAndAMissForALoad() {
    PeerId peer = TestPeer.generate().id();
    PeerId unknown = TestPeer.generate().id();
    try (RocksPeerstore store = builder().build()) {
      RocksPeerstoreStats.CacheStats before = store.stats().cache();
      assertThat(before.enabled()).isTrue();
      assertThat(before.hits()).isZero();
      assertThat(before.misses()).isZero();
      assertThat(before.maximumWeightBytes())
          .isEqualTo(RocksPeerstoreBuilder.DEFAULT_CACHE_SIZE_BYTES);

      store.addAddr(peer, Addrs.addr(1), AddrTtl.ADDRESS); // not cached: the write loads it
      RocksPeerstoreStats.CacheStats afterWrite = store.stats().cache();
      assertThat(afterWrite.misses()).isEqualTo(1);
      assertThat(afterWrite.entries()).isEqualTo(1);
      assertThat(afterWrite.weightBytes()).isPositive();

      store.addrs(peer);
      store.addrs(peer);
      RocksPeerstoreStats.CacheStats afterReads = store.stats().cache();
      assertThat(afterReads.hits()).isEqualTo(2);
      assertThat(afterReads.misses()).isEqualTo(1);

      store.addrs(unknown); // a miss, then cached as an empty snapshot
      store.addrs(unknown);
      RocksPeerstoreStats.CacheStats last = store.stats().cache();
      assertThat(last.misses()).isEqualTo(2);
      assertThat(last.hits()).isEqualTo(3);
      assertThat(last.hitRatio()).isEqualTo(3.0 / 5);
      assertThat(last.evictions()).isZero();
    }
  }

  @Test
  void cacheAMissingBookIsAMissEvenWhenThePeerIsCached() {
    PeerId peer = TestPeer.generate().id();
    try (RocksPeerstore store = builder().build()) {
      store.addAddr(peer, Addrs.addr(1), AddrTtl.ADDRESS);
      long misses = store.stats().cache().misses();
      store.protocols(peer); // the snapshot holds addresses only
      assertThat(store.stats().cache().misses()).isEqualTo(misses + 1);
      store.protocols(peer);
      assertThat(store.stats().cache().misses()).isEqualTo(misses + 1);
    }
  }

  @Test
  void hitsAreNotCountedUnlessRecorded() {
    PeerId peer = TestPeer.generate().id();
    try (RocksPeerstore store =
        RocksPeerstore.builder(dir).clock(clock).gcInterval(Duration.ZERO).build()) {
      store.addAddr(peer, Addrs.addr(1), AddrTtl.ADDRESS);
      store.addrs(peer);
      RocksPeerstoreStats.CacheStats cache = store.stats().cache();
      assertThat(cache.hits()).isEqualTo(-1);
      assertThat(cache.hitRatio()).isNaN();
      assertThat(cache.misses()).as("misses are counted anyway").isEqualTo(1);
      assertThat(cache.entries()).isEqualTo(1);
    }
  }

  @Test
  void cacheCountsEvictionsOfTheByteBudget() {
    try (RocksPeerstore store = builder().cacheSizeBytes(16 << 10).build()) {
      for (int i = 0; i < 500; i++) {
        store.addAddr(TestPeer.generate().id(), Addrs.addr(i + 1), AddrTtl.ADDRESS);
      }
      RocksPeerstoreStats.CacheStats cache = store.stats().cache();
      assertThat(cache.evictions()).isPositive();
      assertThat(cache.evictedWeightBytes()).isPositive();
      assertThat(cache.entries()).isLessThan(500);
      assertThat(cache.weightBytes()).isLessThanOrEqualTo(16 << 10);
    }
  }

  @Test
  void cacheOffCountsEveryLookupAsAMiss() {
    PeerId peer = TestPeer.generate().id();
    try (RocksPeerstore store = builder().cacheSizeBytes(0).build()) {
      store.addAddr(peer, Addrs.addr(1), AddrTtl.ADDRESS);
      store.addrs(peer);
      store.addrs(peer);
      RocksPeerstoreStats.CacheStats cache = store.stats().cache();
      assertThat(cache.enabled()).isFalse();
      assertThat(cache.hits()).isZero();
      assertThat(cache.misses()).isEqualTo(3);
      assertThat(cache.entries()).isZero();
    }
  }

  @Test
  void rocksdbEstimatesFollowWritesFlushesAndReads() throws Exception {
    List<PeerId> peers = new ArrayList<>();
    try (RocksPeerstore store = builder().cacheSizeBytes(0).build()) {
      RocksPeerstoreStats.RocksDbStats empty = store.stats().rocksdb();
      for (int i = 0; i < 200; i++) {
        PeerId p = TestPeer.generate().id();
        peers.add(p);
        store.addAddr(p, Addrs.addr(i + 1), AddrTtl.ADDRESS);
      }
      RocksPeerstoreStats.RocksDbStats written = store.stats().rocksdb();
      assertThat(written.memtableBytes()).isGreaterThan(empty.memtableBytes());
      assertThat(written.estimatedKeys()).isGreaterThanOrEqualTo(400); // addresses + expiry index
      assertThat(written.sstFileBytes()).isZero();

      RocksEscapeHatchTest.flushAll(store);
      RocksPeerstoreStats.RocksDbStats flushed = store.stats().rocksdb();
      assertThat(flushed.sstFileBytes()).isPositive();
      assertThat(flushed.liveDataBytes()).isPositive();
      assertThat(flushed.pendingCompactionBytes()).isGreaterThanOrEqualTo(0);

      long usage = flushed.blockCacheUsageBytes();
      for (PeerId p : peers) {
        assertThat(store.addrs(p)).hasSize(1); // cache off: each read goes to the SST files
      }
      assertThat(store.stats().rocksdb().blockCacheUsageBytes()).isGreaterThan(usage);
    }
  }

  @Test
  void tickersAreEmptyWithoutStatistics() {
    try (RocksPeerstore store = builder().build()) {
      store.addAddr(TestPeer.generate().id(), Addrs.addr(1), AddrTtl.ADDRESS);
      assertThat(store.stats().tickers()).isEmpty();
      assertThat(store.parts().db.statistics()).isNull();
    }
  }

  @Test
  void tickersCountWritesWithStatisticsAndTheStatisticsCloseWithTheStore() {
    Statistics statistics;
    try (RocksPeerstore store = builder().statistics(true).build()) {
      statistics = store.parts().db.statistics();
      long before = store.stats().tickers().get("NUMBER_KEYS_WRITTEN");
      store.addAddr(TestPeer.generate().id(), Addrs.addr(1), AddrTtl.ADDRESS);
      RocksPeerstoreStats stats = store.stats();
      assertThat(stats.tickers()).containsKeys("BLOCK_CACHE_HIT", "BYTES_WRITTEN")
          .doesNotContainKey("TICKER_ENUM_MAX");
      assertThat(stats.tickers().get("NUMBER_KEYS_WRITTEN")).isGreaterThan(before);
      assertThat(stats.tickers().get("BYTES_WRITTEN")).isPositive();
      assertThat(statistics.isOwningHandle()).isTrue();
    }
    assertThat(statistics.isOwningHandle()).as("closed with the store").isFalse();
  }

  @Test
  void corruptValuesAreCountedByColumnFamily() {
    PeerId peer = TestPeer.generate().id();
    try (RocksPeerstore store = builder().cacheSizeBytes(0).build()) {
      store.parts().db.put(ColumnFamily.ADDRS, StoreKeys.peer(peer.toBytes()), new byte[] {9, 9});
      assertThat(store.stats().corruptValues()).isZero();
      assertThat(store.addrs(peer)).isEmpty();
      assertThat(store.addrs(peer)).isEmpty();
      RocksPeerstoreStats stats = store.stats();
      assertThat(stats.corruptValues()).isEqualTo(2);
      assertThat(stats.corruptValuesByColumnFamily()).containsExactly(
          java.util.Map.entry("addrs", 2L));
    }
  }

  @Test
  void onDemandCollectionsAreCountedWithWhatTheyRemoved() {
    PeerId peer = TestPeer.generate().id();
    try (RocksPeerstore store = builder().build()) {
      store.addAddr(peer, Addrs.addr(1), Duration.ofMinutes(1));
      store.addAddr(peer, Addrs.addr(2), Duration.ofMinutes(1));
      assertThat(store.collectGarbage()).isZero();
      clock.advance(Duration.ofMinutes(2));
      assertThat(store.collectGarbage()).isEqualTo(2);
      RocksPeerstoreStats.GcStats gc = store.stats().gc();
      assertThat(gc.onDemandRuns()).isEqualTo(2);
      assertThat(gc.onDemandRemoved()).isEqualTo(2);
      assertThat(gc.backgroundRuns()).as("gcInterval 0: no background loop").isZero();
    }
  }

  @Test
  void backgroundCollectionsAreCountedWithWhatTheyRemoved() throws Exception {
    PeerId peer = TestPeer.generate().id();
    try (RocksPeerstore store = builder().gcInterval(Duration.ofMillis(5)).build()) {
      store.addAddr(peer, Addrs.addr(1), Duration.ofMinutes(1));
      clock.advance(Duration.ofMinutes(2));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (store.stats().gc().backgroundRemoved() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      RocksPeerstoreStats.GcStats gc = store.stats().gc();
      assertThat(gc.backgroundRemoved()).isEqualTo(1);
      assertThat(gc.backgroundRuns()).isPositive();
      assertThat(gc.backgroundFailures()).isZero();
      assertThat(gc.onDemandRuns()).isZero();
    }
  }

  @Test
  void statsAfterCloseThrow() {
    RocksPeerstore store = builder().build();
    store.close();
    assertThatThrownBy(store::stats).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void statsAreImmutable() {
    try (RocksPeerstore store = builder().statistics(true).build()) {
      RocksPeerstoreStats stats = store.stats();
      assertThatThrownBy(() -> stats.tickers().put("X", 1L))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> stats.corruptValuesByColumnFamily().put("X", 1L))
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }
}
