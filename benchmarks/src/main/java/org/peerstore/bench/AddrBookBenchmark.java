package org.peerstore.bench;

import java.time.Duration;
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
 * The address book, single-threaded: inserting new peers, extending and setting existing ones,
 * reading (hit and miss), the add-then-clear round trip, listing peers, and the
 * connect/disconnect {@code updateAddrs} pattern, each with 1, 10 and 100 addresses per peer
 * where the count matters.
 *
 * <p>Writes to existing peers run against a store pre-filled with all {@value Dataset#PEERS}
 * peers at {@link AddrTtl#ADDRESS}; the stores use the system clock, so each visit to a peer
 * (every 10,000 operations) really extends its expiry and really writes. Inserting new peers
 * needs a store that does not have them yet: it is timed as one shot of 10,000 inserts into a
 * fresh store per iteration and reported per insert.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class AddrBookBenchmark {

  /** A store or baseline pre-filled with every peer's addresses, fresh per trial. */
  @State(Scope.Benchmark)
  public static class Filled extends Fixture {
    /** The implementation. */
    @Param({"memory", "rocksdb", "rocksdb-nocache", "rocksdb-grouped", "baseline-map",
        "baseline-rocksdb"})
    public String impl;

    /** Addresses per peer. */
    @Param({"1", "10", "100"})
    public int addrsPerPeer;

    /** Opens and fills the target. */
    @Setup(Level.Trial)
    public void setUp() {
      open(impl, addrsPerPeer);
      prefillAddrs(AddrTtl.ADDRESS);
      settle();
    }

    /** Closes the target. */
    @TearDown(Level.Trial)
    public void tearDown() {
      close();
    }
  }

  /** An empty store or baseline, fresh per iteration (for inserts of new peers). */
  @State(Scope.Benchmark)
  public static class Empty extends Fixture {
    /** The implementation. */
    @Param({"memory", "rocksdb", "rocksdb-nocache", "rocksdb-grouped", "baseline-map",
        "baseline-rocksdb"})
    public String impl;

    /** Addresses per peer. */
    @Param({"1", "10", "100"})
    public int addrsPerPeer;

    /** Opens an empty target. */
    @Setup(Level.Iteration)
    public void setUp() {
      open(impl, addrsPerPeer);
      startShot();
    }

    /** Closes the target. */
    @TearDown(Level.Iteration)
    public void tearDown() {
      endShot();
      close();
    }
  }

  /** A store with every peer connected (addresses at CONNECTED), fresh per trial. */
  @State(Scope.Benchmark)
  public static class Connected extends Fixture {
    /** The implementation (no baseline models {@code updateAddrs}). */
    @Param({"memory", "rocksdb", "rocksdb-nocache", "rocksdb-grouped"})
    public String impl;

    /** Addresses per peer. */
    @Param({"1", "10", "100"})
    public int addrsPerPeer;

    /** Opens the store and connects every peer. */
    @Setup(Level.Trial)
    public void setUp() {
      open(impl, addrsPerPeer);
      prefillAddrs(AddrTtl.CONNECTED);
      settle();
    }

    /** Closes the store. */
    @TearDown(Level.Trial)
    public void tearDown() {
      close();
    }
  }

  /** A store or baseline with 10 addresses per peer, for lookups whose cost does not scale. */
  @State(Scope.Benchmark)
  public static class Lookup extends Fixture {
    /** The implementation. */
    @Param({"memory", "rocksdb", "rocksdb-nocache", "rocksdb-grouped", "baseline-map",
        "baseline-rocksdb"})
    public String impl;

    /** Opens and fills the target. */
    @Setup(Level.Trial)
    public void setUp() {
      open(impl, 10, Need.UNKNOWN_PEERS);
      prefillAddrs(AddrTtl.ADDRESS);
      settle();
    }

    /** Closes the target. */
    @TearDown(Level.Trial)
    public void tearDown() {
      close();
    }
  }

  /** {@code addAddrs} of a peer the store has never seen, 10,000 in a row into a fresh store. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OperationsPerInvocation(Dataset.PEERS)
  @Warmup(iterations = 10)
  @Measurement(iterations = 10)
  public void addAddrsNewPeer(Empty s) {
    Target t = s.target;
    int n = s.data.size();
    for (int i = 0; i < n; i++) {
      t.addAddrs(i, AddrTtl.ADDRESS);
    }
  }

  /** {@code addAddrs} of a known peer's own addresses: extends each expiry. */
  @Benchmark
  public void addAddrsExtend(Filled s, Cursor c) {
    s.target.addAddrs(c.next(), AddrTtl.ADDRESS);
  }

  /** {@code setAddrs} of a known peer's own addresses: overrides each ttl and expiry. */
  @Benchmark
  public void setAddrs(Filled s, Cursor c) {
    s.target.setAddrs(c.next(), AddrTtl.ADDRESS);
  }

  /** {@code addrs} of a known peer (the result is consumed by JMH). */
  @Benchmark
  public Object addrsHit(Filled s, Cursor c) {
    return s.target.addrs(c.next());
  }

  /** {@code addrs} of a peer never stored. */
  @Benchmark
  public Object addrsMiss(Lookup s, Cursor c) {
    return s.target.addrsOfUnknown(c.next());
  }

  /**
   * {@code addAddrs} then {@code clearAddrs} of the same peer: a peer learned and forgotten.
   * Reported per pair of calls.
   */
  @Benchmark
  public void addAddrsClearRoundTrip(Filled s, Cursor c) {
    int peer = c.next();
    s.target.addAddrs(peer, AddrTtl.ADDRESS);
    s.target.clearAddrs(peer);
  }

  /** {@code peersWithAddrs} over all 10,000 peers. */
  @Benchmark
  public Object peersWithAddrs(Lookup s) {
    return s.target.peersWithAddrs();
  }

  /**
   * One disconnect and reconnect of a connected peer as a host drives it, reported per cycle
   * of four calls: {@code updateAddrs(CONNECTED → TEMP)} on disconnect, {@code addAddrs} at
   * RECENTLY_CONNECTED, {@code updateAddrs(TEMP → 0)} (which finds nothing left at TEMP), and
   * {@code addAddrs} at CONNECTED when identify runs on the next connection.
   */
  @Benchmark
  public void updateAddrsConnectCycle(Connected s, Cursor c) {
    int peer = c.next();
    Target t = s.target;
    t.updateAddrs(peer, AddrTtl.CONNECTED, AddrTtl.TEMP);
    t.addAddrs(peer, AddrTtl.RECENTLY_CONNECTED);
    t.updateAddrs(peer, AddrTtl.TEMP, Duration.ZERO);
    t.addAddrs(peer, AddrTtl.CONNECTED);
  }
}
