package org.peerstore.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.peerstore.rocksdb.RocksPeerstore;
import org.peerstore.rocksdb.RocksPeerstoreStats;

/**
 * Binds the {@link RocksPeerstore#stats()} of one store to a Micrometer {@link MeterRegistry}:
 * counters as function counters, current sizes as gauges, every meter named
 * {@code peerstore.*} and carrying the tags given here (docs/STORAGE.md, "Observability", lists
 * them all).
 *
 * <pre>{@code
 * new RocksPeerstoreMetrics(store, Tags.of("store", "main")).bindTo(registry);
 * }</pre>
 *
 * <p>Reading the meters calls {@code stats()} at most once per {@code maxAge} (default one
 * second), so one scrape of a few hundred meters costs one {@code stats()}. After the store
 * is closed, gauges read {@code NaN} and counters keep their last value. RocksDB ticker
 * counters ({@code peerstore.rocksdb.ticker}, tag {@code ticker}) are bound only if the store
 * was built with {@code statistics(true)}, and {@code peerstore.cache.gets{result=hit}} only if
 * it was built with {@code recordCacheHits(true)}.
 *
 * <p>Thread-safe: meters may be read from any thread.
 */
public final class RocksPeerstoreMetrics implements MeterBinder {
  /** How long one {@code stats()} serves the meters by default. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(1);

  private final StatsSource source;
  private final Tags tags;

  /**
   * A binder of {@code store}'s stats with {@code tags} on every meter.
   *
   * @throws NullPointerException if an argument is null
   */
  public RocksPeerstoreMetrics(RocksPeerstore store, Iterable<Tag> tags) {
    this(store, tags, DEFAULT_MAX_AGE);
  }

  /**
   * A binder of {@code store}'s stats with {@code tags} on every meter, reading
   * {@code stats()} at most once per {@code maxAge} ({@link Duration#ZERO}: on every meter read).
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code maxAge} is negative
   */
  public RocksPeerstoreMetrics(RocksPeerstore store, Iterable<Tag> tags, Duration maxAge) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.isNegative()) {
      throw new IllegalArgumentException("maxAge must not be negative: " + maxAge);
    }
    this.source = new StatsSource(store, maxAge.toNanos());
    this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
  }

  /**
   * Registers every meter with {@code registry}.
   *
   * @throws IllegalStateException if the store is closed
   */
  @Override
  public void bindTo(MeterRegistry registry) {
    RocksPeerstoreStats first = source.latest();
    if (first == null) {
      throw new IllegalStateException("the store is closed");
    }
    if (first.cache().hits() >= 0) {
      counter(registry, "peerstore.cache.gets", "cache lookups answered without RocksDB",
          Tags.of("result", "hit"), null, s -> s.cache().hits());
    }
    counter(registry, "peerstore.cache.gets", "cache lookups that read RocksDB",
        Tags.of("result", "miss"), null, s -> s.cache().misses());
    counter(registry, "peerstore.cache.evictions", "snapshots the byte budget evicted",
        Tags.empty(), null, s -> s.cache().evictions());
    counter(registry, "peerstore.cache.evicted.weight", "estimated heap bytes evicted",
        Tags.empty(), BaseUnits.BYTES, s -> s.cache().evictedWeightBytes());
    gauge(registry, "peerstore.cache.size", "peers cached", null, s -> s.cache().entries());
    gauge(registry, "peerstore.cache.weight", "estimated heap bytes cached", BaseUnits.BYTES,
        s -> s.cache().weightBytes());
    gauge(registry, "peerstore.cache.max.weight", "the cache's byte budget", BaseUnits.BYTES,
        s -> s.cache().maximumWeightBytes());

    gauge(registry, "peerstore.rocksdb.estimated.keys", "RocksDB's estimate of stored keys",
        null, s -> s.rocksdb().estimatedKeys());
    gauge(registry, "peerstore.rocksdb.live.data", "RocksDB's estimate of live data",
        BaseUnits.BYTES, s -> s.rocksdb().liveDataBytes());
    gauge(registry, "peerstore.rocksdb.pending.compaction", "bytes compaction has to rewrite",
        BaseUnits.BYTES, s -> s.rocksdb().pendingCompactionBytes());
    gauge(registry, "peerstore.rocksdb.memtable", "bytes of the memtables", BaseUnits.BYTES,
        s -> s.rocksdb().memtableBytes());
    gauge(registry, "peerstore.rocksdb.sst.files", "bytes of the SST files", BaseUnits.BYTES,
        s -> s.rocksdb().sstFileBytes());
    gauge(registry, "peerstore.rocksdb.block.cache.usage", "bytes in the block cache",
        BaseUnits.BYTES, s -> s.rocksdb().blockCacheUsageBytes());
    gauge(registry, "peerstore.rocksdb.block.cache.pinned", "pinned bytes in the block cache",
        BaseUnits.BYTES, s -> s.rocksdb().blockCachePinnedUsageBytes());

    counter(registry, "peerstore.corrupt.values", "corrupt stored entries reads met",
        Tags.empty(), null, RocksPeerstoreStats::corruptValues);
    counter(registry, "peerstore.gc.runs", "garbage collections run",
        Tags.of("trigger", "background"), null, s -> s.gc().backgroundRuns());
    counter(registry, "peerstore.gc.runs", "garbage collections run",
        Tags.of("trigger", "on-demand"), null, s -> s.gc().onDemandRuns());
    counter(registry, "peerstore.gc.failures", "background garbage collections that failed",
        Tags.empty(), null, s -> s.gc().backgroundFailures());
    counter(registry, "peerstore.gc.removed", "expired addresses garbage collection removed",
        Tags.of("trigger", "background"), null, s -> s.gc().backgroundRemoved());
    counter(registry, "peerstore.gc.removed", "expired addresses garbage collection removed",
        Tags.of("trigger", "on-demand"), null, s -> s.gc().onDemandRemoved());

    for (String ticker : first.tickers().keySet()) {
      counter(registry, "peerstore.rocksdb.ticker", "a RocksDB Statistics ticker",
          Tags.of("ticker", ticker), null, s -> s.tickers().getOrDefault(ticker, 0L));
    }
  }

  private void counter(MeterRegistry registry, String name, String description, Tags extra,
      String unit, ToDoubleFunction<RocksPeerstoreStats> value) {
    FunctionCounter.builder(name, source, src -> src.counter(value))
        .description(description)
        .baseUnit(unit)
        .tags(tags.and(extra))
        .register(registry);
  }

  private void gauge(MeterRegistry registry, String name, String description, String unit,
      ToDoubleFunction<RocksPeerstoreStats> value) {
    Gauge.builder(name, source, src -> src.gauge(value))
        .description(description)
        .baseUnit(unit)
        .tags(tags)
        .strongReference(true)
        .register(registry);
  }
}
