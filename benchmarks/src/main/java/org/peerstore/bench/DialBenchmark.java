package org.peerstore.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
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
import org.peerstore.AddrInfo;
import org.peerstore.AddrTtl;
import org.peerstore.Peerstore;
import org.peerstore.bench.data.Dataset;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

/**
 * The dial history book (docs/CONTRACT.md §16): {@code recordDialAttempt} and
 * {@code recordDialFailure}, what a node calls on every dial, and {@code dialCandidates(50)},
 * what it calls after a restart, over {@value #PEERS} peers with a history and two addresses
 * each: 60% with a success (at different times), 30% with failures in a row (half of them in
 * backoff), 10% only attempted. Memory store against the RocksDB store with its cache. Under
 * the build's smoke test ({@link Dataset#SMOKE_PEERS_PROPERTY} set) a hundredth as many peers.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class DialBenchmark {
  /** Peers with a dial history. */
  public static final int PEERS = 100_000;
  private static final int PROBES = 4096;

  /** A store with the histories, made once per trial. */
  @State(Scope.Benchmark)
  public static class Dialled {
    /** The implementation. */
    @Param({"memory", "rocksdb"})
    public String impl;

    Peerstore store;
    private Path dir;
    final PeerId[] peers = new PeerId[PROBES];
    final Multiaddr[] addrs = new Multiaddr[PROBES];

    /** Opens the store and records the histories. */
    @Setup(Level.Trial)
    public void setUp() {
      Impl i = Impl.of(impl);
      dir = i.usesRocksDb() ? BenchDirs.create("dial-") : null;
      ManualClock clock = new ManualClock();
      store = StoreConfig.DEFAULTS.open(i, clock, dir);
      SplittableRandom random = new SplittableRandom(17);
      boolean smoke = Integer.getInteger(Dataset.SMOKE_PEERS_PROPERTY) != null;
      int count = smoke ? PEERS / 100 : PEERS;
      for (int n = 0; n < count; n++) {
        PeerId p = randomPeer(random);
        Multiaddr a = Multiaddr.fromString("/ip4/10." + (n >> 16) + "." + ((n >> 8) & 255)
            + "." + (n & 255) + "/tcp/4001");
        Multiaddr b = Multiaddr.fromString("/ip4/10." + (n >> 16) + "." + ((n >> 8) & 255)
            + "." + (n & 255) + "/udp/4001/quic-v1");
        store.addAddrs(p, List.of(a, b), AddrTtl.PERMANENT);
        int kind = random.nextInt(10);
        store.recordDialAttempt(p, a);
        if (kind < 6) {
          store.recordDialSuccess(p, a);
        } else if (kind < 9) {
          for (int f = 0, k = 1 + random.nextInt(8); f < k; f++) {
            store.recordDialFailure(p, a, "connection refused");
          }
        }
        if (n % 100 == 0) {
          // Spread the times: the later half's failures are still in backoff at the end.
          clock.advance(Duration.ofSeconds(30));
        }
        if (n < PROBES) {
          peers[n] = p;
          addrs[n] = random.nextBoolean() ? a : b;
        }
      }
      for (int n = count; n < PROBES; n++) {
        peers[n] = peers[n % count];
        addrs[n] = addrs[n % count];
      }
      List<AddrInfo> c = store.dialCandidates(50);
      if (c.size() != Math.min(50, count)) {
        throw new IllegalStateException("expected 50 candidates, got " + c.size());
      }
    }

    /** Closes the store (and deletes its directory). */
    @TearDown(Level.Trial)
    public void tearDown() {
      try {
        store.close();
      } finally {
        if (dir != null) {
          BenchDirs.delete(dir);
        }
      }
    }

    private static PeerId randomPeer(SplittableRandom random) {
      byte[] mh = new byte[34];
      mh[0] = 0x12; // sha2-256
      mh[1] = 32;
      for (int i = 2; i < mh.length; i++) {
        mh[i] = (byte) random.nextInt(256);
      }
      return PeerId.fromBytes(mh);
    }
  }

  /** Walks the probes, one per call. */
  @State(Scope.Thread)
  public static class Probe {
    private int i;

    int next() {
      i = (i + 1) & (PROBES - 1);
      return i;
    }
  }

  /** One attempt recorded: the dial hot path. */
  @Benchmark
  public void recordDialAttempt(Dialled s, Probe p) {
    int n = p.next();
    s.store.recordDialAttempt(s.peers[n], s.addrs[n]);
  }

  /** One failure recorded (with its reason). */
  @Benchmark
  public void recordDialFailure(Dialled s, Probe p) {
    int n = p.next();
    s.store.recordDialFailure(s.peers[n], s.addrs[n], "dial tcp: i/o timeout");
  }

  /** The 50 best candidates, as after a restart. */
  @Benchmark
  public List<AddrInfo> dialCandidates50(Dialled s) {
    return s.store.dialCandidates(50);
  }
}
