package org.peerstore.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerstore.conformance.Addrs.addr;
import static org.peerstore.conformance.Addrs.range;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.peerstore.AddrTtl;
import org.peerstore.Peerstore;
import org.peerstore.TooManyProtocolsException;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;

/**
 * Many threads at once: every mutation is atomic per peer, limits hold under contention, and no
 * exception escapes. Each case runs a fixed number of operations (no timing), starts its
 * threads together on a barrier, and checks invariants afterwards.
 */
abstract class ConcurrencyContract extends ContractBase {

  private static final int THREADS = 8;
  private static final long WAIT_SECONDS = 60;
  private static final Duration HOUR = Duration.ofHours(1);

  ConcurrencyContract(PeerstoreConformanceSuite suite) {
    super(suite);
  }

  /** Runs {@code task(i)} on {@link #THREADS} threads started together; rethrows any failure. */
  private static <T> List<T> runTogether(ThreadTask<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CyclicBarrier start = new CyclicBarrier(THREADS);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int index = t;
        Callable<T> c = () -> {
          start.await(WAIT_SECONDS, TimeUnit.SECONDS);
          return task.run(index);
        };
        futures.add(pool.submit(c));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(WAIT_SECONDS, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The work of one thread. */
  @FunctionalInterface
  private interface ThreadTask<T> {
    T run(int threadIndex) throws Exception;
  }

  @Test
  void randomOperationsKeepEveryInvariant() throws Exception {
    int cap = 4;
    int maxProtocols = 8;
    Peerstore ps = open(b -> b.maxAddrsPerPeer(cap).maxProtocols(maxProtocols));
    List<TestPeer> peers = List.of(TestPeer.generate(), TestPeer.generate(), TestPeer.generate(),
        TestPeer.generate());
    // Only these addresses are ever given a connected ttl. Only the last peer is ever
    // "disconnected" (CONNECTED downgraded to TEMP): the spec evicts on insertion only, so a
    // downgrade may leave more unconnected addresses than the cap, and the cap is checked on
    // the other peers.
    List<Multiaddr> connectedPool = range(1, 3);
    List<Multiaddr> pool = range(10, 12);
    List<List<Envelope>> records = new ArrayList<>();
    for (TestPeer peer : peers) {
      List<Envelope> mine = new ArrayList<>();
      for (int seq = 1; seq <= 6; seq++) {
        mine.add(peer.record(seq, List.of(pool.get(seq), pool.get(seq + 3))));
      }
      records.add(mine);
    }
    List<Duration> ttls = List.of(Duration.ofSeconds(1), Duration.ofMinutes(1),
        Duration.ofMinutes(10), HOUR);
    RecordingSubscriber<Multiaddr> watcher = RecordingSubscriber.eager();
    ps.addrStream(peers.get(0).id()).subscribe(watcher);
    int disconnecting = peers.size() - 1;

    runTogether(t -> {
      Random r = new Random(1000 + t);
      for (int op = 0; op < 1500; op++) {
        int pi = r.nextInt(peers.size());
        PeerId p = peers.get(pi).id();
        Duration ttl = ttls.get(r.nextInt(ttls.size()));
        List<Multiaddr> some = List.of(pool.get(r.nextInt(pool.size())),
            pool.get(r.nextInt(pool.size())));
        switch (r.nextInt(16)) {
          case 0, 1 -> ps.addAddrs(p, some, ttl);
          case 2 -> ps.setAddrs(p, some, r.nextBoolean() ? ttl : Duration.ZERO);
          case 3 -> ps.addAddr(p, connectedPool.get(r.nextInt(connectedPool.size())),
              AddrTtl.CONNECTED);
          case 4 -> {
            if (pi == disconnecting) {
              ps.updateAddrs(p, AddrTtl.CONNECTED, AddrTtl.TEMP);
            }
          }
          case 5 -> ps.updateAddrs(p, ttl, r.nextBoolean() ? Duration.ZERO : HOUR);
          case 6 -> {
            if (r.nextInt(10) == 0) {
              ps.clearAddrs(p);
            }
          }
          case 7 -> ps.consumePeerRecord(records.get(pi).get(r.nextInt(6)), ttl);
          case 8 -> {
            try {
              if (r.nextBoolean()) {
                ps.addProtocols(p, List.of("/p/" + r.nextInt(12), "/p/" + r.nextInt(12)));
              } else {
                ps.setProtocols(p, List.of("/p/" + r.nextInt(12)));
              }
            } catch (TooManyProtocolsException e) {
              assertThat(e).hasMessage("too many protocols");
            }
          }
          case 9 -> ps.removeProtocols(p, List.of("/p/" + r.nextInt(12)));
          case 10 -> ps.put(p, "k" + r.nextInt(3), r.nextInt());
          case 11 -> ps.recordLatency(p, Duration.ofMillis(1 + r.nextInt(100)));
          case 12 -> clock().advance(Duration.ofMillis(r.nextInt(2000)));
          case 13 -> ps.collectGarbage();
          default -> {
            List<Multiaddr> seen = ps.addrs(p);
            assertThat(seen).doesNotHaveDuplicates();
            if (pi != disconnecting) {
              assertThat(seen.size()).isLessThanOrEqualTo(cap + connectedPool.size());
            }
            assertThat(ps.protocols(p).size()).isLessThanOrEqualTo(maxProtocols);
            Optional<Envelope> rec = ps.peerRecord(p);
            rec.ifPresent(e -> assertThat(e.peerRecord().peerId()).isEqualTo(p));
            ps.peers();
            ps.peerInfo(p);
          }
        }
      }
      return null;
    });

    for (int pi = 0; pi < peers.size(); pi++) {
      PeerId p = peers.get(pi).id();
      List<Multiaddr> seen = ps.addrs(p);
      assertThat(seen).doesNotHaveDuplicates();
      assertThat(seen).isSubsetOf(concat(connectedPool, pool));
      if (pi != disconnecting) {
        assertThat(seen.size()).isLessThanOrEqualTo(cap + connectedPool.size());
      }
      assertThat(ps.protocols(p).size()).isLessThanOrEqualTo(maxProtocols);
    }
    // Past every finite ttl used, only addresses that were given a connected ttl can remain.
    advance(Duration.ofHours(2));
    for (TestPeer peer : peers) {
      PeerId p = peer.id();
      assertThat(ps.addrs(p)).isSubsetOf(connectedPool);
      if (ps.addrs(p).isEmpty()) {
        assertThat(ps.peerRecord(p)).isEmpty();
      }
    }
    ps.collectGarbage();
    for (TestPeer peer : peers) {
      assertThat(ps.peersWithAddrs().contains(peer.id())).isEqualTo(!ps.addrs(peer.id())
          .isEmpty());
    }
    assertThat(watcher.items()).doesNotHaveDuplicates();
    assertThat(watcher.violations()).isEmpty();
    assertThat(watcher.error()).isNull();
  }

  @Test
  void concurrentRecordsLeaveTheHighestSeqAndOnlyItsAddresses() throws Exception {
    Peerstore ps = open();
    TestPeer alice = TestPeer.generate();
    Multiaddr common = addr(1);
    List<Envelope> records = new ArrayList<>();
    for (int seq = 1; seq <= 40; seq++) {
      records.add(alice.record(seq, List.of(common, addr(1000 + seq))));
    }
    runTogether(t -> {
      List<Envelope> mine = new ArrayList<>(records);
      Collections.shuffle(mine, new Random(t));
      for (Envelope e : mine) {
        ps.consumePeerRecord(e, HOUR);
      }
      return null;
    });
    assertThat(ps.peerRecord(alice.id()).orElseThrow().peerRecord().seq()).isEqualTo(40);
    assertAddrs(ps, alice.id(), common, addr(1040));
  }

  @Test
  void concurrentAddsNeverExceedThePerPeerCap() throws Exception {
    int cap = 8;
    Peerstore ps = open(b -> b.maxAddrsPerPeer(cap));
    PeerId p = TestPeer.generate().id();
    runTogether(t -> {
      Random r = new Random(t);
      for (Multiaddr a : range(100 * t, 100)) {
        ps.addAddr(p, a, Duration.ofMinutes(1 + r.nextInt(60)));
        assertThat(ps.addrs(p).size()).isLessThanOrEqualTo(cap);
      }
      return null;
    });
    assertThat(ps.addrs(p)).hasSize(cap).doesNotHaveDuplicates();
  }

  @Test
  void concurrentProtocolAddsNeverExceedTheLimitAndLoseNothing() throws Exception {
    int limit = 16;
    Peerstore ps = open(b -> b.maxProtocols(limit));
    PeerId p = TestPeer.generate().id();
    List<Integer> accepted = runTogether(t -> {
      int ok = 0;
      for (int i = 0; i < 10; i++) {
        try {
          ps.addProtocols(p, List.of("/t" + t + "/" + i));
          ok++;
        } catch (TooManyProtocolsException e) {
          assertThat(e).hasMessage("too many protocols");
        }
      }
      return ok;
    });
    assertThat(accepted.stream().mapToInt(Integer::intValue).sum()).isEqualTo(limit);
    assertThat(ps.protocols(p)).hasSize(limit);
  }

  @Test
  void concurrentWritesToDifferentPeersAreAllKept() throws Exception {
    Peerstore ps = open();
    List<List<PeerId>> peersByThread = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      List<PeerId> mine = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        mine.add(TestPeer.generate().id());
      }
      peersByThread.add(mine);
    }
    runTogether(t -> {
      int i = 0;
      for (PeerId p : peersByThread.get(t)) {
        ps.addAddr(p, addr(t * 100 + i), HOUR);
        ps.addProtocols(p, List.of("/t/" + t));
        ps.put(p, "n", i);
        ps.recordLatency(p, Duration.ofMillis(i + 1));
        i++;
      }
      return null;
    });
    Set<PeerId> everyone = new HashSet<>();
    for (int t = 0; t < THREADS; t++) {
      int i = 0;
      for (PeerId p : peersByThread.get(t)) {
        assertAddrs(ps, p, addr(t * 100 + i));
        assertThat(ps.protocols(p)).containsExactly("/t/" + t);
        assertThat(ps.get(p, "n")).contains(i);
        assertThat(ps.latencyEwma(p)).isEqualTo(Duration.ofMillis(i + 1));
        everyone.add(p);
        i++;
      }
    }
    assertThat(ps.peers()).containsExactlyInAnyOrderElementsOf(everyone);
    assertThat(ps.peersWithAddrs()).containsExactlyInAnyOrderElementsOf(everyone);
  }

  private static List<Multiaddr> concat(List<Multiaddr> a, List<Multiaddr> b) {
    List<Multiaddr> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
