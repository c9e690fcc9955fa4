package org.peerstore.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
import org.peerstore.PeerPage;
import org.peerstore.Peerstore;
import org.peerstore.bench.data.Dataset;
import org.peerstore.peer.PeerId;

/**
 * Queries over many peers (docs/CONTRACT.md §17), in a store of {@value #PEERS} peers, each
 * with the protocols {@code /common} and {@code /p/<i mod 100>}, so {@code /p/7} is spoken by 1%
 * of them: {@code peersWithProtocol("/p/7")} from the protocol index; the same answer the old
 * way (every peer of {@code peers()}, then its {@code protocols}: a scan); and a page of
 * {@value #PAGE} peers of {@code peers(after, 100)} from a random cursor. Under the build's smoke
 * test ({@link Dataset#SMOKE_PEERS_PROPERTY} set) the store holds a hundredth as many peers.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class QueryBenchmark {
  /** Peers in the store. */
  public static final int PEERS = 100_000;
  /** Peers per page. */
  public static final int PAGE = 100;
  private static final String QUERY = "/p/7";
  private static final int CURSORS = 4096;

  /** A store with the peers, made once per trial. */
  @State(Scope.Benchmark)
  public static class Peers {
    /** The implementation. */
    @Param({"memory", "rocksdb", "rocksdb-nocache", "rocksdb-grouped"})
    public String impl;

    Peerstore store;
    private Path dir;
    final PeerId[] cursors = new PeerId[CURSORS];
    int next;

    /** Opens the store and gives every peer its protocols. */
    @Setup(Level.Trial)
    public void setUp() {
      Impl i = Impl.of(impl);
      dir = i.usesRocksDb() ? BenchDirs.create("query-") : null;
      store = StoreConfig.DEFAULTS.open(i, new ManualClock(), dir);
      SplittableRandom random = new SplittableRandom(17);
      int n = Integer.getInteger(Dataset.SMOKE_PEERS_PROPERTY) != null ? PEERS / 100 : PEERS;
      List<PeerId> peers = new ArrayList<>(n);
      for (int k = 0; k < n; k++) {
        PeerId p = randomPeer(random);
        peers.add(p);
        store.addProtocols(p, List.of("/common", "/p/" + (k % 100)));
      }
      for (int k = 0; k < CURSORS; k++) {
        cursors[k] = peers.get(random.nextInt(peers.size()));
      }
      if (store.peersWithProtocol(QUERY).size() != n / 100
          || !store.peersWithProtocol(QUERY).equals(scan(store))) {
        throw new IllegalStateException("the index and the scan disagree");
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

    PeerId nextCursor() {
      PeerId c = cursors[next];
      next = (next + 1) & (CURSORS - 1);
      return c;
    }

    private static PeerId randomPeer(SplittableRandom random) {
      byte[] mh = new byte[34];
      mh[0] = 0x12; // sha2-256
      mh[1] = 32;
      for (int k = 2; k < mh.length; k++) {
        mh[k] = (byte) random.nextInt(256);
      }
      return PeerId.fromBytes(mh);
    }
  }

  /** The old way: every peer, then its protocols. */
  static Set<PeerId> scan(Peerstore store) {
    Set<PeerId> out = new HashSet<>();
    for (PeerId p : store.peers()) {
      if (store.protocols(p).contains(QUERY)) {
        out.add(p);
      }
    }
    return out;
  }

  /** {@code peersWithProtocol} of a protocol 1% of the peers speak, from the index. */
  @Benchmark
  public Object peersWithProtocol(Peers s) {
    return s.store.peersWithProtocol(QUERY);
  }

  /** The same answer by a scan of every peer (what a caller had to do before the index). */
  @Benchmark
  public Object peersWithProtocolScan(Peers s) {
    return scan(s.store);
  }

  /** One page of 100 peers after a random cursor. */
  @Benchmark
  public PeerPage peersPage(Peers s) {
    return s.store.peers(s.nextCursor(), PAGE);
  }
}
