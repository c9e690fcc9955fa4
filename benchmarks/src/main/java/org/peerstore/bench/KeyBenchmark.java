package org.peerstore.bench;

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
 * The key book: storing a peer's public key and reading it back. (A stored key is what
 * {@code pubKey} returns first; the identity-inlined fallback is not what is timed here.)
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class KeyBenchmark {

  /** An empty target, fresh per iteration (every key is new to it). */
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

  /** A target holding every peer's public key, fresh per trial. */
  @State(Scope.Benchmark)
  public static class Filled extends Fixture {
    /** The implementation. */
    @Param({"memory", "rocksdb", "rocksdb-nocache", "rocksdb-grouped", "baseline-map",
        "baseline-rocksdb"})
    public String impl;

    /** Opens the target and stores every key. */
    @Setup(Level.Trial)
    public void setUp() {
      open(impl, 1);
      for (int i = 0; i < data.size(); i++) {
        target.addPubKey(i);
      }
      settle();
    }

    /** Closes the target. */
    @TearDown(Level.Trial)
    public void tearDown() {
      close();
    }
  }

  /** {@code addPubKey} of a peer without a stored key, 10,000 in a row into a fresh store. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OperationsPerInvocation(Dataset.PEERS)
  @Warmup(iterations = 10)
  @Measurement(iterations = 10)
  public void keyPut(Empty s) {
    Target t = s.target;
    int n = s.data.size();
    for (int i = 0; i < n; i++) {
      t.addPubKey(i);
    }
  }

  /** {@code pubKey} of a peer with a stored key. */
  @Benchmark
  public Object keyGet(Filled s, Cursor c) {
    return s.target.pubKey(c.next());
  }
}
