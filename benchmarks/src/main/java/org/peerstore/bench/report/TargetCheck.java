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
   */
  record Outcome(TargetCheck check, Result result, double ratio, double error, double cpuRatio) {
    /** Whether the measured time ratio is within the limit. */
    boolean met() {
      return ratio <= check.limit();
    }

    /** Whether the CPU time ratio is within the limit (false when unknown). */
    boolean cpuMet() {
      return cpuRatio <= check.limit();
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
        out.add(new Outcome(this, r, ratio, ratios.ratioError(r, against), ratios.cpuRatio(r, against)));
      }
    }
    return out;
  }
}
