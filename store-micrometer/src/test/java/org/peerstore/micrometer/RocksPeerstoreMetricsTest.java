package org.peerstore.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.AddrTtl;
import org.peerstore.conformance.Addrs;
import org.peerstore.conformance.MutableClock;
import org.peerstore.conformance.TestPeer;
import org.peerstore.peer.PeerId;
import org.peerstore.rocksdb.RocksPeerstore;

/** The binder's meters in a {@link SimpleMeterRegistry} move as the store is used. */
class RocksPeerstoreMetricsTest {
  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private RocksPeerstore open(boolean statistics) {
    return RocksPeerstore.builder(dir).clock(clock).gcInterval(Duration.ZERO)
        .recordCacheHits(true).statistics(statistics).build();
  }

  private double counter(String name, String... tags) {
    return registry.get(name).tags(tags).functionCounter().count();
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  @Test
  void cacheGcAndRocksDbMetersMoveWhenTheStoreIsUsed() {
    PeerId peer = TestPeer.generate().id();
    try (RocksPeerstore store = open(false)) {
      new RocksPeerstoreMetrics(store, Tags.of("store", "test"), Duration.ZERO).bindTo(registry);
      assertThat(counter("peerstore.cache.gets", "result", "hit")).isZero();
      assertThat(gauge("peerstore.cache.size")).isZero();
      double memtable = gauge("peerstore.rocksdb.memtable");

      double keys = gauge("peerstore.rocksdb.estimated.keys");
      store.addAddr(peer, Addrs.addr(1), Duration.ofMinutes(1));
      store.addrs(peer);
      store.addrs(peer);
      assertThat(counter("peerstore.cache.gets", "result", "hit")).isEqualTo(2);
      assertThat(counter("peerstore.cache.gets", "result", "miss")).isEqualTo(1);
      assertThat(gauge("peerstore.cache.size")).isEqualTo(1);
      assertThat(gauge("peerstore.cache.weight")).isPositive();
      assertThat(gauge("peerstore.rocksdb.estimated.keys")).isGreaterThan(keys);
      for (int i = 0; i < 200; i++) { // enough to grow the memtable's arena
        store.put(TestPeer.generate().id(), "k", i);
      }
      assertThat(gauge("peerstore.rocksdb.memtable")).isGreaterThan(memtable);
      assertThat(counter("peerstore.cache.gets", "result", "miss")).isEqualTo(201);

      clock.advance(Duration.ofMinutes(2));
      store.collectGarbage();
      assertThat(counter("peerstore.gc.runs", "trigger", "on-demand")).isEqualTo(1);
      assertThat(counter("peerstore.gc.removed", "trigger", "on-demand")).isEqualTo(1);
      assertThat(counter("peerstore.gc.runs", "trigger", "background")).isZero();

      assertThat(registry.get("peerstore.cache.gets").tag("store", "test").meters()).hasSize(2);
      assertThat(registry.find("peerstore.rocksdb.ticker").meters())
          .as("no tickers without statistics(true)").isEmpty();
      assertThat(registry.get("peerstore.cache.weight").gauge().getId().getBaseUnit())
          .isEqualTo("bytes");
    }
  }

  @Test
  void tickersAreBoundWithStatisticsAndCountWrites() {
    try (RocksPeerstore store = open(true)) {
      new RocksPeerstoreMetrics(store, Tags.empty(), Duration.ZERO).bindTo(registry);
      double before = counter("peerstore.rocksdb.ticker", "ticker", "BYTES_WRITTEN");
      store.addAddr(TestPeer.generate().id(), Addrs.addr(1), AddrTtl.ADDRESS);
      assertThat(counter("peerstore.rocksdb.ticker", "ticker", "BYTES_WRITTEN"))
          .isGreaterThan(before);
      assertThat(registry.find("peerstore.rocksdb.ticker").meters().size())
          .isEqualTo(store.stats().tickers().size());
    }
  }

  @Test
  void afterCloseGaugesAreNanAndCountersKeepTheirLastValue() {
    RocksPeerstore store = open(false);
    new RocksPeerstoreMetrics(store, Tags.empty(), Duration.ZERO).bindTo(registry);
    PeerId peer = TestPeer.generate().id();
    store.addAddr(peer, Addrs.addr(1), AddrTtl.ADDRESS);
    store.addrs(peer);
    assertThat(counter("peerstore.cache.gets", "result", "hit")).isEqualTo(1);
    store.close();
    assertThat(gauge("peerstore.cache.size")).isNaN();
    assertThat(counter("peerstore.cache.gets", "result", "hit")).isEqualTo(1);
    assertThatThrownBy(() -> new RocksPeerstoreMetrics(store, Tags.empty()).bindTo(registry))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void statsAreReadAtMostOncePerMaxAge() {
    PeerId peer = TestPeer.generate().id();
    try (RocksPeerstore store = open(false)) {
      new RocksPeerstoreMetrics(store, Tags.empty(), Duration.ofHours(1)).bindTo(registry);
      store.addAddr(peer, Addrs.addr(1), AddrTtl.ADDRESS);
      store.addrs(peer);
      assertThat(counter("peerstore.cache.gets", "result", "hit"))
          .as("served from the stats read at bind time").isZero();
      assertThat(store.stats().cache().hits()).isEqualTo(1);
    }
  }

  @Test
  void everyMeterCarriesTheGivenTags() {
    try (RocksPeerstore store = open(true)) {
      new RocksPeerstoreMetrics(store, Tags.of("store", "a")).bindTo(registry);
      assertThat(registry.getMeters()).isNotEmpty()
          .allMatch((Meter m) -> "a".equals(m.getId().getTag("store")));
    }
  }

  @Test
  void theHitCounterIsBoundOnlyWhenHitsAreRecorded() {
    try (RocksPeerstore store = RocksPeerstore.builder(dir).build()) {
      new RocksPeerstoreMetrics(store, Tags.empty(), Duration.ZERO).bindTo(registry);
      assertThat(registry.find("peerstore.cache.gets").tag("result", "hit").meters()).isEmpty();
      assertThat(registry.find("peerstore.cache.gets").tag("result", "miss").meters()).hasSize(1);
    }
  }

  @Test
  void badArgumentsAreRefused() {
    try (RocksPeerstore store = open(false)) {
      assertThatThrownBy(() -> new RocksPeerstoreMetrics(null, Tags.empty()))
          .isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> new RocksPeerstoreMetrics(store, null))
          .isInstanceOf(NullPointerException.class);
      assertThatThrownBy(
          () -> new RocksPeerstoreMetrics(store, Tags.empty(), Duration.ofSeconds(-1)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
