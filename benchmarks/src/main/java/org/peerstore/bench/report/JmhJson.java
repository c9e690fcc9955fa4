package org.peerstore.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Reads the JSON file JMH writes with {@code -rf json}. Stateless and thread-safe. */
final class JmhJson {
  private JmhJson() {}

  /**
   * The results in {@code files}, in order.
   *
   * @throws UncheckedIOException if the file cannot be read or is not JMH's JSON
   * @throws IllegalArgumentException if a result has a unit this reader does not know
   */
  static List<Result> read(List<Path> files) {
    List<Result> out = new ArrayList<>();
    for (Path f : files) {
      for (JsonNode r : array(f)) {
        out.add(parse(r));
      }
    }
    return out;
  }

  private static JsonNode array(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read JMH results " + file + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isArray()) {
      throw new UncheckedIOException(new IOException(file + " is not a JMH JSON result array"));
    }
    return root;
  }

  /**
   * One line describing how the run was made: JDK, JVM arguments and the distinct
   * fork/warmup/measurement settings, from the first results' metadata.
   *
   * @throws UncheckedIOException if the file cannot be read
   */
  static String runInfo(List<Path> files) {
    List<JsonNode> all = new ArrayList<>();
    for (Path f : files) {
      array(f).forEach(all::add);
    }
    if (all.isEmpty()) {
      return "empty run";
    }
    JsonNode first = all.get(0);
    Set<String> settings = new LinkedHashSet<>();
    for (JsonNode r : all) {
      String mode = r.path("mode").asText();
      String label = r.path("benchmark").asText().contains("ChurnBenchmark") ? "churn (ss)" : mode;
      settings.add(label + ": " + r.path("forks").asInt() + " fork(s), "
          + r.path("warmupIterations").asInt() + " warmup"
          + (mode.equals("ss") ? "" : " × " + r.path("warmupTime").asText()) + ", "
          + r.path("measurementIterations").asInt() + " measurement"
          + (mode.equals("ss") ? "" : " × " + r.path("measurementTime").asText()));
    }
    StringBuilder args = new StringBuilder();
    for (JsonNode a : first.path("jvmArgs")) {
      args.append(args.length() == 0 ? "" : " ").append(a.asText());
    }
    return "JMH " + first.path("jmhVersion").asText() + ", " + first.path("vmName").asText() + " "
        + first.path("vmVersion").asText() + " (JDK " + first.path("jdkVersion").asText() + ")"
        + ", JVM args `" + args + "`; " + String.join("; ", settings) + ".";
  }

  static Result parse(JsonNode r) {
    String full = r.path("benchmark").asText();
    String[] parts = full.split("\\.");
    String name = parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : full;
    Map<String, String> params = new LinkedHashMap<>();
    String impl = "";
    JsonNode p = r.path("params");
    for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("impl")) {
        impl = e.getValue().asText();
      } else {
        params.put(e.getKey(), e.getValue().asText());
      }
    }
    JsonNode m = r.path("primaryMetric");
    String unit = m.path("scoreUnit").asText();
    double score = number(m.path("score"));
    double error = number(m.path("scoreError"));
    double median = number(m.path("scorePercentiles").path("50.0"));
    int iterations = r.path("measurementIterations").asInt();
    JsonNode cpu = r.path("secondaryMetrics").path("cpu");
    double cpuNs = Double.NaN;
    double cpuError = Double.NaN;
    if (!cpu.isMissingNode()) {
      String cpuUnit = cpu.path("scoreUnit").asText();
      cpuNs = toNsPerOp(number(cpu.path("score")), cpuUnit);
      cpuError = toNsPerOpError(number(cpu.path("scoreError")), cpuUnit);
    }
    return new Result(
        name,
        params,
        impl,
        r.path("threads").asInt(1),
        r.path("mode").asText(),
        toNsPerOp(score, unit),
        toNsPerOpError(error, unit),
        toNsPerOp(median, unit),
        r.path("forks").asInt(),
        iterations,
        cpuNs,
        cpuError);
  }

  private static double number(JsonNode n) {
    if (n.isNumber()) {
      return n.asDouble();
    }
    // JMH writes "NaN" (a string) when there were too few iterations for an error.
    return Double.NaN;
  }

  /** Nanoseconds per operation of a score in {@code unit}. */
  static double toNsPerOp(double value, String unit) {
    return switch (unit) {
      case "ns/op" -> value;
      case "us/op" -> value * 1e3;
      case "ms/op" -> value * 1e6;
      case "s/op" -> value * 1e9;
      case "ops/ns" -> 1 / value;
      case "ops/us" -> 1e3 / value;
      case "ops/ms" -> 1e6 / value;
      case "ops/s" -> 1e9 / value;
      default -> throw new IllegalArgumentException("unknown JMH unit: " + unit);
    };
  }

  private static double toNsPerOpError(double error, String unit) {
    if (unit.startsWith("ops/")) {
      // A throughput error does not convert linearly; leave it out rather than mislead.
      return Double.NaN;
    }
    return toNsPerOp(error, unit);
  }
}
