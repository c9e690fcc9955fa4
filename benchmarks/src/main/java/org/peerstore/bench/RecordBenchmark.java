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
import org.peerstore.AddrTtl;
import org.peerstore.bench.data.Dataset;

/**
 * The certified address book: consuming a signed peer record (Ed25519, 10 addresses) and
 * reading one back.
 *
 * <p>The envelopes are sealed (and so verified: an {@code Envelope} object always is) before
 * the measurement, so {@code consumePeerRecord} times the store's work without the signature
 * check. Reading a record from the RocksDB store without its cache loads it from disk, and the
 * store re-verifies every record it loads from disk (docs/CONTRACT.md §4), so that path includes
 * one Ed25519 verification per read by design.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class RecordBenchmark {

  /** An empty target, fresh per iteration (every record is new to it). */
  @State(Scope.Benchmark)
  public static class Empty extends Fixture {
    /** The implementation. */
    @Param({"memory", "rocksdb", "rocksdb-nocache", "rocksdb-grouped", "baseline-map",
        "baseline-rocksdb"})
    public String impl;

    /** Opens an empty target. */
    @Setup(Level.Iteration)
    public void setUp() {
      open(impl, Dataset.RECORD_ADDRS, Need.RECORDS);
      startShot();
    }

    /** Closes the target. */
    @TearDown(Level.Iteration)
    public void tearDown() {
      endShot();
      close();
    }
  }

  /** A target holding every peer's record, fresh per trial. */
  @State(Scope.Benchmark)
  public static class Filled extends Fixture {
    /** The implementation. */
    @Param({"memory", "rocksdb", "rocksdb-nocache", "rocksdb-grouped", "baseline-map",
        "baseline-rocksdb"})
    public String impl;

    /** Opens the target and consumes every record. */
    @Setup(Level.Trial)
    public void setUp() {
      open(impl, Dataset.RECORD_ADDRS, Need.RECORDS);
      for (int i = 0; i < data.size(); i++) {
        if (!target.consumePeerRecord(i, AddrTtl.ADDRESS)) {
          throw new IllegalStateException("record of peer " + i + " was not accepted");
        }
      }
      settle();
    }

    /** Closes the target. */
    @TearDown(Level.Trial)
    public void tearDown() {
      close();
    }
  }

  /** {@code consumePeerRecord} of a peer's first record, 10,000 in a row into a fresh store. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OperationsPerInvocation(Dataset.PEERS)
  @Warmup(iterations = 10)
  @Measurement(iterations = 10)
  public int consumePeerRecord(Empty s) {
    Target t = s.target;
    int accepted = 0;
    int n = s.data.size();
    for (int i = 0; i < n; i++) {
      if (t.consumePeerRecord(i, AddrTtl.ADDRESS)) {
        accepted++;
      }
    }
    return accepted;
  }

  /** {@code peerRecord} of a peer with a record. */
  @Benchmark
  public Object peerRecord(Filled s, Cursor c) {
    return s.target.peerRecord(c.next());
  }
}
