package org.peerstore.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
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
import org.peerstore.Peerstore;
import org.peerstore.bench.data.Dataset;
import org.peerstore.bench.data.Identities;
import org.peerstore.peer.PeerId;

/**
 * The churn macro benchmark: {@value ChurnDriver#PEERS} peers connecting, disconnecting,
 * expiring and being collected ({@link ChurnDriver}) in a fresh store per iteration with the
 * stores' default settings. Reported per store call (ns/op); the report turns it into
 * operations per second.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ChurnBenchmark {
  private static final long CHURN_SEED = Dataset.SEED + 100;
  private static volatile List<PeerId> population;

  /** The 100,000 churning peers, generated once per JVM. */
  static List<PeerId> population() {
    List<PeerId> p = population;
    if (p == null) {
      synchronized (ChurnBenchmark.class) {
        p = population;
        if (p == null) {
          PeerId[] ids = new PeerId[ChurnDriver.PEERS];
          IntStream.range(0, ids.length)
              .parallel()
              .forEach(i -> ids[i] = Identities.peer(CHURN_SEED, i));
          p = List.copyOf(Arrays.asList(ids));
          population = p;
        }
      }
    }
    return p;
  }

  /** A fresh store on a fresh manual clock, per iteration. */
  @State(Scope.Benchmark)
  public static class Churn {
    /** The store. */
    @Param({"memory", "rocksdb", "rocksdb-nocache", "rocksdb-grouped"})
    public String impl;

    Peerstore store;
    ManualClock clock;
    Path dir;
    private Map<String, Long> shotCpu;

    /** Opens the store (and generates the population on first use). */
    @Setup(Level.Iteration)
    public void setUp() {
      population();
      Dataset.standard().addrLists(10);
      Impl i = Impl.of(impl);
      clock = new ManualClock();
      dir = i.usesRocksDb() ? BenchDirs.create("peerstore-churn-") : null;
      store = StoreConfig.DEFAULTS.open(i, clock, dir);
      shotCpu = CpuProfiler.cpuSnapshot();
    }

    /** Closes the store and deletes its directory. */
    @TearDown(Level.Iteration)
    public void tearDown() {
      CpuProfiler.oneShot(
          CpuProfiler.cpuBetween(shotCpu, CpuProfiler.cpuSnapshot()),
          (long) population().size() * ChurnDriver.CALLS_PER_PEER);
      try {
        store.close();
      } finally {
        if (dir != null) {
          BenchDirs.delete(dir);
        }
      }
    }
  }

  /** One full churn of 100,000 peers. */
  @Benchmark
  @OperationsPerInvocation(ChurnDriver.OPS)
  public ChurnDriver.Result churn(Churn s) {
    return ChurnDriver.run(s.store, s.clock, population(), Dataset.standard().addrLists(10));
  }
}
