package org.peerstore.bench;

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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.peerstore.AddrTtl;

/**
 * The read path ({@code addrs} hit) and the write path ({@code addAddrs} extending a known
 * peer) with 1, 2 and 4 threads sharing one store, 10 addresses per peer; each thread walks its
 * own slice of the peers. Scores are the average time per call of one thread: the aggregate
 * rate is {@code threads / score}. Compare with the single-threaded {@code addrsHit} and
 * {@code addAddrsExtend} of {@link AddrBookBenchmark} at 10 addresses. More threads than cores
 * measure contention and scheduling, not parallel speed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ConcurrentBenchmark {

  /** A target pre-filled with 10 addresses per peer, fresh per trial. */
  @State(Scope.Benchmark)
  public static class Filled extends Fixture {
    /** The implementation. */
    @Param({"memory", "rocksdb", "rocksdb-nocache", "rocksdb-grouped", "baseline-map",
        "baseline-rocksdb"})
    public String impl;

    /** Opens and fills the target. */
    @Setup(Level.Trial)
    public void setUp() {
      open(impl, 10);
      prefillAddrs(AddrTtl.ADDRESS);
      settle();
    }

    /** Closes the target. */
    @TearDown(Level.Trial)
    public void tearDown() {
      close();
    }
  }

  /** {@code addrs} hit, two threads. */
  @Benchmark
  @Threads(2)
  public Object addrsHitThreads2(Filled s, Cursor c) {
    return s.target.addrs(c.next());
  }

  /** {@code addrs} hit, four threads. */
  @Benchmark
  @Threads(4)
  public Object addrsHitThreads4(Filled s, Cursor c) {
    return s.target.addrs(c.next());
  }

  /**
   * {@code addAddrs} extending a known peer, one thread: the same as
   * {@code AddrBookBenchmark.addAddrsExtend}, here so that 1, 2 and 4 threads are measured on
   * the same fixture in one run (issue 16's scaling).
   */
  @Benchmark
  @Threads(1)
  public void addAddrsExtendThreads1(Filled s, Cursor c) {
    s.target.addAddrs(c.next(), AddrTtl.ADDRESS);
  }

  /** {@code addAddrs} extending a known peer, two threads. */
  @Benchmark
  @Threads(2)
  public void addAddrsExtendThreads2(Filled s, Cursor c) {
    s.target.addAddrs(c.next(), AddrTtl.ADDRESS);
  }

  /** {@code addAddrs} extending a known peer, four threads. */
  @Benchmark
  @Threads(4)
  public void addAddrsExtendThreads4(Filled s, Cursor c) {
    s.target.addAddrs(c.next(), AddrTtl.ADDRESS);
  }
}
