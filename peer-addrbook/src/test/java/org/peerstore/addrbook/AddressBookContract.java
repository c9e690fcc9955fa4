package org.peerstore.addrbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.peerstore.BanTarget;
import org.peerstore.Peerstore;
import org.peerstore.conformance.ForwardingPeerstore;
import org.peerstore.conformance.MutableClock;

/**
 * The address book's behaviour, written once against {@link Peerstore} and run on every store
 * (subclasses give the store; persistence cases only on a persistent one).
 */
abstract class AddressBookContract {
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  Peerstore store;

  /** A fresh store using {@link #clock}. */
  abstract Peerstore open();

  /** Closes {@code s} and opens its storage again (persistent stores only). */
  abstract Peerstore reopen(Peerstore s);

  abstract boolean persistent();

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  StoredAddressBook book(Peerstore s, long seed) {
    return (StoredAddressBook) AddressBook.builder(s).clock(clock).random(new Random(seed)).build();
  }

  StoredAddressBook fresh(long seed) {
    store = open();
    return book(store, seed);
  }

  /** Every invariant of docs/ADDRBOOK.md, "Buckets". */
  static void checkInvariants(StoredAddressBook b) {
    Map<String, Integer> newRefs = new HashMap<>();
    Set<String> olds = new HashSet<>();
    for (int i = 0; i < 256; i++) {
      Set<String> m = b.bucketMembers(BucketType.NEW, i);
      assertThat(m.size()).as("new bucket %d", i).isLessThanOrEqualTo(64);
      for (String id : m) {
        newRefs.merge(id, 1, Integer::sum);
        KnownAddress ka = b.knownAddress(id).orElseThrow();
        assertThat(ka.type()).isEqualTo(BucketType.NEW);
        assertThat(ka.buckets()).contains(i);
      }
    }
    for (int i = 0; i < 64; i++) {
      Set<String> m = b.bucketMembers(BucketType.OLD, i);
      assertThat(m.size()).as("old bucket %d", i).isLessThanOrEqualTo(64);
      for (String id : m) {
        assertThat(olds.add(id)).as("in one old bucket only").isTrue();
        assertThat(b.knownAddress(id).orElseThrow().buckets()).containsExactly(i);
      }
    }
    assertThat(newRefs.values()).allMatch(n -> n >= 1 && n <= 4);
    assertThat(disjoint(newRefs.keySet(), olds)).as("never both new and old").isTrue();
    newRefs.forEach((id, n) -> assertThat(b.knownAddress(id).orElseThrow().buckets()).hasSize(n));
    assertThat(b.newCount()).isEqualTo(newRefs.size());
    assertThat(b.oldCount()).isEqualTo(olds.size());
    assertThat(b.size()).isEqualTo(newRefs.size() + olds.size());
    assertThat(disjoint(b.badEntries().keySet(), newRefs.keySet())).isTrue();
    assertThat(disjoint(b.badEntries().keySet(), olds)).isTrue();
  }

  static boolean disjoint(Set<String> a, Set<String> b) {
    return java.util.Collections.disjoint(a, b);
  }

  @Test
  void addPlacesInOneNewBucketAndIsIdempotentPerBucket() {
    StoredAddressBook b = fresh(1);
    NetAddress a = Addrs.addr(1);
    NetAddress src = Addrs.addr(2);
    assertThat(b.addAddress(a, src)).isEqualTo(AddResult.ADDED);
    assertThat(b.size()).isEqualTo(1);
    assertThat(b.newCount()).isEqualTo(1);
    assertThat(b.knownAddress(a.id()).orElseThrow().buckets()).hasSize(1);
    assertThat(b.addAddress(a, src)).isEqualTo(AddResult.IGNORED);
    assertThat(b.needMoreAddrs()).isTrue();
    assertThat(b.isGood(a.id())).isFalse();
    checkInvariants(b);
  }

