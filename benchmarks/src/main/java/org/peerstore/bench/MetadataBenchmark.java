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
import org.openjdk.jmh.annotations.Warmup;
import org.peerstore.bench.data.Dataset;

/**
 * Peer metadata: reading and writing one String entry ({@value Dataset#AGENT_KEY}) per peer.
 * Puts alternate between two values, so every put replaces a different value.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class MetadataBenchmark {

  /** A target where every peer has the entry, fresh per trial. */
  @State(Scope.Benchmark)
  public static class Filled extends Fixture {
    /** The implementation. */
    @Param({"memory", "rocksdb", "rocksdb-nocache", "rocksdb-grouped", "baseline-map",
        "baseline-rocksdb"})
    public String impl;

    /** Opens the target and writes every peer's entry (second value). */
    @Setup(Level.Trial)
    public void setUp() {
      open(impl, 1);
      for (int i = 0; i < data.size(); i++) {
        target.putMetadata(i, Dataset.AGENT_KEY, Dataset.AGENT_VALUES.get(1));
      }
      settle();
    }

    /** Closes the target. */
    @TearDown(Level.Trial)
    public void tearDown() {
      close();
    }
  }

  /** {@code get} of a stored entry. */
  @Benchmark
  public Object metadataGet(Filled s, Cursor c) {
    return s.target.metadata(c.next(), Dataset.AGENT_KEY);
  }

  /** {@code put} replacing a stored entry with the other value. */
  @Benchmark
  public void metadataPut(Filled s, Cursor c) {
    int peer = c.next();
    s.target.putMetadata(peer, Dataset.AGENT_KEY, Dataset.AGENT_VALUES.get(c.passes() & 1));
  }
}
