package org.peerstore.bench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Results grouped by what they measure (benchmark, parameters, threads), with the ratios of
 * each implementation to the memory store and to its own baseline ({@code baseline-map} for
 * the memory store, {@code baseline-rocksdb} for both RocksDB configurations).
 *
 * <p>Immutable after construction; thread-safe.
 */
final class Ratios {
  static final String MEMORY = "memory";
  static final String BASELINE_MAP = "baseline-map";
  static final String BASELINE_ROCKSDB = "baseline-rocksdb";

  private final Map<String, Map<String, Result>> groups = new LinkedHashMap<>();

  Ratios(List<Result> results) {
    for (Result r : results) {
      groups.computeIfAbsent(r.groupKey(), k -> new LinkedHashMap<>()).put(r.impl(), r);
    }
  }

  /** The groups in first-seen order, each mapping implementation to result. */
  Map<String, Map<String, Result>> groups() {
    return groups;
  }

  /** The baseline an implementation is compared with, or null (baselines themselves). */
  static String baselineOf(String impl) {
    return switch (impl) {
      case MEMORY -> BASELINE_MAP;
      case "rocksdb", "rocksdb-nocache", "rocksdb-grouped" -> BASELINE_ROCKSDB;
      default -> null;
    };
  }

  /** {@code r}'s time over the memory store's in the same group, or NaN. */
  double toMemory(Result r) {
    return ratio(r, MEMORY);
  }

  /** {@code r}'s time over its baseline's in the same group, or NaN. */
  double toBaseline(Result r) {
    String b = baselineOf(r.impl());
    return b == null ? Double.NaN : ratio(r, b);
  }

  /** {@code r}'s time over {@code other}'s in the same group, or NaN when absent. */
  double ratio(Result r, String other) {
    Result o = other(r, other);
    return o == null ? Double.NaN : r.nsPerOp() / o.nsPerOp();
  }

  /** {@code r}'s CPU time over {@code other}'s in the same group, or NaN when either is absent. */
  double cpuRatio(Result r, String other) {
    Result o = other(r, other);
    return o == null ? Double.NaN : r.cpuNs() / o.cpuNs();
  }

  private Result other(Result r, String other) {
    Result o = groups.getOrDefault(r.groupKey(), Map.of()).get(other);
    return o == r ? null : o;
  }

  /**
   * The uncertainty of {@link #ratio}: the two 99.9% half-widths combined in quadrature
   * (relative), NaN when either is unknown.
   */
  double ratioError(Result r, String other) {
    Result o = other(r, other);
    return o == null ? Double.NaN : combined(r.nsPerOp(), r.errorNs(), o.nsPerOp(), o.errorNs());
  }

  /** The uncertainty of {@link #cpuRatio}, as {@link #ratioError}. */
  double cpuRatioError(Result r, String other) {
    Result o = other(r, other);
    return o == null ? Double.NaN : combined(r.cpuNs(), r.cpuErrorNs(), o.cpuNs(), o.cpuErrorNs());
  }

  private static double combined(double a, double ea, double b, double eb) {
    if (Double.isNaN(ea) || Double.isNaN(eb)) {
      return Double.NaN;
    }
    double ra = ea / a;
    double rb = eb / b;
    return a / b * Math.sqrt(ra * ra + rb * rb);
  }
}
