package org.peerstore.tool.simulate;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * Every timed call of a simulation, by {@link Op}, and their percentiles. Not thread-safe (the
 * simulation is one thread, as a node's peerstore calls of one connection event are).
 */
final class LatencyLog {
  private final Map<Op, long[]> samples = new EnumMap<>(Op.class);
  private final Map<Op, Integer> counts = new EnumMap<>(Op.class);

  /** Adds one call of {@code op} that took {@code nanos}. */
  void record(Op op, long nanos) {
    long[] a = samples.computeIfAbsent(op, k -> new long[1024]);
    int n = counts.getOrDefault(op, 0);
    if (n == a.length) {
      a = Arrays.copyOf(a, n * 2);
      samples.put(op, a);
    }
    a[n] = nanos;
    counts.put(op, n + 1);
  }

  /** The summary of {@code op}'s calls (count 0 when none). */
  Latency summary(Op op) {
    int n = counts.getOrDefault(op, 0);
    return Latency.of(n == 0 ? new long[0] : Arrays.copyOf(samples.get(op), n));
  }

  /** The summary of every call. */
  Latency all() {
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    long[] a = new long[total];
    int at = 0;
    for (Map.Entry<Op, Integer> e : counts.entrySet()) {
      System.arraycopy(samples.get(e.getKey()), 0, a, at, e.getValue());
      at += e.getValue();
    }
    return Latency.of(a);
  }
}
