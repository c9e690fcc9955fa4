package org.peerstore.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One target of issue 5 that a JMH run can check: implementation {@code impl} must take at
 * most {@code limit} times the time of {@code against} in every result of the listed
 * benchmarks.
 *
 * @param title the target in words
 * @param benchmarks the {@code Class.method} names it applies to
 * @param variant only results whose parameters read like this ("" = all)
 * @param impl the implementation checked
 * @param against what it is compared with
 * @param limit the largest ratio that meets the target
 */
record TargetCheck(
    String title, List<String> benchmarks, String variant, String impl, String against, double limit) {

  /** The checks of issue 5's targets, in its order. */
  static List<TargetCheck> issue5() {
    List<String> reads =
        List.of(
            "AddrBookBenchmark.addrsHit",
            "RecordBenchmark.peerRecord",
            "ProtocolBenchmark.protocolsGet",
            "ProtocolBenchmark.protocolsSupports",
            "KeyBenchmark.keyGet");
    List<String> writes =
        List.of(
            "AddrBookBenchmark.addAddrsNewPeer",
            "AddrBookBenchmark.addAddrsExtend",
            "AddrBookBenchmark.setAddrs",
            "RecordBenchmark.consumePeerRecord");
    return List.of(
        new TargetCheck("RocksDB (cache) reads ≤ 1.5× memory", reads, "", "rocksdb", Ratios.MEMORY, 1.5),
        new TargetCheck("RocksDB writes ≤ 2× raw RocksDB", writes, "", "rocksdb", Ratios.BASELINE_ROCKSDB, 2),
        new TargetCheck(
            "RocksDB (no cache) writes ≤ 2× raw RocksDB", writes, "", "rocksdb-nocache",
            Ratios.BASELINE_ROCKSDB, 2),
        new TargetCheck("GROUPED writes ≤ 2× memory (issue 16)", List.of(
            "AddrBookBenchmark.addAddrsExtend", "AddrBookBenchmark.setAddrs",
            "RecordBenchmark.consumePeerRecord"), "", "rocksdb-grouped", Ratios.MEMORY, 2),
        new TargetCheck("WAL writes ≤ 1.3× raw RocksDB (issue 16)", writes, "", "rocksdb",
            Ratios.BASELINE_ROCKSDB, 1.3),
        new TargetCheck("WAL no-cache addAddrs extend ≤ 1.5× raw RocksDB (issue 16)",
            List.of("AddrBookBenchmark.addAddrsExtend"), "", "rocksdb-nocache",
            Ratios.BASELINE_ROCKSDB, 1.5),
        new TargetCheck(
            "memory addrs (10) ≤ 3× ConcurrentHashMap copy", List.of("AddrBookBenchmark.addrsHit"),
            "addrsPerPeer=10", Ratios.MEMORY, Ratios.BASELINE_MAP, 3));
  }

  /**
   * One checked comparison.
   *
   * @param check the target
   * @param result the checked implementation's result
   * @param ratio its time over the reference's
   * @param error the ratio's uncertainty (NaN if unknown)
   * @param cpuRatio its CPU time over the reference's (NaN without the CPU profiler)
   * @param cpuError the CPU ratio's uncertainty (NaN if unknown)
   */
  record Outcome(
      TargetCheck check, Result result, double ratio, double error, double cpuRatio,
      double cpuError) {
    /** The verdict on the time ratio. */
    Verdict verdict() {
      return Verdict.of(ratio, error, check.limit());
    }

    /** The verdict on the CPU time ratio. */
    Verdict cpuVerdict() {
      return Verdict.of(cpuRatio, cpuError, check.limit());
    }
  }

  /** How a ratio compares with its limit, given its uncertainty. */
  enum Verdict {
    /** Below the limit even at the top of its error interval (or below it, error unknown). */
    MET("met"),
    /** Below the limit, but the limit lies within the error interval. */
    MET_WITHIN_NOISE("met (within noise)"),
    /** Above the limit, but the limit lies within the error interval. */
    MISSED_WITHIN_NOISE("**missed** (within noise)"),
    /** Above the limit even at the bottom of its error interval (or above it, error unknown). */
    MISSED("**MISSED**"),
    /** Not measured. */
    UNKNOWN("");

    private final String text;

    Verdict(String text) {
      this.text = text;
    }

    /** The Markdown shown in the table. */
    String text() {
      return text;
    }

    static Verdict of(double ratio, double error, double limit) {
      if (Double.isNaN(ratio)) {
        return UNKNOWN;
      }
      boolean below = ratio <= limit;
      if (Double.isNaN(error)) {
        return below ? MET : MISSED;
      }
      if (ratio + error <= limit) {
        return MET;
      }
      if (ratio - error > limit) {
        return MISSED;
      }
      return below ? MET_WITHIN_NOISE : MISSED_WITHIN_NOISE;
    }
  }

  /** Every comparison this target makes in {@code ratios} (none when a side is missing). */
  List<Outcome> evaluate(Ratios ratios) {
    List<Outcome> out = new ArrayList<>();
    for (Map<String, Result> group : ratios.groups().values()) {
      Result r = group.get(impl);
      if (r == null || !benchmarks.contains(r.benchmark())) {
        continue;
      }
      if (!variant.isEmpty() && !r.variant().equals(variant)) {
        continue;
      }
      double ratio = ratios.ratio(r, against);
      if (!Double.isNaN(ratio)) {
        out.add(new Outcome(this, r, ratio, ratios.ratioError(r, against),
            ratios.cpuRatio(r, against), ratios.cpuRatioError(r, against)));
      }
    }
    return out;
  }
}
