package org.peerstore.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Markdown text of a report: the targets with their verdicts, the churn rates, and every
 * result with its error, median and ratios. Stateless and thread-safe.
 */
final class MarkdownReport {
  private MarkdownReport() {}

  /**
   * The report of {@code results}.
   *
   * @param header lines put first (run description, notes)
   * @param chartFile the chart's file name, linked from the report (null: none)
   */
  static String render(List<Result> results, List<String> header, String chartFile) {
    Ratios ratios = new Ratios(results);
    StringBuilder md = new StringBuilder();
    for (String h : header) {
      md.append(h).append('\n');
    }
    md.append('\n');
    targets(md, ratios);
    churn(md, results);
    all(md, ratios);
    if (chartFile != null) {
      md.append("\n![ns/op per implementation, log scale](").append(chartFile).append(")\n");
    }
    return md.toString();
  }

  private static void targets(StringBuilder md, Ratios ratios) {
    List<TargetCheck.Outcome> outcomes = new ArrayList<>();
    for (TargetCheck c : TargetCheck.issue5()) {
      outcomes.addAll(c.evaluate(ratios));
    }
    md.append("### Targets (issue 5)\n\n");
    if (outcomes.isEmpty()) {
      md.append("No result pairs for the targets in this run.\n\n");
      return;
    }
    boolean cpu = outcomes.stream().anyMatch(o -> !Double.isNaN(o.cpuRatio()));
    md.append("A verdict is *within noise* when the limit lies inside the ratio's error interval"
        + " (the two 99.9% half-widths combined); such a result needs a longer run to settle.\n\n");
    md.append("| target | benchmark | params | time ratio | verdict (time) |")
        .append(cpu ? " CPU ratio | verdict (CPU) |" : "").append(" limit |\n");
    md.append("|---|---|---|---:|---|").append(cpu ? "---:|---|" : "").append("---:|\n");
    for (TargetCheck.Outcome o : outcomes) {
      md.append("| ").append(o.check().title())
          .append(" | ").append(o.result().benchmark())
          .append(" | ").append(dash(o.result().variant()))
          .append(" | ").append(ratio(o.ratio(), o.error()))
          .append(" | ").append(o.verdict().text())
          .append(" |");
      if (cpu) {
        md.append(' ').append(ratio(o.cpuRatio(), o.cpuError())).append(" | ")
            .append(o.cpuVerdict().text()).append(" |");
      }
      md.append(' ').append(fmt("%.1f×", o.check().limit())).append(" |\n");
    }
    md.append('\n').append(summary("time", outcomes.stream().map(TargetCheck.Outcome::verdict).toList()));
    if (cpu) {
      md.append("; ").append(summary("CPU time",
          outcomes.stream().map(TargetCheck.Outcome::cpuVerdict).toList()));
    }
    md.append(".\n\n");
  }

  private static String summary(String what, List<TargetCheck.Verdict> verdicts) {
    long met = verdicts.stream().filter(v -> v == TargetCheck.Verdict.MET).count();
    long missed = verdicts.stream().filter(v -> v == TargetCheck.Verdict.MISSED).count();
    long noise = verdicts.stream()
        .filter(v -> v == TargetCheck.Verdict.MET_WITHIN_NOISE || v == TargetCheck.Verdict.MISSED_WITHIN_NOISE)
        .count();
    return fmt("on %s: %d met, %d missed, %d within noise (of %d)", what, met, missed, noise,
        verdicts.size());
  }

  private static void churn(StringBuilder md, List<Result> results) {
    List<Result> churn = results.stream().filter(r -> r.benchmark().startsWith("ChurnBenchmark.")).toList();
    if (churn.isEmpty()) {
      return;
    }
    md.append("### Churn (100,000 peers: connect, disconnect, expiry, GC)\n\n");
    md.append("| store | store calls per second | ns per call | CPU ns per call |\n|---|---:|---:|---:|\n");
    for (Result r : churn) {
      md.append("| ").append(r.impl()).append(" | ").append(fmt("%,.0f", 1e9 / r.nsPerOp()))
          .append(" | ").append(score(r)).append(" | ").append(number(r.cpuNs())).append(" |\n");
    }
    md.append('\n');
  }

  private static void all(StringBuilder md, Ratios ratios) {
    md.append("### All results\n\n");
    md.append("Time per operation (mean of all measurement iterations ± JMH's 99.9% confidence"
        + " half-width; median iteration in brackets). `× memory`: time over the memory store's;"
        + " `× baseline`: time over the implementation's own floor (baseline-map for memory,"
        + " baseline-rocksdb for both RocksDB configurations). `CPU ns/op`: CPU time of the"
        + " benchmark JVM (all threads) per operation, from `org.peerstore.bench.CpuProfiler`;"
        + " it is what other processes on the machine disturb least.\n\n");
    md.append("| benchmark | params | threads | impl | ns/op | × memory | × baseline | CPU ns/op |"
        + " CPU × memory | CPU × baseline |\n");
    md.append("|---|---|---:|---|---:|---:|---:|---:|---:|---:|\n");
    for (Map<String, Result> group : ratios.groups().values()) {
      for (Result r : group.values()) {
        md.append("| ").append(r.benchmark())
            .append(" | ").append(dash(r.variant()))
            .append(" | ").append(r.threads())
            .append(" | ").append(dash(r.impl()))
            .append(" | ").append(score(r)).append(fmt(" (%s)", number(r.medianNs())))
            .append(" | ").append(times(ratios.toMemory(r)))
            .append(" | ").append(times(ratios.toBaseline(r)))
            .append(" | ").append(Double.isNaN(r.cpuNs()) ? "" : number(r.cpuNs()))
            .append(" | ").append(times(ratios.cpuRatio(r, Ratios.MEMORY)))
            .append(" | ").append(times(baselineCpu(ratios, r)))
            .append(" |\n");
      }
    }
  }

  private static double baselineCpu(Ratios ratios, Result r) {
    String b = Ratios.baselineOf(r.impl());
    return b == null ? Double.NaN : ratios.cpuRatio(r, b);
  }

  static String score(Result r) {
    if (Double.isNaN(r.errorNs())) {
      return number(r.nsPerOp());
    }
    return number(r.nsPerOp()) + " ± " + number(r.errorNs());
  }

  /** A time in ns with three significant digits and thousands separators. */
  static String number(double ns) {
    if (Double.isNaN(ns)) {
      return "n/a";
    }
    double a = Math.abs(ns);
    if (a >= 100) {
      return fmt("%,.0f", ns);
    }
    if (a >= 10) {
      return fmt("%.1f", ns);
    }
    return fmt("%.2f", ns);
  }

  private static String ratio(double ratio, double error) {
    if (Double.isNaN(ratio)) {
      return "";
    }
    return Double.isNaN(error) ? fmt("%.2f×", ratio) : fmt("%.2f× ± %.2f", ratio, error);
  }

  private static String times(double ratio) {
    return Double.isNaN(ratio) ? "" : fmt("%.2f×", ratio);
  }

  private static String dash(String s) {
    return s.isEmpty() ? "–" : s;
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
