package org.peerstore.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Metrics: {@code recordLatency} (both stores keep latency in memory; the baseline is an EWMA in
 * a {@code ConcurrentHashMap}). There is no RocksDB baseline: nothing touches disk.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class LatencyBenchmark {
  private static final Duration[] SAMPLES = {
    Duration.ofMillis(12), Duration.ofMillis(80), Duration.ofMillis(35), Duration.ofMillis(150)
  };

  /** A target where every peer already has a latency, fresh per trial. */
  @State(Scope.Benchmark)
  public static class Filled extends Fixture {
    /** The implementation. */
    @Param({"memory", "rocksdb", "rocksdb-nocache", "baseline-map"})
    public String impl;

    /** Opens the target and records one sample per peer. */
    @Setup(Level.Trial)
    public void setUp() {
      open(impl, 1);
      for (int i = 0; i < data.size(); i++) {
        target.recordLatency(i, SAMPLES[0]);
      }
      settle();
    }

    /** Closes the target. */
    @TearDown(Level.Trial)
    public void tearDown() {
      close();
    }
  }

  /** {@code recordLatency} of a peer with a running average. */
  @Benchmark
  public void recordLatency(Filled s, Cursor c) {
    int peer = c.next();
    s.target.recordLatency(peer, SAMPLES[peer & 3]);
  }
}
