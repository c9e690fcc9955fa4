package org.peerstore.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.peerstore.conformance.Addrs.addr;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.peerstore.BanBook;
import org.peerstore.BanTarget;
import org.peerstore.PeerPage;
import org.peerstore.PeerSnapshot;
import org.peerstore.Peerstore;
import org.peerstore.PeerstoreEvent;
import org.peerstore.Snapshots;
import org.peerstore.TooManyProtocolsException;
import org.peerstore.internal.PeerOrder;
import org.peerstore.peer.PeerId;

/**
 * The protocol index, paged iteration and change events (docs/CONTRACT.md §17).
 */
abstract class QueryEventContract extends ContractBase {
  private static final Duration HOUR = Duration.ofHours(1);
  private static final List<String> PROTOCOLS =
      List.of("/a", "/b", "/c", "/d", "/ipfs/kad/1.0.0", "", "/é", "/f");

  QueryEventContract(PeerstoreConformanceSuite suite) {
    super(suite);
  }

  // ------------------------------------------------------------------------- protocol index

  /** What the protocol sets say: protocol to peers, over {@code peers}. */
  private static Map<String, Set<PeerId>> expected(Peerstore ps, List<PeerId> peers) {
    Map<String, Set<PeerId>> out = new TreeMap<>();
    for (String proto : PROTOCOLS) {
      out.put(proto, new HashSet<>());
    }
    for (PeerId p : peers) {
      for (String proto : ps.protocols(p)) {
        out.computeIfAbsent(proto, k -> new HashSet<>()).add(p);
      }
    }
    return out;
  }

  private static void assertIndexAgrees(Peerstore ps, List<PeerId> peers, String after) {
    for (Map.Entry<String, Set<PeerId>> e : expected(ps, peers).entrySet()) {
      assertThat(ps.peersWithProtocol(e.getKey()))
          .as("peersWithProtocol(%s) after %s", e.getKey(), after)
          .containsExactlyInAnyOrderElementsOf(e.getValue());
      List<PeerId> sorted = new ArrayList<>(e.getValue());
      sorted.sort(PeerOrder.COMPARATOR);
      assertThat(walkProtocol(ps, e.getKey(), 3))
          .as("paged peersWithProtocol(%s) after %s", e.getKey(), after)
          .containsExactlyElementsOf(sorted);
    }
  }

