package org.peerstore.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerstore.conformance.Addrs.addr;
import static org.peerstore.conformance.Addrs.range;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.peerstore.AddrTtl;
import org.peerstore.PeerstoreException;
import org.peerstore.conformance.MutableClock;
import org.peerstore.conformance.TestPeer;
import org.peerstore.peer.PeerId;

/**
 * The global caps of {@link MemoryPeerstore} where they go beyond the conformance suite: the
 * places where we follow go-libp2p's pstoremem and where we deliberately do better.
 */
class MemoryPeerstoreLimitsTest {
  private static final Duration HOUR = Duration.ofHours(1);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final List<MemoryPeerstore> opened = new ArrayList<>();

  private MemoryPeerstore open(long maxUnconnected, long maxRecords, int perPeer) {
    MemoryPeerstore ps = MemoryPeerstore.builder()
        .clock(clock)
        .gcInterval(Duration.ZERO)
        .maxUnconnectedAddrs(maxUnconnected)
        .maxSignedRecords(maxRecords)
        .maxAddrsPerPeer(perPeer)
        .build();
    opened.add(ps);
    return ps;
  }

  @AfterEach
  void close() {
    opened.forEach(MemoryPeerstore::close);
  }

  private static PeerId newPeer() {
    return TestPeer.generate().id();
  }

  @Test
  void aFullGlobalCapStillExtendsStoredAddresses() {
    // go ignores the whole addAddrs call when full; refreshing what is stored never grows it.
    MemoryPeerstore ps = open(2, 0, 0);
    PeerId p = newPeer();
    ps.addAddrs(p, range(1, 2), Duration.ofMinutes(1));
    ps.addAddr(p, addr(1), HOUR);
    clock.advance(Duration.ofMinutes(1));
    assertThat(ps.addrs(p)).containsExactly(addr(1));
  }

  @Test
  void downgradingAConnectedAddressAtAFullCapDeletesIt() {
    MemoryPeerstore ps = open(1, 0, 0);
    PeerId p = newPeer();
    PeerId q = newPeer();
    ps.addAddr(q, addr(1), HOUR);
    ps.addAddrs(p, range(2, 2), AddrTtl.CONNECTED);
    ps.setAddr(p, addr(2), HOUR);
    assertThat(ps.addrs(p)).containsExactly(addr(3));
    ps.updateAddrs(p, AddrTtl.CONNECTED, AddrTtl.RECENTLY_CONNECTED);
    assertThat(ps.addrs(p)).isEmpty();
    assertThat(ps.addrs(q)).containsExactly(addr(1));
  }

  @Test
  void downgradingWithRoomKeepsTheAddress() {
    MemoryPeerstore ps = open(2, 0, 0);
    PeerId p = newPeer();
    ps.addAddrs(p, range(1, 3), AddrTtl.CONNECTED);
    ps.updateAddrs(p, AddrTtl.CONNECTED, AddrTtl.RECENTLY_CONNECTED);
    assertThat(ps.addrs(p)).hasSize(2).isSubsetOf(range(1, 3));
  }

  @Test
  void aPeerAtItsOwnCapCanStillReplaceAddressesWhenTheStoreIsFull() {
    MemoryPeerstore ps = open(2, 0, 2);
    PeerId p = newPeer();
    ps.addAddr(p, addr(1), Duration.ofMinutes(1));
    ps.addAddr(p, addr(2), HOUR);
    ps.addAddr(p, addr(3), HOUR);
    assertThat(ps.addrs(p)).containsExactly(addr(2), addr(3));
    ps.addAddr(newPeer(), addr(4), HOUR);
    assertThat(ps.peersWithAddrs()).containsExactly(p);
  }

  @Test
  void concurrentWritersFillTheGlobalCapExactly() throws Exception {
    MemoryPeerstore ps = open(50, 0, 0);
    List<PeerId> peers = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      peers.add(newPeer());
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < peers.size(); i++) {
            ps.addAddrs(peers.get(i), range(thread * 1000 + i * 10, 5), HOUR);
          }
        }));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    int total = 0;
    for (PeerId p : peers) {
      total += ps.addrs(p).size();
    }
    assertThat(total).isEqualTo(50);
  }

  @Test
  void concurrentRecordsOfNewPeersFillTheRecordCapExactly() throws Exception {
    MemoryPeerstore ps = open(0, 5, 0);
    List<TestPeer> testPeers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      testPeers.add(TestPeer.generate());
    }
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < testPeers.size(); i++) {
        TestPeer t = testPeers.get(i);
        int port = i;
        done.add(pool.submit(() -> {
          try {
            if (ps.consumePeerRecord(t.record(1, List.of(addr(port))), HOUR)) {
              accepted.incrementAndGet();
            }
          } catch (PeerstoreException e) {
            assertThat(e).hasMessage("too many signed peer records");
            refused.incrementAndGet();
          }
        }));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(accepted).hasValue(5);
    assertThat(refused).hasValue(15);
    assertThat(testPeers.stream().filter(t -> ps.peerRecord(t.id()).isPresent())).hasSize(5);
    assertThat(ps.peersWithAddrs()).hasSize(5);
  }

  @Test
  void aRecordWithoutAddressesTakesNoSlot() {
    MemoryPeerstore ps = open(0, 1, 0);
    TestPeer alice = TestPeer.generate();
    TestPeer bob = TestPeer.generate();
    assertThat(ps.consumePeerRecord(alice.record(1, List.of()), HOUR)).isTrue();
    assertThat(ps.peerRecord(alice.id())).isEmpty();
    assertThat(ps.consumePeerRecord(bob.record(1, List.of(addr(1))), HOUR)).isTrue();
    assertThat(ps.peerRecord(bob.id())).isPresent();
  }

  @Test
  void defaultsAreGoLibp2ps() {
    assertThat(MemoryPeerstore.DEFAULT_MAX_UNCONNECTED_ADDRS).isEqualTo(1_000_000L);
    assertThat(MemoryPeerstore.DEFAULT_MAX_SIGNED_RECORDS).isEqualTo(100_000L);
  }
}
