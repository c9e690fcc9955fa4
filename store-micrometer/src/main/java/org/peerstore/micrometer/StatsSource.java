package org.peerstore.micrometer;

import java.util.function.ToDoubleFunction;
import org.peerstore.rocksdb.RocksPeerstore;
import org.peerstore.rocksdb.RocksPeerstoreStats;

/**
 * The stats the meters of one {@link RocksPeerstoreMetrics} read: {@link RocksPeerstore#stats()}
 * called at most once per {@code maxAgeNanos}, the last value kept for counters once the store
 * is closed. Thread-safe (concurrent reads may each call {@code stats()}; harmless).
 */
final class StatsSource {
  private final RocksPeerstore store;
  private final long maxAgeNanos;
  /** The last stats read and when; null before the first read. */
  private volatile Read last;
  private volatile boolean closed;

  private record Read(RocksPeerstoreStats stats, long atNanos) {}

  StatsSource(RocksPeerstore store, long maxAgeNanos) {
    this.store = store;
    this.maxAgeNanos = maxAgeNanos;
  }

  /** Fresh enough stats, or null once the store is closed. */
  RocksPeerstoreStats latest() {
    if (closed) {
      return null;
    }
    Read r = last;
    long now = System.nanoTime();
    if (r == null || maxAgeNanos == 0 || now - r.atNanos() >= maxAgeNanos) {
      try {
        r = new Read(store.stats(), now);
      } catch (IllegalStateException storeClosed) {
        closed = true;
        return null;
      }
      last = r;
    }
    return r.stats();
  }

  /** A gauge's value: NaN once the store is closed. */
  double gauge(ToDoubleFunction<RocksPeerstoreStats> value) {
    RocksPeerstoreStats s = latest();
    return s == null ? Double.NaN : value.applyAsDouble(s);
  }

  /** A counter's value: the last one read once the store is closed (counters never go back). */
  double counter(ToDoubleFunction<RocksPeerstoreStats> value) {
    RocksPeerstoreStats s = latest();
    if (s == null) {
      Read r = last;
      return r == null ? 0 : value.applyAsDouble(r.stats());
    }
    return value.applyAsDouble(s);
  }
}