  @Test
  void rejectsWhatCometBftRejects() {
    StoredAddressBook b = fresh(2);
    NetAddress src = Addrs.addr(99);
    assertThat(b.addAddress(NetAddress.of(Addrs.id(1), "10.1.2.3", 1), src))
        .isEqualTo(AddResult.NON_ROUTABLE);
    assertThat(b.addAddress(NetAddress.of(Addrs.id(1), "0.0.0.0", 1), src))
        .isEqualTo(AddResult.INVALID);
    assertThat(b.addAddress(NetAddress.of(Addrs.id(1), "2001:db8::1", 1), src))
        .isEqualTo(AddResult.INVALID);
    b.addPrivateIds(List.of(Addrs.id(3), Addrs.id(98)));
    assertThat(b.addAddress(Addrs.addr(3), src)).isEqualTo(AddResult.PRIVATE);
    assertThat(b.addAddress(Addrs.addr(4), Addrs.addr(98))).isEqualTo(AddResult.PRIVATE_SOURCE);
    b.addOurAddress(Addrs.addr(5));
    assertThat(b.addAddress(Addrs.addr(5), src)).isEqualTo(AddResult.SELF);
    store.banIp(Addrs.addr(6).ip(), "test", Duration.ofHours(1));
    assertThat(b.addAddress(Addrs.addr(6), src)).isEqualTo(AddResult.BANNED);
    assertThat(b.size()).isZero();
    StoredAddressBook lax = (StoredAddressBook) AddressBook.builder(store).clock(clock)
        .random(new Random(2)).strict(false).build();
    assertThat(lax.addAddress(NetAddress.of(Addrs.id(7), "10.1.2.3", 1), src))
        .isEqualTo(AddResult.ADDED);
  }

  @Test
  void neverMoreThanFourNewBuckets() {
    StoredAddressBook b = fresh(3);
    NetAddress a = Addrs.addr(1);
    for (int s = 0; s < 3000; s++) {
      b.addAddress(a, Addrs.addr(10_000 + s, 3000));
    }
    assertThat(b.knownAddress(a.id()).orElseThrow().buckets()).hasSizeBetween(2, 4);
    checkInvariants(b);
  }

  @Test
  void markGoodMovesToOldAndOldIsNotReAdded() {
    StoredAddressBook b = fresh(4);
    NetAddress a = Addrs.addr(1);
    b.addAddress(a, Addrs.addr(2));
    b.markAttempt(a);
    b.markAttempt(a);
    assertThat(b.knownAddress(a.id()).orElseThrow().attempts()).isEqualTo(2);
    clock.advance(Duration.ofSeconds(5));
    assertThat(b.markGood(a.id())).isTrue();
    KnownAddress ka = b.knownAddress(a.id()).orElseThrow();
    assertThat(ka.type()).isEqualTo(BucketType.OLD);
    assertThat(ka.attempts()).isZero();
    assertThat(ka.lastSuccess()).isEqualTo(clock.instant());
    assertThat(b.isGood(a.id())).isTrue();
    assertThat(b.addAddress(a, Addrs.addr(3))).isEqualTo(AddResult.IGNORED);
    assertThat(b.oldCount()).isEqualTo(1);
    assertThat(b.newCount()).isZero();
    assertThat(b.markGood(Addrs.id(77))).isFalse();
    checkInvariants(b);
  }

  @Test
  void fullOldBucketPushesItsOldestBackToNew() {
    StoredAddressBook b = fresh(5);
    // One /16 group maps to at most 4 old buckets: 400 addresses of one group overfill them.
    int pushedBack = 0;
    for (int i = 0; i < 400; i++) {
      NetAddress a = NetAddress.of(Addrs.id(i), "45.67." + (i / 200) + "." + (1 + i % 200), 26656);
      b.addAddress(a, Addrs.addr(100_000 + i));
      clock.advance(Duration.ofSeconds(1));
      int oldBefore = b.oldCount();
      b.markGood(a.id());
      if (b.oldCount() == oldBefore) {
        pushedBack++;
      }
    }
    assertThat(b.oldCount()).isLessThanOrEqualTo(4 * 64);
    assertThat(pushedBack).isPositive();
    assertThat(b.size()).isGreaterThan(b.oldCount());
    checkInvariants(b);
  }

