package org.peerstore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.peerstore.bench.data.Dataset;

/**
 * Runs every micro benchmark through JMH itself, in this JVM, once per implementation: its
 * {@code @Setup}, a few milliseconds of its operation, its {@code @TearDown}. The dataset is
 * shrunk to {@code peerstore.bench.smokePeers} peers (set by the build), so the scores mean
 * nothing; what is checked is that every combination runs and produces one, and a CPU time
 * from {@link CpuProfiler}. (The churn
 * benchmark is covered by {@link ChurnDriverTest} on a small population.)
 */
class BenchmarkSmokeTest {

  @TempDir Path scratch;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void everyBenchmarkRunsForEveryImplementation() throws Exception {
    assertThat(Integer.getInteger(Dataset.SMOKE_PEERS_PROPERTY))
        .as("the build sets %s", Dataset.SMOKE_PEERS_PROPERTY)
        .isNotNull();
    Options options =
        new OptionsBuilder()
            .include("org\\.peerstore\\.bench\\.(?!Churn|GoShapes).*Benchmark\\.")
            .param("addrsPerPeer", "10")
            .forks(0)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(5))
            .timeUnit(TimeUnit.NANOSECONDS)
            .shouldFailOnError(true)
            .addProfiler(CpuProfiler.class)
            .output(scratch.resolve("jmh.log").toString())
            .build();
    String old = System.getProperty(BenchDirs.DIR_PROPERTY);
    System.setProperty(BenchDirs.DIR_PROPERTY, scratch.toString());
    Collection<RunResult> results;
    try {
      results = new Runner(options).run();
    } finally {
      if (old == null) {
        System.clearProperty(BenchDirs.DIR_PROPERTY);
      } else {
        System.setProperty(BenchDirs.DIR_PROPERTY, old);
      }
    }
    // 24 methods less churn = 23; 21 with all six implementations, 1 (updateAddrs) with the
    // four stores, 1 (recordLatency) with four (three stores less grouped, and the map
    // baseline). Plus the ban book's 6 (BanBenchmark) with two implementations, memory and
    // rocksdb, the tag book's 3 (TagBenchmark) and the dial book's 3 (DialBenchmark) with the
    // same two, and the queries' 3 (QueryBenchmark) with the four stores; the address book's 4
    // (AddressBookBenchmark) with two stores and two book sizes, and its peer manager's 1.
    assertThat(results)
        .hasSize(21 * 6 + 4 + 4 + 6 * 2 + 3 * 2 + 3 * 2 + 3 * 4 + 4 * 2 * 2 + 1);
    for (RunResult r : results) {
      String what = r.getParams().getBenchmark() + " " + r.getParams().getParam("impl");
      assertThat(r.getPrimaryResult().getScore()).as(what).isPositive();
      assertThat(r.getSecondaryResults()).as(what).containsKey("cpu");
      assertThat(r.getSecondaryResults().get("cpu").getScore()).as(what + " cpu").isPositive();
      if (r.getParams().getMode() == org.openjdk.jmh.annotations.Mode.AverageTime) {
        assertThat(r.getSecondaryResults()).as(what).containsKey("cpu.caller");
        assertThat(r.getSecondaryResults().get("cpu.caller").getScore())
            .as(what + " cpu.caller").isPositive();
      }
    }
    try (var left = java.nio.file.Files.list(scratch)) {
      assertThat(left.filter(p -> !p.getFileName().toString().equals("jmh.log")))
          .as("scratch directories left behind")
          .isEmpty();
    }
  }

  /**
   * go-libp2p's shapes ({@link GoShapesBenchmark}, run apart: its stores are a parameter of its
   * own): each of its 5 methods with the four stores, one address per peer.
   */
  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void goShapesRunForEveryStore() throws Exception {
    Options options =
        new OptionsBuilder()
            .include("org\\.peerstore\\.bench\\.GoShapesBenchmark\\.")
            .param("addrs", "1")
            .forks(0)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(5))
            .timeUnit(TimeUnit.NANOSECONDS)
            .shouldFailOnError(true)
            .output(scratch.resolve("jmh.log").toString())
            .build();
    String old = System.getProperty(BenchDirs.DIR_PROPERTY);
    System.setProperty(BenchDirs.DIR_PROPERTY, scratch.toString());
    Collection<RunResult> results;
    try {
      results = new Runner(options).run();
    } finally {
      if (old == null) {
        System.clearProperty(BenchDirs.DIR_PROPERTY);
      } else {
        System.setProperty(BenchDirs.DIR_PROPERTY, old);
      }
    }
    assertThat(results).hasSize(5 * 4);
    for (RunResult r : results) {
      String what = r.getParams().getBenchmark() + " " + r.getParams().getParam("store");
      assertThat(r.getPrimaryResult().getScore()).as(what).isPositive();
    }
    try (var left = java.nio.file.Files.list(scratch)) {
      assertThat(left.filter(p -> !p.getFileName().toString().equals("jmh.log")))
          .as("scratch directories left behind")
          .isEmpty();
    }
  }
}
