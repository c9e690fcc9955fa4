package org.peerstore.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
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
import org.peerstore.AddrTtl;
import org.peerstore.Peerstore;
import org.peerstore.bench.data.Addresses;
import org.peerstore.memory.MemoryPeerstore;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.rocksdb.Durability;
import org.peerstore.rocksdb.RocksPeerstore;

/**
 * go-libp2p's address-book benchmark shapes, as its suite
 * ({@code p2p/host/peerstore/test/benchmarks_suite.go}) stood before v0.38 (PR 3092 reshaped
 * it), so the stores can be put beside go's {@code pstoremem}/{@code pstoreds}: each call works
 * on a fresh peer with {@code addrs} addresses at the permanent ttl. In the report a
 * benchmark's go name is {@code Name-<addrs>Addrs} (e.g. {@code AddAddrs-10Addrs}).
 *
 * <ul>
 *   <li>{@code addAddrs} (go: {@code AddAddrs}): {@code addAddrs} of a fresh peer;
 *   <li>{@code setAddrs} ({@code SetAddrs}): {@code setAddrs} of a fresh peer;
 *   <li>{@code getAddrs} ({@code GetAddrs}): {@code addrs} of one peer holding the addresses;
 *   <li>{@code addGetAndClearAddrs} ({@code AddGetAndClearAddrs}): {@code addAddrs},
 *       {@code addrs}, {@code clearAddrs} of a fresh peer;
 *   <li>{@code get1000PeersWithAddrs} ({@code Get1000PeersWithAddrs}): {@code peersWithAddrs}
 *       over 1,000 peers of {@code addrs} addresses each.
 * </ul>
 *
 * <p>Differences from go, said here once:
 *
 * <ul>
 *   <li>go keeps one store per benchmark and address count, and it fills up across its
 *       calibration runs; here the store is reopened empty before every iteration (not timed);
 *   <li>go draws a new random peer from a channel inside the timed loop (a producer goroutine
 *       competes with the timed code); here the ids come from a ring of {@value #RING} ids
 *       built in setup, so a peer is fresh unless an iteration runs more than {@value #RING}
 *       calls (then the call extends a known peer);
 *   <li>go's addresses end in {@code /ipfs/<peer id>} and are split and checked on every add;
 *       here every peer gets the same address list, without that suffix;
 *   <li>{@code Get1000PeersWithAddrs} reads 1,001 peers here (the {@code getAddrs} peer is in
 *       the store too); in go the 1,000 peers of each calibration run add up.
 * </ul>
 *
 * <p>Stores: {@code memory}, {@code rocksdb-wal} (the default durability), {@code rocksdb-sync}
 * ({@code Durability.SYNC}), {@code rocksdb-grouped} ({@code Durability.grouped()}, 10 ms);
 * all with the per-peer cap raised to 128.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class GoShapesBenchmark {
  /** Distinct peer ids per iteration. */
  static final int RING = 1 << 16;

  /** The store, reopened empty every iteration. */
  @State(Scope.Benchmark)
  public static class Store {
    /** memory, rocksdb-wal, rocksdb-sync or rocksdb-grouped. */
    @Param({"memory", "rocksdb-wal", "rocksdb-sync", "rocksdb-grouped"})
    public String store;

    /** Addresses per peer (go: 1, 10, 100). */
    @Param({"1", "10", "100"})
    public int addrs;

    Peerstore ps;
    List<Multiaddr> list;
    final PeerId[] ring = new PeerId[RING];
    int next;
    private Path dir;

    /** The peer ids and the address list. */
    @Setup(Level.Trial)
    public void ids() {
      for (int i = 0; i < RING; i++) {
        byte[] mh = new byte[34];
        mh[0] = 0x12; // sha2-256 multihash of 32 bytes
        mh[1] = 0x20;
        long x = 0x9E3779B97F4A7C15L * (i + 1);
        for (int b = 0; b < 32; b++) {
          // Bytes 0-3 are the index (distinct ids), the rest spread from it.
          mh[2 + b] = b < 4 ? (byte) (i >>> (8 * b)) : (byte) (x >>> ((b % 8) * 8));
        }
        ring[i] = PeerId.fromBytes(mh);
      }
      list = Addresses.of(7, 0, addrs);
    }

    /** An empty store. */
    @Setup(Level.Iteration)
    public void open() {
      next = 0;
      if (store.equals("memory")) {
        ps = MemoryPeerstore.builder().clock(new ManualClock()).gcInterval(Duration.ZERO)
            .maxAddrsPerPeer(StoreConfig.MICRO_MAX_ADDRS_PER_PEER)
            .maxUnconnectedAddrs(StoreConfig.MICRO_MAX_UNCONNECTED_ADDRS).build();
      } else {
        dir = BenchDirs.create("go-shapes-");
        ps = RocksPeerstore.builder(dir).clock(new ManualClock()).gcInterval(Duration.ZERO)
            .maxAddrsPerPeer(StoreConfig.MICRO_MAX_ADDRS_PER_PEER)
            .durability(switch (store) {
              case "rocksdb-sync" -> Durability.SYNC;
              case "rocksdb-grouped" -> Durability.grouped();
              default -> Durability.WAL;
            })
            .build();
      }
      ps.setAddrs(ring[RING - 1], list, AddrTtl.PERMANENT);
    }

    /** The next fresh peer. */
    PeerId fresh() {
      PeerId p = ring[next];
      next = next + 1 == RING - 1 ? 0 : next + 1; // never the last id: getAddrs reads it
      return p;
    }

    /** Closes and deletes the store. */
    @TearDown(Level.Iteration)
    public void close() {
      ps.close();
      if (dir != null) {
        BenchDirs.delete(dir);
        dir = null;
      }
    }
  }

  /** A store holding 1,000 peers, for {@link #get1000PeersWithAddrs}. */
  @State(Scope.Benchmark)
  public static class Thousand {
    /** memory, rocksdb-wal, rocksdb-sync or rocksdb-grouped. */
    @Param({"memory", "rocksdb-wal", "rocksdb-sync", "rocksdb-grouped"})
    public String store;

    /** Addresses per peer. */
    @Param({"1", "10", "100"})
    public int addrs;

    Store s;

    /** Opens the store and adds the peers. */
    @Setup(Level.Trial)
    public void fill() {
      s = new Store();
      s.store = store;
      s.addrs = addrs;
      s.ids();
      s.open();
      for (int i = 0; i < 1000; i++) {
        s.ps.addAddrs(s.fresh(), s.list, AddrTtl.PERMANENT);
      }
    }

    /** Closes the store. */
    @TearDown(Level.Trial)
    public void close() {
      s.close();
    }
  }

  /** go: {@code AddAddrs}. */
  @Benchmark
  public void addAddrs(Store s) {
    s.ps.addAddrs(s.fresh(), s.list, AddrTtl.PERMANENT);
  }

  /** go: {@code SetAddrs}. */
  @Benchmark
  public void setAddrs(Store s) {
    s.ps.setAddrs(s.fresh(), s.list, AddrTtl.PERMANENT);
  }

  /** go: {@code GetAddrs}. */
  @Benchmark
  public List<Multiaddr> getAddrs(Store s) {
    return s.ps.addrs(s.ring[RING - 1]);
  }

  /** go: {@code AddGetAndClearAddrs}. */
  @Benchmark
  public List<Multiaddr> addGetAndClearAddrs(Store s) {
    PeerId p = s.fresh();
    s.ps.addAddrs(p, s.list, AddrTtl.PERMANENT);
    List<Multiaddr> got = s.ps.addrs(p);
    s.ps.clearAddrs(p);
    return got;
  }

  /** go: {@code Get1000PeersWithAddrs} (1,001 here: the getAddrs peer is in the store too). */
  @Benchmark
  public Set<PeerId> get1000PeersWithAddrs(Thousand t) {
    return t.s.ps.peersWithAddrs();
  }
}
