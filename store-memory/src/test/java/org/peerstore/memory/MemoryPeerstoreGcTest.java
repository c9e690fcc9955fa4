package org.peerstore.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerstore.conformance.Addrs.addr;
import static org.peerstore.conformance.Addrs.range;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.peerstore.AddrTtl;
import org.peerstore.conformance.MutableClock;
import org.peerstore.conformance.TestPeer;
import org.peerstore.peer.PeerId;

/** Garbage collection of {@link MemoryPeerstore}: the expiry queue and its stale entries. */
class MemoryPeerstoreGcTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Duration HOUR = Duration.ofHours(1);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final MemoryPeerstore ps =
      MemoryPeerstore.builder().clock(clock).gcInterval(Duration.ZERO).build();

  @AfterEach
  void close() {
    ps.close();
  }

  @Test
  void collectionRemovesOnlyExpiredBansAndReplacedBansLeaveNothingBehind() {
    List<PeerId> shortBans = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      PeerId p = TestPeer.generate().id();
      shortBans.add(p);
      ps.banPeer(p, "", MINUTE);
    }
    PeerId kept = TestPeer.generate().id();
    ps.banPeer(kept, "", MINUTE);
    ps.banPeer(kept, "", HOUR); // replaces the one-minute ban: only the hour counts
    ps.banSubnet(org.peerstore.Subnet.parse("10.0.0.0/8"), "", org.peerstore.BanBook.PERMANENT);
    assertThat(ps.storedBanCount()).isEqualTo(102);
    clock.advance(MINUTE);
    assertThat(ps.storedBanCount()).isEqualTo(102);
    ps.collectGarbage();
    assertThat(ps.storedBanCount()).isEqualTo(2);
    assertThat(ps.isBanned(kept)).isTrue();
    assertThat(shortBans).noneMatch(ps::isBanned);
    clock.advance(HOUR);
    ps.collectGarbage();
    assertThat(ps.storedBanCount()).isEqualTo(1);
  }

  @Test
  void collectionRemovesOnlyWhatExpiredAcrossManyPeers() {
    List<PeerId> longLived = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      PeerId p = TestPeer.generate().id();
      longLived.add(p);
      ps.addAddr(p, addr(i), HOUR);
    }
    List<PeerId> shortLived = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      PeerId p = TestPeer.generate().id();
      shortLived.add(p);
      ps.addAddrs(p, range(1000 + 10 * i, 3), MINUTE);
    }
    clock.advance(MINUTE);
    assertThat(ps.collectGarbage()).isEqualTo(30);
    assertThat(ps.peersWithAddrs()).containsExactlyInAnyOrderElementsOf(longLived);
    assertThat(ps.peers()).doesNotContainAnyElementsOf(shortLived);
    assertThat(ps.collectGarbage()).isZero();
  }

  @Test
  void aStaleQueueEntryDoesNotRemoveARefreshedAddress() {
    PeerId p = TestPeer.generate().id();
    ps.addAddr(p, addr(1), MINUTE);
    ps.addAddr(p, addr(1), HOUR);
    clock.advance(MINUTE);
    assertThat(ps.collectGarbage()).isZero();
    assertThat(ps.addrs(p)).containsExactly(addr(1));
    clock.advance(HOUR);
    assertThat(ps.collectGarbage()).isEqualTo(1);
    assertThat(ps.peers()).isEmpty();
  }

  @Test
  void refreshingAnAddressDoesNotGrowTheQueue() {
    PeerId p = TestPeer.generate().id();
    for (int i = 1; i <= 100; i++) {
      ps.addAddr(p, addr(1), Duration.ofMinutes(i));
    }
    assertThat(ps.expiryQueueSize()).isEqualTo(1);
  }

  @Test
  void anEarlierExpiryIsQueuedAndCollectedOnTime() {
    PeerId p = TestPeer.generate().id();
    ps.addAddr(p, addr(1), HOUR);
    ps.setAddr(p, addr(1), MINUTE);
    clock.advance(MINUTE);
    assertThat(ps.collectGarbage()).isEqualTo(1);
    assertThat(ps.peersWithAddrs()).isEmpty();
  }

  @Test
  void connectedAddressesAreNeverQueuedUntilDowngraded() {
    PeerId p = TestPeer.generate().id();
    ps.addAddrs(p, range(1, 3), AddrTtl.CONNECTED);
    assertThat(ps.expiryQueueSize()).isZero();
    ps.updateAddrs(p, AddrTtl.CONNECTED, MINUTE);
    assertThat(ps.expiryQueueSize()).isEqualTo(1);
    clock.advance(MINUTE);
    assertThat(ps.collectGarbage()).isEqualTo(3);
    assertThat(ps.peers()).isEmpty();
  }

  @Test
  void collectionDropsTheRecordOfAPeerLeftWithoutAddresses() {
    TestPeer alice = TestPeer.generate();
    ps.consumePeerRecord(alice.record(3, List.of(addr(1))), MINUTE);
    ps.addPubKey(alice.id(), alice.pubKey());
    clock.advance(MINUTE);
    assertThat(ps.collectGarbage()).isEqualTo(1);
    assertThat(ps.peerRecord(alice.id())).isEmpty();
    // The peer stays known through its key; an older record is accepted again.
    assertThat(ps.peers()).containsExactly(alice.id());
    assertThat(ps.consumePeerRecord(alice.record(1, List.of(addr(2))), HOUR)).isTrue();
  }

  @Test
  void backgroundCollectionRunsOnItsOwn() throws InterruptedException {
    MemoryPeerstore bg =
        MemoryPeerstore.builder().clock(clock).gcInterval(Duration.ofMillis(2)).build();
    try {
      PeerId p = TestPeer.generate().id();
      bg.addAddr(p, addr(1), MINUTE);
      clock.advance(MINUTE);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!bg.peers().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(1); // waiting for the collector thread, not for time to pass
      }
      assertThat(bg.peers()).isEmpty();
      assertThat(bg.expiryQueueSize()).isZero();
    } finally {
      bg.close();
    }
  }
}
