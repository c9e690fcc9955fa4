package org.peerstore.tool.simulate;

/**
 * Latency percentiles of a set of timed calls (nearest-rank). Immutable.
 *
 * @param count how many calls
 * @param totalNanos their summed time
 * @param p50Nanos the median
 * @param p99Nanos the 99th percentile
 * @param maxNanos the slowest
 */
public record Latency(long count, long totalNanos, long p50Nanos, long p99Nanos, long maxNanos) {

  /** The summary of {@code samples} (sorted in place). */
  static Latency of(long[] samples) {
    if (samples.length == 0) {
      return new Latency(0, 0, 0, 0, 0);
    }
    java.util.Arrays.sort(samples);
    long total = 0;
    for (long s : samples) {
      total += s;
    }
    return new Latency(samples.length, total, rank(samples, 50), rank(samples, 99),
        samples[samples.length - 1]);
  }

  private static long rank(long[] sorted, int percentile) {
    int i = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
