package org.peerstore.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerstore.conformance.Addrs.addr;
import static org.peerstore.conformance.Addrs.range;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.peerstore.AddrTtl;
import org.peerstore.Peerstore;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

/**
 * Address streams (docs/CONTRACT.md §3): the current addresses first, then every new one, never the
 * same address twice per subscription, no blocking of writers, cancel and close.
 *
 * <p>Delivery is asynchronous, so the cases wait for events with a timeout. To show that
 * something was <em>not</em> delivered, a case publishes a sentinel address afterwards and waits
 * for it: delivery on one subscription is in publication order, so once the sentinel has arrived
 * anything published before it would have too. Every subscriber also checks the Reactive
 * Streams signalling rules ({@link RecordingSubscriber#violations()}).
 */
abstract class StreamContract extends ContractBase {

  private static final Duration HOUR = Duration.ofHours(1);
  private static final long WAIT_SECONDS = RecordingSubscriber.TIMEOUT.toSeconds();

  StreamContract(PeerstoreConformanceSuite suite) {
    super(suite);
  }

  private static PeerId newPeer() {
    return TestPeer.generate().id();
  }

  private static RecordingSubscriber<Multiaddr> subscribe(Peerstore ps, PeerId p, long demand) {
    RecordingSubscriber<Multiaddr> s = new RecordingSubscriber<>(demand);
    ps.addrStream(p).subscribe(s);
    s.awaitSubscription();
    return s;
  }

  private static RecordingSubscriber<Multiaddr> subscribe(Peerstore ps, PeerId p) {
    return subscribe(ps, p, Long.MAX_VALUE);
  }

  private static void assertClean(RecordingSubscriber<?> s) {
    assertThat(s.violations()).as("Reactive Streams violations").isEmpty();
    assertThat(s.error()).as("onError").isNull();
  }

