package org.peerstore.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.peerstore.bench.data.Dataset;

/**
 * The protocol book: adding a peer's identify protocol set (eight protocols), reading it, and
 * asking which of four protocols it supports (two yes, two no).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ProtocolBenchmark {
  private static final List<String> QUERY = Dataset.protocolQuery();

  /** An empty target, fresh per iteration (every protocol set is new to it). */
  @State(Scope.Benchmark)
  public static class Empty extends Fixture {
    /** The implementation. */
    @Param({"memory", "rocksdb", "rocksdb-nocache", "rocksdb-grouped", "baseline-map",
        "baseline-rocksdb"})
    public String impl;

    /** Opens an empty target. */
    @Setup(Level.Iteration)
    public void setUp() {
      open(impl, 1);
      startShot();
    }

    /** Closes the target. */
    @TearDown(Level.Iteration)
    public void tearDown() {
      endShot();
      close();
    }
  }

  /** A target where every peer has the protocol set, fresh per trial. */
  @State(Scope.Benchmark)
  public static class Filled extends Fixture {
    /** The implementation. */
    @Param({"memory", "rocksdb", "rocksdb-nocache", "rocksdb-grouped", "baseline-map",
        "baseline-rocksdb"})
    public String impl;

    /** Opens the target and adds every peer's protocols. */
    @Setup(Level.Trial)
    public void setUp() {
      open(impl, 1);
      for (int i = 0; i < data.size(); i++) {
        target.addProtocols(i);
      }
      settle();
    }

    /** Closes the target. */
    @TearDown(Level.Trial)
    public void tearDown() {
      close();
    }
  }

  /** {@code addProtocols} of a peer without protocols, 10,000 in a row into a fresh store. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OperationsPerInvocation(Dataset.PEERS)
  @Warmup(iterations = 10)
  @Measurement(iterations = 10)
  public void protocolsAdd(Empty s) {
    Target t = s.target;
    int n = s.data.size();
    for (int i = 0; i < n; i++) {
      t.addProtocols(i);
    }
  }

  /** {@code protocols} of a peer that has them. */
  @Benchmark
  public Object protocolsGet(Filled s, Cursor c) {
    return s.target.protocols(c.next());
  }

  /** {@code supportsProtocols} with four candidates, two supported. */
  @Benchmark
  public Object protocolsSupports(Filled s, Cursor c) {
    return s.target.supportsProtocols(c.next(), QUERY);
  }
}