  @Test
  void markBadBansInTheBanBookAndReinstateAfterTheBan() {
    StoredAddressBook b = fresh(6);
    NetAddress a = Addrs.addr(1);
    b.addAddress(a, Addrs.addr(2));
    assertThat(b.markBad(a, Duration.ofMinutes(10))).isTrue();
    assertThat(b.size()).isZero();
    assertThat(b.badCount()).isEqualTo(1);
    assertThat(b.isBanned(a.id())).isTrue();
    assertThat(store.banOf(BanTarget.peer(NodeIds.peerOf(a.id())))).hasValueSatisfying(ban ->
        assertThat(ban.reason()).isEqualTo(StoredAddressBook.BAN_REASON));
    assertThat(b.addAddress(a, Addrs.addr(2))).isEqualTo(AddResult.BANNED);
    b.reinstateBadPeers();
    assertThat(b.size()).isZero();
    clock.advance(Duration.ofMinutes(11));
    b.reinstateBadPeers();
    assertThat(b.size()).isEqualTo(1);
    assertThat(b.badCount()).isZero();
    assertThat(b.knownAddress(a.id()).orElseThrow().lastBanTime())
        .isEqualTo(Instant.parse("2026-01-01T00:10:00Z"));
    assertThatThrownBy(() -> b.markBad(a, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    checkInvariants(b);
  }

  @Test
  void removeAddress() {
    StoredAddressBook b = fresh(7);
    b.addAddress(Addrs.addr(1), Addrs.addr(2));
    assertThat(b.removeAddress(Addrs.addr(1))).isTrue();
    assertThat(b.removeAddress(Addrs.addr(1))).isFalse();
    assertThat(b.size()).isZero();
    assertThat(book(store, 7).size()).as("reloaded").isZero();
  }

  @Test
  void selectionsFollowCometBftSizes() {
    StoredAddressBook b = fresh(8);
    assertThat(b.getSelection()).isEmpty();
    assertThat(b.pickAddress(50)).isEmpty();
    for (int i = 0; i < 600; i++) {
      b.addAddress(Addrs.addr(i), Addrs.addr(50_000 + i));
    }
    for (int i = 0; i < 200; i++) {
      b.markGood(Addrs.id(i));
    }
    int n = b.size();
    List<NetAddress> sel = b.getSelection();
    assertThat(sel).hasSize(Math.min(250, Math.max(32, n * 23 / 100))).doesNotHaveDuplicates();
    List<NetAddress> biased = b.getSelectionWithBias(30);
    assertThat(biased).hasSize(sel.size()).doesNotHaveDuplicates();
    long news = biased.stream().filter(x -> !b.isGood(x.id())).count();
    assertThat(news).isEqualTo(Math.round(0.3 * sel.size()));
    assertThat(b.pickAddress(0)).hasValueSatisfying(x -> assertThat(b.isGood(x.id())).isTrue());
    assertThat(b.pickAddress(100)).hasValueSatisfying(x -> assertThat(b.isGood(x.id())).isFalse());
    assertThat(StoredAddressBook.selectionSize(10)).isEqualTo(10);
    assertThat(StoredAddressBook.selectionSize(100)).isEqualTo(32);
    assertThat(StoredAddressBook.selectionSize(10_000)).isEqualTo(250);
  }

  @Test
  void randomOperationsKeepInvariantsAndReloadIdentically() {
    StoredAddressBook b = fresh(9);
    Random r = new Random(9);
    for (int step = 0; step < 3000; step++) {
      int i = r.nextInt(2000);
      NetAddress a = Addrs.addr(i, 40);
      switch (r.nextInt(10)) {
        case 0, 1 -> b.markGood(a.id());
        case 2 -> b.markAttempt(a);
        case 3 -> b.markBad(a, Duration.ofSeconds(1 + r.nextInt(100)));
        case 4 -> b.removeAddress(a);
        case 5 -> b.reinstateBadPeers();
        default -> b.addAddress(a, Addrs.addr(r.nextInt(300), 300));
      }
      clock.advance(Duration.ofSeconds(r.nextInt(5)));
    }
    checkInvariants(b);
    StoredAddressBook again = book(store, 99);
    assertThat(again.repaired()).isZero();
    assertThat(again.exportFile()).isEqualTo(b.exportFile());
    assertThat(again.badEntries()).isEqualTo(b.badEntries());
  }

  /** A store whose metadata puts fail after {@code allowed} more of them. */
  static final class FailingStore extends ForwardingPeerstore {
    int allowed = Integer.MAX_VALUE;

    FailingStore(Peerstore delegate) {
      super(delegate);
    }

    @Override
    public void put(org.peerstore.peer.PeerId p, String key, Object value) {
      if (allowed-- <= 0) {
        throw new org.peerstore.StorageException("injected crash");
      }
      super.put(p, key, value);
    }

    @Override
    public void close() {}
  }

  @Test
  void crashBetweenTheWritesOfAPushBackLeavesAValidBook() {
    store = open();
    FailingStore failing = new FailingStore(store);
    StoredAddressBook b = book(failing, 10);
    // Fill the old buckets of one group, then promote one more of that group with the store
    // failing after 0, 1 and 2 of the writes it does.
    int i = 0;
    for (; i < 300; i++) {
      NetAddress a = NetAddress.of(Addrs.id(i), "45.67." + (i / 200) + "." + (1 + i % 200), 1);
      b.addAddress(a, Addrs.addr(100_000 + i));
      clock.advance(Duration.ofSeconds(1));
      b.markGood(a.id());
    }
    int crashes = 0;
    for (int allowed = 0; allowed < 3; allowed++, i++) {
      NetAddress a = NetAddress.of(Addrs.id(i), "45.67." + (i / 200) + "." + (1 + i % 200), 1);
      b.addAddress(a, Addrs.addr(100_000 + i));
      failing.allowed = allowed;
      try {
        b.markGood(a.id());
      } catch (org.peerstore.StorageException e) {
        crashes++;
      }
      failing.allowed = Integer.MAX_VALUE;
      StoredAddressBook reloaded = book(store, 10);
      checkInvariants(reloaded);
      assertThat(reloaded.repaired()).isZero();
      b = reloaded; // the process "restarted"
      b = book(failing, 10);
    }
    assertThat(crashes).isPositive();
  }

  @Test
  void loadTrimsOverFullBucketsAndBadPlacements() {
    StoredAddressBook b = fresh(11);
    String key = b.key();
    // Write 70 entries naming the same new bucket 5 and one naming bucket 999, by hand.
    for (int i = 0; i < 70; i++) {
      KnownAddress ka = new KnownAddress(Addrs.addr(i), Addrs.addr(1000 + i), BucketType.NEW,
          List.of(5), 0, clock.instant(), KnownAddress.ZERO_TIME, KnownAddress.ZERO_TIME);
      store.put(NodeIds.peerOf(ka.id()), NodeIds.ENTRY_KEY, EntryCodec.encode(ka, false));
    }
    KnownAddress wild = new KnownAddress(Addrs.addr(500), Addrs.addr(501), BucketType.OLD,
        List.of(999), 0, clock.instant(), KnownAddress.ZERO_TIME, KnownAddress.ZERO_TIME);
    store.put(NodeIds.peerOf(wild.id()), NodeIds.ENTRY_KEY, EntryCodec.encode(wild, false));
    store.put(NodeIds.peerOf(Addrs.id(600)), NodeIds.ENTRY_KEY, new byte[] {1, 9, 9});
    StoredAddressBook loaded = book(store, 11);
    assertThat(loaded.key()).isEqualTo(key);
    checkInvariants(loaded);
    assertThat(loaded.bucketMembers(BucketType.NEW, 5)).hasSize(64);
    assertThat(loaded.repaired()).isPositive();
    assertThat(loaded.corrupt()).isEqualTo(1);
    assertThat(loaded.knownAddress(wild.id()).orElseThrow().type()).isEqualTo(BucketType.NEW);
    StoredAddressBook third = book(store, 11);
    assertThat(third.repaired()).as("repairs were written").isZero();
    assertThat(third.exportFile()).isEqualTo(loaded.exportFile());
  }

  @Test
  void crashBetweenBanAndEntryIsFinishedAtLoad() {
    StoredAddressBook b = fresh(12);
    NetAddress a = Addrs.addr(1);
    b.addAddress(a, Addrs.addr(2));
    store.banPeer(NodeIds.peerOf(a.id()), "by hand", Duration.ofHours(1));
    StoredAddressBook loaded = book(store, 12);
    assertThat(loaded.size()).isZero();
    assertThat(loaded.badCount()).isEqualTo(1);
  }

  @Test
  void persistenceAcrossRestart() {
    assumeTrue(persistent(), "the store does not persist");
    store = open();
    StoredAddressBook b = book(store, 13);
    for (int i = 0; i < 3000; i++) {
      b.addAddress(Addrs.addr(i, 300), Addrs.addr(20_000 + i, 100));
    }
    for (int i = 0; i < 800; i++) {
      b.markGood(Addrs.id(i));
    }
    for (int i = 800; i < 900; i++) {
      b.markAttempt(Addrs.addr(i, 300));
    }
    for (int i = 900; i < 950; i++) {
      b.markBad(Addrs.addr(i, 300), Duration.ofDays(1));
    }
    AddrBookFile before = b.exportFile();
    int news = b.newCount();
    int olds = b.oldCount();
    int bads = b.badCount();
    int selection = b.getSelection().size();
    store = reopen(store);
    StoredAddressBook after = book(store, 14);
    assertThat(after.exportFile()).isEqualTo(before);
    assertThat(after.newCount()).isEqualTo(news);
    assertThat(after.oldCount()).isEqualTo(olds);
    assertThat(after.badCount()).isEqualTo(bads).isPositive();
    assertThat(after.getSelection()).hasSize(selection);
    assertThat(store.isBanned(NodeIds.peerOf(Addrs.id(900)))).isTrue();
    for (int i = 0; i < 64; i++) {
      assertThat(after.bucketMembers(BucketType.OLD, i)).isEqualTo(b.bucketMembers(BucketType.OLD, i));
    }
    checkInvariants(after);
  }
}
