package org.peerstore.bench.report;

import java.util.Map;

/**
 * One JMH result (one benchmark method with one parameter combination), normalised to
 * nanoseconds per operation.
 *
 * @param benchmark the method's short name, {@code Class.method}
 * @param params the parameters other than {@code impl}, in JMH's order
 * @param impl the {@code impl} parameter ("" when the benchmark has none)
 * @param threads benchmark threads
 * @param mode JMH's mode ({@code avgt}, {@code ss}, ...)
 * @param nsPerOp the score (mean over measurement iterations of all forks)
 * @param errorNs JMH's 99.9% confidence half-width, NaN when it could not be computed
 * @param medianNs the median iteration score
 * @param forks forks run
 * @param iterations measurement iterations per fork
 * @param cpuNs CPU time per operation from {@code org.peerstore.bench.CpuProfiler}, NaN if it
 *     did not run
 * @param cpuErrorNs its 99.9% half-width, NaN if unknown
 */
public record Result(
    String benchmark,
    Map<String, String> params,
    String impl,
    int threads,
    String mode,
    double nsPerOp,
    double errorNs,
    double medianNs,
    int forks,
    int iterations,
    double cpuNs,
    double cpuErrorNs) {

  /** Parameters and threads as one label, e.g. {@code addrsPerPeer=10} or {@code threads=2}. */
  public String variant() {
    StringBuilder sb = new StringBuilder();
    params.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
    return sb.toString();
  }

  /** What results comparable to this one share: benchmark, parameters and threads. */
  public String groupKey() {
    return benchmark + "|" + variant() + "|" + threads;
  }
}