  private static List<String> someProtocols(Random r) {
    List<String> out = new ArrayList<>();
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      out.add(PROTOCOLS.get(r.nextInt(PROTOCOLS.size())));
    }
    return out;
  }

  @Test
  void indexAgreesWithTheProtocolSetsAfterEveryOperationKind() {
    for (long seed = 1; seed <= 3; seed++) {
      Peerstore ps = open(b -> b.maxProtocols(5));
      Random r = new Random(seed);
      List<PeerId> peers = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        peers.add(TestPeer.generate().id());
      }
      for (int step = 0; step < 150; step++) {
        PeerId p = peers.get(r.nextInt(peers.size()));
        int op = r.nextInt(8);
        String what;
        switch (op) {
          case 0, 1 -> {
            what = "addProtocols";
            try {
              ps.addProtocols(p, someProtocols(r));
            } catch (TooManyProtocolsException expectedSometimes) {
              what = "a refused addProtocols";
            }
          }
          case 2 -> {
            what = "setProtocols";
            ps.setProtocols(p, someProtocols(r));
          }
          case 3 -> {
            what = "removeProtocols";
            ps.removeProtocols(p, someProtocols(r));
          }
          case 4 -> {
            what = "removePeer";
            ps.removePeer(p);
          }
          case 5 -> {
            what = "addAddr";
            ps.addAddr(p, addr(step), HOUR);
          }
          case 6 -> {
            what = "restore";
            if (ps instanceof Snapshots s) {
              // Back to an earlier state of the peer's protocols (and everything else).
              Optional<PeerSnapshot> snap = s.snapshot(p);
              ps.setProtocols(p, someProtocols(r));
              if (snap.isPresent()) {
                s.restore(snap.get());
              }
            }
          }
          default -> {
            what = "setProtocols to nothing";
            ps.setProtocols(p, List.of());
          }
        }
        assertIndexAgrees(ps, peers, what + " (seed " + seed + ", step " + step + ")");
      }
      ps.close();
    }
  }

  @Test
  void aRefusedChangeLeavesTheIndexAsItWas() {
    Peerstore ps = open(b -> b.maxProtocols(2));
    PeerId p = TestPeer.generate().id();
    ps.addProtocols(p, List.of("/a", "/b"));
    assertThatThrownBy(() -> ps.addProtocols(p, List.of("/c")))
        .isInstanceOf(TooManyProtocolsException.class);
    assertThat(ps.peersWithProtocol("/c")).isEmpty();
    assertThat(ps.peersWithProtocol("/a")).containsExactly(p);
  }

  @Test
  void peersWithProtocolChecksItsArguments() {
    Peerstore ps = open();
    assertThat(ps.peersWithProtocol("/unknown")).isEmpty();
    assertThat(ps.peersWithProtocol("/unknown", null, 10).peers()).isEmpty();
    assertThatThrownBy(() -> ps.peersWithProtocol(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ps.peersWithProtocol("/a", null, 0))
        .isInstanceOf(IllegalArgumentException.class);
    ps.close();
    assertThatThrownBy(() -> ps.peersWithProtocol("/a")).isInstanceOf(IllegalStateException.class);
  }

  // -------------------------------------------------------------------------------- paging

  private static List<PeerId> walk(Peerstore ps, int pageSize) {
    List<PeerId> out = new ArrayList<>();
    PeerId after = null;
    for (int pages = 0; pages < 100_000; pages++) {
      PeerPage page = ps.peers(after, pageSize);
      assertThat(page.peers().size()).isLessThanOrEqualTo(pageSize);
      out.addAll(page.peers());
      if (!page.hasNext()) {
        return out;
      }
      assertThat(page.peers()).hasSize(pageSize);
      after = page.next();
    }
    throw new AssertionError("the walk did not end");
  }

  private static List<PeerId> walkProtocol(Peerstore ps, String protocol, int pageSize) {
    List<PeerId> out = new ArrayList<>();
    PeerId after = null;
    for (int pages = 0; pages < 100_000; pages++) {
      PeerPage page = ps.peersWithProtocol(protocol, after, pageSize);
      out.addAll(page.peers());
      if (!page.hasNext()) {
        return out;
      }
      after = page.next();
    }
    throw new AssertionError("the walk did not end");
  }

  /** Peers with something in each book: addresses, keys, protocols, metadata, and several. */
  private static List<PeerId> fill(Peerstore ps, int n) {
    List<PeerId> peers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      TestPeer t = TestPeer.generate();
      switch (i % 5) {
        case 0 -> ps.addAddr(t.id(), addr(i), HOUR);
        case 1 -> ps.addPubKey(t.id(), t.pubKey());
        case 2 -> ps.addProtocols(t.id(), List.of("/p" + (i % 3)));
        case 3 -> ps.put(t.id(), "k", "v" + i);
        default -> {
          ps.addAddr(t.id(), addr(i), HOUR);
          ps.addProtocols(t.id(), List.of("/p1"));
          ps.put(t.id(), "a", "b");
          ps.put(t.id(), "c", "d");
        }
      }
      peers.add(t.id());
    }
    return peers;
  }

  @Test
  void pagingVisitsEveryPeerOnceInPeerOrder() {
    Peerstore ps = open();
    List<PeerId> peers = fill(ps, 53);
    peers.sort(PeerOrder.COMPARATOR);
    assertThat(new HashSet<>(peers)).isEqualTo(ps.peers());
    for (int size : new int[] {1, 2, 7, 52, 53, 54, 1000}) {
      assertThat(walk(ps, size)).as("page size %s", size).containsExactlyElementsOf(peers);
    }
  }

  @Test
  void pagingSeesRemovalsAndAnEmptyStore() {
    Peerstore ps = open();
    assertThat(ps.peers(null, 10).peers()).isEmpty();
    assertThat(ps.peers(null, 10).hasNext()).isFalse();
    List<PeerId> peers = fill(ps, 10);
    for (PeerId p : peers) {
      ps.removePeer(p);
      ps.clearAddrs(p);
    }
    assertThat(ps.peers()).isEmpty();
    assertThat(walk(ps, 3)).isEmpty();
  }

  @Test
  void pagingChecksItsArguments() {
    Peerstore ps = open();
    assertThatThrownBy(() -> ps.peers(null, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ps.peers(null, PeerOrder.MAX_PAGE + 1))
        .isInstanceOf(IllegalArgumentException.class);
    // A cursor need not be a stored peer.
    List<PeerId> peers = fill(ps, 10);
    peers.sort(PeerOrder.COMPARATOR);
    PeerId absent = TestPeer.generate().id();
    List<PeerId> after = peers.stream().filter(p -> PeerOrder.compare(p, absent) > 0).toList();
    assertThat(ps.peers(absent, 100).peers()).containsExactlyElementsOf(after);
    ps.close();
    assertThatThrownBy(() -> ps.peers(null, 1)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void eachPeerPresentDuringTheWalkAppearsOnceDespiteConcurrentAddsAndRemoves()
      throws InterruptedException {
    Peerstore ps = open();
    List<PeerId> stable = fill(ps, 120);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread churn = new Thread(() -> {
      try {
        while (!stop.get()) {
          PeerId other = TestPeer.generate().id();
          ps.addProtocols(other, List.of("/churn"));
          ps.put(other, "x", "y");
          ps.removePeer(other);
        }
      } catch (Throwable t) {
        failure.set(t);
      }
    });
    churn.start();
    try {
      for (int size : new int[] {1, 7, 50}) {
        List<PeerId> seen = walk(ps, size);
        assertThat(new HashSet<>(seen)).as("no peer twice").hasSize(seen.size());
        assertThat(seen).as("page size %s", size).containsAll(stable);
        List<PeerId> sorted = new ArrayList<>(seen);
        sorted.sort(PeerOrder.COMPARATOR);
        assertThat(seen).as("in peer order").containsExactlyElementsOf(sorted);
      }
    } finally {
      stop.set(true);
      churn.join();
    }
    assertThat(failure.get()).isNull();
  }

  @Test
  void indexAndPagingSurviveReopen() {
    assumeTrue(persistent(), "the factory's stores are not persistent");
    Peerstore ps = open();
    List<PeerId> peers = fill(ps, 25);
    Set<PeerId> withP1 = ps.peersWithProtocol("/p1");
    assertThat(withP1).isNotEmpty();
    ps = reopen(ps, b -> {});
    assertThat(ps.peersWithProtocol("/p1")).isEqualTo(withP1);
    peers.sort(PeerOrder.COMPARATOR);
    assertThat(walk(ps, 4)).containsExactlyElementsOf(peers);
    assertIndexAgrees(ps, peers, "reopen");
  }

  // -------------------------------------------------------------------------------- events

  @Test
  void eventsArriveInTheOrderOfOneWritersWrites() {
    Peerstore ps = open();
    RecordingSubscriber<PeerstoreEvent> sub = RecordingSubscriber.eager();
    ps.events().subscribe(sub);
    sub.awaitSubscription();
    TestPeer alice = TestPeer.generate();
    BanTarget target = BanTarget.peer(alice.id());
    var ban = ps.ban(target, "spam", BanBook.PERMANENT);
    assertThat(ps.consumePeerRecord(alice.record(7, List.of(addr(1))), HOUR)).isTrue();
    assertThat(ps.consumePeerRecord(alice.record(6, List.of(addr(2))), HOUR)).isFalse();
    ps.addProtocols(alice.id(), List.of("/a"));
    ps.removePeer(alice.id());
    ps.removePeer(alice.id()); // nothing left to remove: no event
    assertThat(ps.unban(target)).isTrue();
    assertThat(ps.unban(target)).isFalse(); // nothing lifted: no event
    List<PeerstoreEvent> expected = List.of(
        new PeerstoreEvent.BanAdded(ban),
        new PeerstoreEvent.RecordAccepted(alice.id(), 7),
        new PeerstoreEvent.PeerRemoved(alice.id()),
        new PeerstoreEvent.BanRemoved(target));
    assertThat(sub.awaitItems(4)).containsExactlyElementsOf(expected);
    // A marker event proves nothing more was pending.
    var marker = ps.ban(BanTarget.peer(TestPeer.generate().id()), "", HOUR);
    assertThat(sub.awaitItems(5)).hasSize(5).last()
        .isEqualTo(new PeerstoreEvent.BanAdded(marker));
  }

  @Test
  void tagAndProtectionChangesAreEvents() {
    Peerstore ps = open();
    RecordingSubscriber<PeerstoreEvent> sub = RecordingSubscriber.eager();
    ps.events().subscribe(sub);
    sub.awaitSubscription();
    PeerId p = TestPeer.generate().id();
    ps.tagPeer(p, "relay", 5);
    ps.tagPeer(p, "relay", 5); // the same value: nothing changed, no event
    ps.upsertTag(p, "relay", v -> v + 2);
    ps.protect(p, "keep");
    ps.protect(p, "keep"); // already protected: no event
    assertThat(ps.unprotect(p, "keep")).isFalse();
    assertThat(ps.untagPeer(p, "relay")).isTrue();
    assertThat(ps.untagPeer(p, "relay")).isFalse(); // nothing to remove: no event
    var marker = ps.ban(BanTarget.peer(TestPeer.generate().id()), "", HOUR);
    assertThat(sub.awaitItems(6)).containsExactly(
        new PeerstoreEvent.TagChanged(p, "relay", 5),
        new PeerstoreEvent.TagChanged(p, "relay", 7),
        new PeerstoreEvent.ProtectionChanged(p, "keep", true),
        new PeerstoreEvent.ProtectionChanged(p, "keep", false),
        new PeerstoreEvent.TagRemoved(p, "relay"),
        new PeerstoreEvent.BanAdded(marker));
  }

  @Test
  void restoredTagsAreEventsOfWhatChanged() {
    Peerstore ps = open();
    PeerId p = TestPeer.generate().id();
    ps.tagPeer(p, "same", 1);
    ps.tagPeer(p, "gone", 2);
    ps.protect(p, "old");
    RecordingSubscriber<PeerstoreEvent> sub = RecordingSubscriber.eager();
    ps.events().subscribe(sub);
    sub.awaitSubscription();
    java.time.Instant now = clock().instant();
    ps.restoreTags(org.peerstore.StoredTags.of(p, now, Map.of(
        "same", org.peerstore.StoredTags.Tag.plain(1),
        "new", org.peerstore.StoredTags.Tag.expiring(3, now.plus(HOUR))), Set.of("keep")));
    var marker = ps.ban(BanTarget.peer(TestPeer.generate().id()), "", HOUR);
    assertThat(sub.awaitItems(5)).containsExactly(
        new PeerstoreEvent.TagChanged(p, "new", 3),
        new PeerstoreEvent.TagRemoved(p, "gone"),
        new PeerstoreEvent.ProtectionChanged(p, "keep", true),
        new PeerstoreEvent.ProtectionChanged(p, "old", false),
        new PeerstoreEvent.BanAdded(marker));
  }

  @Test
  void aSubscriberThatNeverRequestsDoesNotBlockWritersAndLearnsWhatItMissed() {
    Peerstore ps = open(b -> b.eventBufferSize(4));
    RecordingSubscriber<PeerstoreEvent> slow = new RecordingSubscriber<>(0);
    ps.events().subscribe(slow);
    slow.awaitSubscription();
    List<PeerstoreEvent> bans = new ArrayList<>();
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      for (int i = 0; i < 100; i++) {
        bans.add(new PeerstoreEvent.BanAdded(
            ps.ban(BanTarget.peer(TestPeer.generate().id()), "r" + i, HOUR)));
      }
    });
    assertThat(slow.items()).isEmpty();
    slow.request(10);
    List<PeerstoreEvent> got = slow.awaitItems(5);
    assertThat(got).containsExactly(bans.get(0), bans.get(1), bans.get(2), bans.get(3),
        new PeerstoreEvent.EventsDropped(96));
    // Caught up: the next event is delivered as usual.
    var next = ps.ban(BanTarget.peer(TestPeer.generate().id()), "", HOUR);
    assertThat(slow.awaitItems(6).get(5)).isEqualTo(new PeerstoreEvent.BanAdded(next));
  }

  @Test
  void requestIsHonouredAndCancelStopsDelivery() {
    Peerstore ps = open();
    RecordingSubscriber<PeerstoreEvent> sub = new RecordingSubscriber<>(1);
    RecordingSubscriber<PeerstoreEvent> witness = RecordingSubscriber.eager();
    ps.events().subscribe(sub);
    ps.events().subscribe(witness);
    sub.awaitSubscription();
    witness.awaitSubscription();
    var b1 = ps.ban(BanTarget.peer(TestPeer.generate().id()), "", HOUR);
    var b2 = ps.ban(BanTarget.peer(TestPeer.generate().id()), "", HOUR);
    witness.awaitItems(2);
    assertThat(sub.awaitItems(1)).containsExactly(new PeerstoreEvent.BanAdded(b1));
    assertThat(sub.items()).hasSize(1);
    sub.request(1);
    assertThat(sub.awaitItems(2)).last().isEqualTo(new PeerstoreEvent.BanAdded(b2));
    sub.cancel();
    sub.request(5);
    ps.ban(BanTarget.peer(TestPeer.generate().id()), "", HOUR);
    witness.awaitItems(3);
    assertThat(sub.items()).hasSize(2);
    assertThat(sub.isCompleted()).isFalse();
  }

  @Test
  void aNonPositiveRequestFailsTheSubscription() {
    Peerstore ps = open();
    RecordingSubscriber<PeerstoreEvent> sub = new RecordingSubscriber<>(0);
    ps.events().subscribe(sub);
    sub.request(0);
    sub.awaitTermination();
    assertThat(sub.error()).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void closeCompletesEverySubscriber() {
    Peerstore ps = open();
    RecordingSubscriber<PeerstoreEvent> eager = RecordingSubscriber.eager();
    RecordingSubscriber<PeerstoreEvent> idle = new RecordingSubscriber<>(0);
    ps.events().subscribe(eager);
    ps.events().subscribe(idle);
    eager.awaitSubscription();
    idle.awaitSubscription();
    var ban = ps.ban(BanTarget.peer(TestPeer.generate().id()), "", HOUR);
    eager.awaitItems(1);
    ps.close();
    eager.awaitTermination();
    idle.awaitTermination();
    assertThat(eager.isCompleted()).isTrue();
    assertThat(idle.isCompleted()).isTrue();
    assertThat(eager.items()).containsExactly(new PeerstoreEvent.BanAdded(ban));
    assertThat(eager.violations()).isEmpty();
    assertThatThrownBy(ps::events).isInstanceOf(IllegalStateException.class);
  }
}
