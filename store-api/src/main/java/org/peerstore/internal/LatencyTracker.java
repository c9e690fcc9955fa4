package org.peerstore.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.peerstore.peer.PeerId;

/**
 * Per-peer latency as an exponentially weighted moving average (docs/CONTRACT.md §8): the first
 * sample is stored as is, then {@code new = 0.9 * old + 0.1 * sample}, in nanoseconds (as
 * go-libp2p's {@code metrics}). Kept in memory only, by both stores.
 *
 * <p>Thread-safe: each update is atomic per peer.
 */
public final class LatencyTracker {
  /** Weight of a new sample. */
  public static final double SMOOTHING = 0.1;

  private final ConcurrentHashMap<PeerId, Double> averages = new ConcurrentHashMap<>();

  /** An empty tracker. */
  public LatencyTracker() {}

  /**
   * Records a sample for {@code p}.
   *
   * @throws IllegalArgumentException if {@code sample} is negative
   * @throws NullPointerException if an argument is null
   */
  public void record(PeerId p, Duration sample) {
    Objects.requireNonNull(p, "peer id");
    Objects.requireNonNull(sample, "sample");
    if (sample.isNegative()) {
      throw new IllegalArgumentException("latency sample must not be negative: " + sample);
    }
    double nanos = Ttl.toNanos(sample);
    averages.merge(p, nanos, (old, next) -> (1 - SMOOTHING) * old + SMOOTHING * next);
  }

  /** The average of {@code p} (fractions of a nanosecond truncated), or zero when unknown. */
  public Duration ewma(PeerId p) {
    Objects.requireNonNull(p, "peer id");
    Double avg = averages.get(p);
    return avg == null ? Duration.ZERO : Duration.ofNanos((long) avg.doubleValue());
  }

  /** Forgets {@code p}. */
  public void remove(PeerId p) {
    averages.remove(Objects.requireNonNull(p, "peer id"));
  }

  /** Forgets every peer. */
  public void clear() {
    averages.clear();
  }
}
