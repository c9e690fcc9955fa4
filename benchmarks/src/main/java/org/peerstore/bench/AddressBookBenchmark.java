package org.peerstore.bench;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
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
import org.peerstore.addrbook.AddressBook;
import org.peerstore.addrbook.NetAddress;
import org.peerstore.peer.PeerId;
import org.peerstore.peermanager.PeerManager;

/**
 * The CometBFT address book (docs/ADDRBOOK.md) on each store: {@code addAddress},
 * {@code markGood}, {@code pickAddress}, {@code getSelection} after {@code offered} addresses
 * were added (the buckets hold at most 16,384 new and 4,096 old, so a book offered 100,000
 * holds about 16,000), and the shrex peer manager's {@code peer(key)} with 1,000 pools.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class AddressBookBenchmark {

  static NetAddress addr(int i) {
    byte[] id = new byte[20];
    id[0] = (byte) 0xcb;
    id[16] = (byte) (i >>> 24);
    id[17] = (byte) (i >>> 16);
    id[18] = (byte) (i >>> 8);
    id[19] = (byte) i;
    byte[] ip = {(byte) (11 + (i % 80)), (byte) (i >>> 8), (byte) i, (byte) (1 + (i % 200))};
    try {
      return new NetAddress(HexFormat.of().formatHex(id), InetAddress.getByAddress(ip), 26656);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /** A book over a store, filled once per trial. */
  @State(Scope.Benchmark)
  public static class Book {
    /** The store. */
    @Param({"memory", "rocksdb"})
    public String impl;
    /** Addresses added before measuring. */
    @Param({"10000", "100000"})
    public int offered;

    Peerstore store;
    AddressBook book;
    private Path dir;
    int next;
    String[] ids;

    /** Opens the store and fills the book; marks a tenth good. */
    @Setup(Level.Trial)
    public void setUp() {
      Impl i = Impl.of(impl);
      dir = i.usesRocksDb() ? BenchDirs.create("addrbook-") : null;
      store = StoreConfig.DEFAULTS.open(i, new ManualClock(), dir);
      book = AddressBook.builder(store).random(new Random(1)).build();
      for (int n = 0; n < offered; n++) {
        book.addAddress(addr(n), addr(n + 7_000_000));
      }
      for (int n = 0; n < offered; n += 10) {
        book.markGood(addr(n).id());
      }
      ids = book.exportFile().addrs().stream().map(k -> k.id()).toArray(String[]::new);
      next = offered;
      System.out.println("book: " + book.newCount() + " new, " + book.oldCount() + " old");
    }

    /** Closes and deletes the store. */
    @TearDown(Level.Trial)
    public void tearDown() {
      store.close();
      if (dir != null) {
        BenchDirs.delete(dir);
      }
    }
  }

  /** One address not seen before, from a source of its own (a store write, often two). */
  @Benchmark
  public Object addAddress(Book b) {
    int n = b.next++;
    return b.book.addAddress(addr(n), addr(n + 13_000_000));
  }

  /** A success of a known address (new ones move to old, pushing back when full). */
  @Benchmark
  public boolean markGood(Book b) {
    String id = b.ids[Math.floorMod(b.next++, b.ids.length)];
    return b.book.markGood(id);
  }

  /** A random address, bias 30 (memory only: no store access). */
  @Benchmark
  public Optional<NetAddress> pickAddress(Book b) {
    return b.book.pickAddress(30);
  }

  /** A PEX response: 250 random addresses. */
  @Benchmark
  public List<NetAddress> getSelection(Book b) {
    return b.book.getSelection();
  }

  /** A peer manager with 1,000 validated pools of 8 peers. */
  @State(Scope.Benchmark)
  public static class Pools {
    Peerstore store;
    PeerManager manager;
    String[] keys = new String[1000];
    int next;

    /** Fills the pools (memory store: pools are process-local, only bans touch the store). */
    @Setup(Level.Trial)
    public void setUp() {
      store = StoreConfig.DEFAULTS.open(Impl.of("memory"), new ManualClock(), null);
      manager = PeerManager.builder(store).scheduler((task, delay) -> { }).build();
      for (int k = 0; k < keys.length; k++) {
        keys[k] = HexFormat.of().formatHex(new byte[] {(byte) (k >>> 8), (byte) k}) + "-hash";
        for (int p = 0; p < 8; p++) {
          manager.announced(keys[k], 100, peer(k * 8 + p));
        }
        manager.validate(keys[k], true);
      }
    }

    private static PeerId peer(int i) {
      byte[] mh = new byte[22];
      mh[1] = 20;
      mh[18] = (byte) (i >>> 24);
      mh[19] = (byte) (i >>> 16);
      mh[20] = (byte) (i >>> 8);
      mh[21] = (byte) i;
      return PeerId.fromBytes(mh);
    }

    /** Closes the store. */
    @TearDown(Level.Trial)
    public void tearDown() {
      store.close();
    }
  }

  /** {@code peer(key)} of a pool that has an available peer (round-robin step). */
  @Benchmark
  public CompletableFuture<PeerId> peerOfKey(Pools p) {
    return p.manager.peer(p.keys[p.next++ % p.keys.length], Duration.ofSeconds(1));
  }
}
