package org.peerstore.bench;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.peerstore.BanBook;
import org.peerstore.Peerstore;
import org.peerstore.Subnet;
import org.peerstore.bench.data.Dataset;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

/**
 * The ban book's checks, what a node calls on every dial and accept (docs/CONTRACT.md §14):
 * {@code isBanned} of a peer, of an IP address and of a multiaddr, each for a hit and a miss,
 * in a store holding {@value #BANNED_PEERS} banned peers and {@value #SUBNETS} banned subnets
 * (90% IPv4 with prefixes /12 to /28, 10% IPv6 /24 to /64, random networks). A hit address lies
 * in a banned subnet (host bits random); a miss address is random and checked to be in none.
 * Memory store against the RocksDB store with its cache (whose checks read only the in-memory
 * ban index too). Under the build's smoke test ({@link Dataset#SMOKE_PEERS_PROPERTY} set) the
 * store holds a hundredth as many bans.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class BanBenchmark {
  /** Banned peers in the store. */
  public static final int BANNED_PEERS = 100_000;
  /** Banned subnets in the store. */
  public static final int SUBNETS = 10_000;
  /** Probes of each kind, walked in turn. */
  private static final int PROBES = 4096;

  /** A store with the bans, made once per trial. */
  @State(Scope.Benchmark)
  public static class Banned {
    /** The implementation. */
    @Param({"memory", "rocksdb"})
    public String impl;

    Peerstore store;
    private Path dir;
    final PeerId[] hitPeers = new PeerId[PROBES];
    final PeerId[] missPeers = new PeerId[PROBES];
    final InetAddress[] hitIps = new InetAddress[PROBES];
    final InetAddress[] missIps = new InetAddress[PROBES];
    final Multiaddr[] hitAddrs = new Multiaddr[PROBES];
    final Multiaddr[] missAddrs = new Multiaddr[PROBES];

    /** Opens the store and bans the peers and subnets. */
    @Setup(Level.Trial)
    public void setUp() {
      Impl i = Impl.of(impl);
      dir = i.usesRocksDb() ? BenchDirs.create("ban-") : null;
      store = StoreConfig.DEFAULTS.open(i, new ManualClock(), dir);
      SplittableRandom random = new SplittableRandom(13);
      boolean smoke = Integer.getInteger(Dataset.SMOKE_PEERS_PROPERTY) != null;
      int peerCount = smoke ? BANNED_PEERS / 100 : BANNED_PEERS;
      int subnetCount = smoke ? SUBNETS / 100 : SUBNETS;
      List<PeerId> banned = new ArrayList<>(peerCount);
      for (int n = 0; n < peerCount; n++) {
        PeerId p = randomPeer(random);
        banned.add(p);
        store.banPeer(p, "benchmark", BanBook.PERMANENT);
      }
      List<Subnet> nets = new ArrayList<>(subnetCount);
      for (int n = 0; n < subnetCount; n++) {
        boolean v6 = n % 10 == 0;
        Subnet s = Subnet.of(randomAddress(random, v6),
            v6 ? 24 + random.nextInt(41) : 12 + random.nextInt(17));
        nets.add(s);
        store.banSubnet(s, "benchmark", BanBook.PERMANENT);
      }
      for (int n = 0; n < PROBES; n++) {
        hitPeers[n] = banned.get(random.nextInt(banned.size()));
        missPeers[n] = randomPeer(random);
        Subnet s = nets.get(random.nextInt(nets.size()));
        hitIps[n] = inside(s, random);
        InetAddress miss;
        do {
          miss = randomAddress(random, n % 10 == 0);
        } while (store.isBanned(miss));
        missIps[n] = miss;
        hitAddrs[n] = addr(hitIps[n]);
        missAddrs[n] = addr(missIps[n]);
        if (!store.isBanned(hitPeers[n]) || store.isBanned(missPeers[n])
            || !store.isBanned(hitIps[n]) || !store.isBanned(hitAddrs[n])
            || store.isBanned(missAddrs[n])) {
          throw new IllegalStateException("probe " + n + " is not what it should be");
        }
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

    private static InetAddress randomAddress(SplittableRandom random, boolean v6) {
      byte[] b = new byte[v6 ? 16 : 4];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) random.nextInt(256);
      }
      if (v6) {
        b[0] = 0x20; // global unicast, never IPv4-mapped
      }
      return address(b);
    }

    private static InetAddress inside(Subnet s, SplittableRandom random) {
      byte[] b = s.networkBytes();
      for (int bit = s.prefixLength(); bit < b.length * 8; bit++) {
        if (random.nextBoolean()) {
          b[bit >>> 3] |= (byte) (0x80 >>> (bit & 7));
        }
      }
      return address(b);
    }

    private static InetAddress address(byte[] b) {
      try {
        return InetAddress.getByAddress(b);
      } catch (UnknownHostException e) {
        throw new AssertionError(e);
      }
    }

    private static Multiaddr addr(InetAddress a) {
      String ip = a.getAddress().length == 4 ? "/ip4/" : "/ip6/";
      return Multiaddr.fromString(ip + a.getHostAddress() + "/tcp/4001");
    }
  }

  /** Each thread's position in the probe arrays. */
  @State(Scope.Thread)
  public static class Probe {
    private int next;

    int next() {
      int i = next;
      next = (i + 1) & (PROBES - 1);
      return i;
    }
  }

  /** {@code isBanned(peer)} of a banned peer. */
  @Benchmark
  public boolean isBannedPeerHit(Banned s, Probe p) {
    return s.store.isBanned(s.hitPeers[p.next()]);
  }

  /** {@code isBanned(peer)} of a peer that is not banned. */
  @Benchmark
  public boolean isBannedPeerMiss(Banned s, Probe p) {
    return s.store.isBanned(s.missPeers[p.next()]);
  }

  /** {@code isBanned(InetAddress)} of an address inside a banned subnet. */
  @Benchmark
  public boolean isBannedIpInSubnet(Banned s, Probe p) {
    return s.store.isBanned(s.hitIps[p.next()]);
  }

  /** {@code isBanned(InetAddress)} of an address in no banned subnet. */
  @Benchmark
  public boolean isBannedIpMiss(Banned s, Probe p) {
    return s.store.isBanned(s.missIps[p.next()]);
  }

  /** {@code isBanned(Multiaddr)} of {@code /ip4|ip6/<address in a banned subnet>/tcp/4001}. */
  @Benchmark
  public boolean isBannedMultiaddrHit(Banned s, Probe p) {
    return s.store.isBanned(s.hitAddrs[p.next()]);
  }

  /** {@code isBanned(Multiaddr)} of {@code /ip4|ip6/<address in no banned subnet>/tcp/4001}. */
  @Benchmark
  public boolean isBannedMultiaddrMiss(Banned s, Probe p) {
    return s.store.isBanned(s.missAddrs[p.next()]);
  }
}
