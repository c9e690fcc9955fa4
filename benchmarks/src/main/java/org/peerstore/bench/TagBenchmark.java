package org.peerstore.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
import org.peerstore.Peerstore;
import org.peerstore.TagInfo;
import org.peerstore.bench.data.Dataset;
import org.peerstore.peer.PeerId;

/**
 * The tag book (docs/CONTRACT.md §15), what a connection manager calls: {@code tagPeer} (a
 * write of an existing tag with a new value), {@code tagInfo} of a tagged peer and
 * {@code trimCandidates(50)}, in a store holding {@value #TAGGED_PEERS} tagged peers (two plain
 * tags each, random values; every tenth peer protected). Memory store against the RocksDB store
 * with its cache (whose tag reads use only the in-memory tag index). Under the build's smoke
 * test ({@link Dataset#SMOKE_PEERS_PROPERTY} set) the store holds a hundredth as many peers.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class TagBenchmark {
  /** Tagged peers in the store. */
  public static final int TAGGED_PEERS = 100_000;
  /** Probes, walked in turn. */
  private static final int PROBES = 4096;

  /** A store with the tagged peers, made once per trial. */
  @State(Scope.Benchmark)
  public static class Tagged {
    /** The implementation. */
    @Param({"memory", "rocksdb"})
    public String impl;

    Peerstore store;
    private Path dir;
    final PeerId[] probes = new PeerId[PROBES];

    /** Opens the store and tags the peers. */
    @Setup(Level.Trial)
    public void setUp() {
      Impl i = Impl.of(impl);
      dir = i.usesRocksDb() ? BenchDirs.create("tag-") : null;
      store = StoreConfig.DEFAULTS.open(i, new ManualClock(), dir);
      SplittableRandom random = new SplittableRandom(17);
      boolean smoke = Integer.getInteger(Dataset.SMOKE_PEERS_PROPERTY) != null;
      int count = smoke ? TAGGED_PEERS / 100 : TAGGED_PEERS;
      PeerId[] peers = new PeerId[count];
      for (int n = 0; n < count; n++) {
        PeerId p = randomPeer(random);
        peers[n] = p;
        store.tagPeer(p, "app", random.nextInt(1000));
        store.tagPeer(p, "dht", random.nextInt(100));
        if (n % 10 == 0) {
          store.protect(p, "relay");
        }
      }
      for (int n = 0; n < PROBES; n++) {
        probes[n] = peers[random.nextInt(count)];
        if (store.tagInfo(probes[n]).isEmpty()) {
          throw new IllegalStateException("probe " + n + " is not tagged");
        }
      }
      if (store.trimCandidates(50).size() != Math.min(50, count - (count + 9) / 10)) {
        throw new IllegalStateException("trimCandidates(50) is not 50 peers");
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

  /** Each thread's position in the probe array and a changing value. */
  @State(Scope.Thread)
  public static class Probe {
    private int next;
    private int value;

    int next() {
      int i = next;
      next = (i + 1) & (PROBES - 1);
      return i;
    }

    int value() {
      value = (value + 1) & 1023;
      return value;
    }
  }

  /** {@code tagPeer} of a tagged peer's existing tag with a new value (one write). */
  @Benchmark
  public void tagPeer(Tagged s, Probe p) {
    s.store.tagPeer(s.probes[p.next()], "app", p.value());
  }

  /** {@code tagInfo} of a tagged peer. */
  @Benchmark
  public Optional<TagInfo> tagInfo(Tagged s, Probe p) {
    return s.store.tagInfo(s.probes[p.next()]);
  }

  /** {@code trimCandidates(50)} over every tagged peer. */
  @Benchmark
  public List<PeerId> trimCandidates(Tagged s) {
    return s.store.trimCandidates(50);
  }
}