  @Test
  void subscriberGetsTheCurrentAddressesThenNewOnes() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addAddrs(p, range(1, 3), HOUR);
    RecordingSubscriber<Multiaddr> s = subscribe(ps, p);
    assertThat(s.awaitItems(3)).containsExactlyInAnyOrderElementsOf(range(1, 3));
    ps.addAddr(p, addr(4), HOUR);
    ps.setAddr(p, addr(5), HOUR);
    assertThat(s.awaitItems(5)).containsExactlyInAnyOrderElementsOf(range(1, 5));
    ps.addAddr(p, addr(6), HOUR);
    assertThat(s.awaitItem(addr(6))).hasSize(6).doesNotHaveDuplicates();
    assertClean(s);
  }

  @Test
  void streamWorksForAPeerWithoutAddressesYet() {
    Peerstore ps = open();
    PeerId p = newPeer();
    RecordingSubscriber<Multiaddr> s = subscribe(ps, p);
    for (Multiaddr a : range(1, 10)) {
      ps.addAddr(p, a, HOUR);
    }
    assertThat(s.awaitItems(10)).containsExactlyInAnyOrderElementsOf(range(1, 10));
    ps.addAddr(p, addr(11), HOUR);
    assertThat(s.awaitItem(addr(11))).hasSize(11);
    assertClean(s);
  }

  @Test
  void noAddressIsDeliveredTwiceOnOneSubscription() {
    Peerstore ps = open();
    PeerId p = newPeer();
    RecordingSubscriber<Multiaddr> s = subscribe(ps, p);
    Random random = new Random(42);
    for (int i = 1; i <= 10; i++) {
      ps.addAddr(p, addr(i), HOUR);
      ps.addAddr(p, addr(1 + random.nextInt(10)), HOUR);
    }
    // Updates are not published, and neither is an address deleted and inserted again.
    ps.setAddr(p, addr(1), Duration.ofHours(2));
    ps.updateAddrs(p, HOUR, Duration.ofHours(3));
    ps.setAddr(p, addr(2), Duration.ZERO);
    ps.addAddr(p, addr(2), HOUR);
    ps.addAddr(p, addr(99), HOUR);
    List<Multiaddr> got = s.awaitItem(addr(99));
    assertThat(got).doesNotHaveDuplicates().hasSize(11);
    assertThat(got).containsExactlyInAnyOrderElementsOf(
        concat(range(1, 10), List.of(addr(99))));
    assertClean(s);
  }

  @Test
  void slowSubscriberNeverBlocksWriters() throws Exception {
    Peerstore ps = open(b -> b.maxAddrsPerPeer(0));
    PeerId p = newPeer();
    ps.addAddrs(p, range(0, 10), HOUR);
    RecordingSubscriber<Multiaddr> slow = subscribe(ps, p, 0);
    RecordingSubscriber<Multiaddr> eager = subscribe(ps, p);
    ExecutorService writers = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> done = new ArrayList<>();
      done.add(writers.submit(() -> range(10, 150).forEach(a -> ps.addAddr(p, a, HOUR))));
      done.add(writers.submit(() -> range(160, 150).forEach(a -> ps.addAddrs(p, List.of(a),
          HOUR))));
      for (Future<?> f : done) {
        // Throws TimeoutException if a writer is blocked by the subscriber that requested nothing.
        f.get(WAIT_SECONDS, TimeUnit.SECONDS);
      }
    } finally {
      writers.shutdownNow();
    }
    assertThat(eager.awaitItems(310)).containsExactlyInAnyOrderElementsOf(range(0, 310));
    assertThat(slow.items()).isEmpty();
    slow.request(Long.MAX_VALUE);
    assertThat(slow.awaitItems(310)).containsExactlyInAnyOrderElementsOf(range(0, 310));
    assertClean(slow);
    assertClean(eager);
  }

  @Test
  void deliveryFollowsDemand() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addAddrs(p, range(1, 5), HOUR);
    RecordingSubscriber<Multiaddr> s = subscribe(ps, p, 2);
    RecordingSubscriber<Multiaddr> witness = subscribe(ps, p);
    assertThat(s.awaitItems(2)).hasSize(2);
    // Once the witness has the next address, more than two items for s would have arrived.
    ps.addAddr(p, addr(6), HOUR);
    witness.awaitItem(addr(6));
    assertThat(s.items()).hasSize(2);
    s.request(3);
    assertThat(s.awaitItems(5)).isSubsetOf(range(1, 6)).doesNotHaveDuplicates();
    s.request(1);
    assertThat(s.awaitItems(6)).containsExactlyInAnyOrderElementsOf(range(1, 6));
    assertClean(s);
    assertClean(witness);
  }

  @Test
  void cancelledSubscriptionReceivesNothingMore() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addAddr(p, addr(1), HOUR);
    RecordingSubscriber<Multiaddr> cancelled = subscribe(ps, p);
    RecordingSubscriber<Multiaddr> witness = subscribe(ps, p);
    cancelled.awaitItem(addr(1));
    witness.awaitItem(addr(1));
    cancelled.cancel();
    ps.addAddrs(p, range(2, 4), HOUR);
    assertThat(witness.awaitItems(5)).containsExactlyInAnyOrderElementsOf(range(1, 5));
    assertThat(cancelled.items()).containsExactly(addr(1));
    assertThat(cancelled.isCompleted()).isFalse();
    assertClean(cancelled);
    assertClean(witness);
  }

  @Test
  void closingTheStoreCompletesEveryStream() {
    Peerstore ps = open();
    PeerId p = newPeer();
    PeerId q = newPeer();
    ps.addAddr(p, addr(1), HOUR);
    RecordingSubscriber<Multiaddr> onP = subscribe(ps, p);
    RecordingSubscriber<Multiaddr> onQ = subscribe(ps, q);
    RecordingSubscriber<Multiaddr> idle = subscribe(ps, q, 0);
    onP.awaitItem(addr(1));
    ps.close();
    for (RecordingSubscriber<Multiaddr> s : List.of(onP, onQ, idle)) {
      s.awaitTermination();
      assertThat(s.isCompleted()).isTrue();
      assertClean(s);
    }
  }

  @Test
  void addressesOfOtherPeersAreNotDelivered() {
    Peerstore ps = open();
    PeerId p = newPeer();
    PeerId q = newPeer();
    RecordingSubscriber<Multiaddr> s = subscribe(ps, p);
    ps.addAddrs(q, range(1, 3), HOUR);
    ps.addAddr(p, addr(4), HOUR);
    assertThat(s.awaitItem(addr(4))).containsExactly(addr(4));
    assertClean(s);
  }

  @Test
  void expiredAddressesAreNotInTheInitialSet() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addAddr(p, addr(1), Duration.ofMinutes(1));
    ps.addAddr(p, addr(2), HOUR);
    advance(Duration.ofMinutes(1));
    RecordingSubscriber<Multiaddr> s = subscribe(ps, p);
    ps.addAddr(p, addr(3), HOUR);
    assertThat(s.awaitItem(addr(3))).containsExactlyInAnyOrder(addr(2), addr(3));
    assertClean(s);
  }

  @Test
  void addressesOfASignedRecordArePublished() {
    Peerstore ps = open();
    TestPeer alice = TestPeer.generate();
    RecordingSubscriber<Multiaddr> s = subscribe(ps, alice.id());
    ps.consumePeerRecord(alice.record(1, range(1, 2)), HOUR);
    ps.addAddr(alice.id(), addr(3), AddrTtl.CONNECTED);
    assertThat(s.awaitItems(3)).containsExactlyInAnyOrderElementsOf(range(1, 3));
    assertClean(s);
  }

  @Test
  void everySubscriptionToOnePublisherGetsItsOwnStream() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addAddr(p, addr(1), HOUR);
    Flow.Publisher<Multiaddr> publisher = ps.addrStream(p);
    RecordingSubscriber<Multiaddr> first = RecordingSubscriber.eager();
    RecordingSubscriber<Multiaddr> second = RecordingSubscriber.eager();
    publisher.subscribe(first);
    first.awaitItem(addr(1));
    ps.addAddr(p, addr(2), HOUR);
    publisher.subscribe(second);
    assertThat(first.awaitItems(2)).containsExactlyInAnyOrder(addr(1), addr(2));
    assertThat(second.awaitItems(2)).containsExactlyInAnyOrder(addr(1), addr(2));
    assertClean(first);
    assertClean(second);
  }

  @Test
  void concurrentWritersReachEverySubscriberExactlyOnce() throws Exception {
    Peerstore ps = open(b -> b.maxAddrsPerPeer(0));
    PeerId p = newPeer();
    RecordingSubscriber<Multiaddr> s1 = subscribe(ps, p);
    RecordingSubscriber<Multiaddr> s2 = subscribe(ps, p);
    List<Multiaddr> all = range(1, 100);
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        List<Multiaddr> mine = new ArrayList<>(all);
        Collections.shuffle(mine, new Random(t));
        boolean batches = t % 2 == 0;
        done.add(pool.submit(() -> {
          for (int i = 0; i < mine.size(); i += 5) {
            if (batches) {
              ps.addAddrs(p, mine.subList(i, i + 5), HOUR);
            } else {
              mine.subList(i, i + 5).forEach(a -> ps.addAddr(p, a, HOUR));
            }
          }
        }));
      }
      for (Future<?> f : done) {
        f.get(WAIT_SECONDS, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    ps.addAddr(p, addr(1000), HOUR);
    List<Multiaddr> expected = concat(all, List.of(addr(1000)));
    for (RecordingSubscriber<Multiaddr> s : List.of(s1, s2)) {
      assertThat(s.awaitItem(addr(1000))).doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(expected);
      assertClean(s);
    }
  }

  private static List<Multiaddr> concat(List<Multiaddr> a, List<Multiaddr> b) {
    List<Multiaddr> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
