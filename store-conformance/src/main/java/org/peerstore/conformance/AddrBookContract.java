package org.peerstore.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peerstore.conformance.Addrs.addr;
import static org.peerstore.conformance.Addrs.range;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.peerstore.AddrTtl;
import org.peerstore.Peerstore;
import org.peerstore.peer.PeerId;

/**
 * Address book cases (docs/CONTRACT.md §2–3): TTL rules of add, set and update, expiry, input
 * normalisation, clearing and garbage collection. The stored ttl of an address is observed
 * through {@code updateAddrs}, which matches on it exactly.
 */
abstract class AddrBookContract extends ContractBase {

  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Duration MS = Duration.ofMillis(1);

  AddrBookContract(PeerstoreConformanceSuite suite) {
    super(suite);
  }

  private static PeerId newPeer() {
    return TestPeer.generate().id();
  }

  @Test
  void addedAddressIsVisible() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addAddr(p, addr(1), HOUR);
    assertAddrs(ps, p, addr(1));
  }

  @Test
  void addAddrsStoresEveryAddress() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addAddrs(p, range(1, 5), HOUR);
    assertAddrs(ps, p, range(1, 5));
  }

  @Test
  void addingTheSameAddressAgainStoresItOnce() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addAddr(p, addr(1), HOUR);
    ps.addAddr(p, addr(1), HOUR);
    ps.addAddrs(p, range(1, 3), HOUR);
    ps.addAddrs(p, range(1, 3), Duration.ofHours(2));
    assertAddrs(ps, p, range(1, 3));
  }

  @Test
  void duplicatesWithinOneCallAreStoredOnce() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addAddrs(p, List.of(addr(1), addr(1), addr(2), addr(1)), HOUR);
    assertAddrs(ps, p, addr(1), addr(2));
    ps.setAddrs(p, List.of(addr(3), addr(3)), HOUR);
    assertAddrs(ps, p, addr(1), addr(2), addr(3));
  }

  @Test
  void unknownPeerHasNoAddressesNotNull() {
    Peerstore ps = open();
    PeerId p = newPeer();
    assertThat(ps.addrs(p)).isNotNull().isEmpty();
    assertThat(ps.peerInfo(p).id()).isEqualTo(p);
    assertThat(ps.peerInfo(p).addrs()).isEmpty();
    assertThat(ps.peersWithAddrs()).isEmpty();
  }

  @Test
  void addWithZeroOrNegativeTtlStoresNothing() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addAddr(p, addr(1), Duration.ZERO);
    ps.addAddrs(p, range(2, 3), Duration.ofSeconds(-1));
    ps.addAddr(p, addr(5), Duration.ofNanos(-1));
    assertThat(ps.addrs(p)).isEmpty();
    assertThat(ps.peersWithAddrs()).doesNotContain(p);
  }

  @Test
  void addWithZeroTtlLeavesAnExistingAddressAlone() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addAddr(p, addr(1), HOUR);
    ps.addAddr(p, addr(1), Duration.ZERO);
    ps.addAddr(p, addr(1), Duration.ofMinutes(-5));
    advance(HOUR.minus(MS));
    assertAddrs(ps, p, addr(1));
    // The ttl is still exactly one hour.
    ps.updateAddrs(p, HOUR, Duration.ZERO);
    assertThat(ps.addrs(p)).isEmpty();
  }

  @Test
  void addNeverLowersTheTtl() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addAddr(p, addr(1), HOUR);
    ps.addAddr(p, addr(1), Duration.ofMinutes(10));
    ps.updateAddrs(p, Duration.ofMinutes(10), Duration.ZERO);
    assertAddrs(ps, p, addr(1));
    ps.updateAddrs(p, HOUR, Duration.ZERO);
    assertThat(ps.addrs(p)).isEmpty();
  }

  @Test
  void addNeverLowersTheExpiry() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addAddrs(p, range(1, 3), HOUR);
    ps.addAddrs(p, range(3, 1), Duration.ofSeconds(1));
    advance(Duration.ofSeconds(2));
    assertAddrs(ps, p, range(1, 3));
    advance(HOUR.minus(Duration.ofSeconds(2)).minus(MS));
    assertAddrs(ps, p, range(1, 3));
    advance(MS);
    assertThat(ps.addrs(p)).isEmpty();
  }

  @Test
  void addWithALongerTtlRaisesTtlAndExpiry() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addAddrs(p, range(1, 3), Duration.ofSeconds(1));
    ps.addAddrs(p, range(3, 1), HOUR);
    advance(Duration.ofMillis(1200));
    assertAddrs(ps, p, addr(3));
    ps.updateAddrs(p, HOUR, Duration.ZERO);
    assertThat(ps.addrs(p)).isEmpty();
  }

  @Test
  void addWithAShorterTtlLaterKeepsTheLongerTtl() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addAddr(p, addr(1), Duration.ofSeconds(4));
    advance(Duration.ofSeconds(2));
    // now + 3 s is later than the stored expiry, but 3 s is less than the stored ttl.
    ps.addAddr(p, addr(1), Duration.ofSeconds(3));
    ps.updateAddrs(p, Duration.ofSeconds(3), Duration.ZERO);
    assertAddrs(ps, p, addr(1));
    ps.updateAddrs(p, Duration.ofSeconds(4), Duration.ZERO);
    assertThat(ps.addrs(p)).isEmpty();
  }

  @Test
  void addWithAShorterTtlLaterMovesTheExpiryToNowPlusTtl() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addAddr(p, addr(1), Duration.ofSeconds(4));
    advance(Duration.ofSeconds(2));
    ps.addAddr(p, addr(1), Duration.ofSeconds(3));
    // The first expiry (start + 4 s) has passed; the extended one (start + 5 s) has not.
    advance(Duration.ofSeconds(3).minus(MS));
    assertAddrs(ps, p, addr(1));
    advance(MS);
    assertThat(ps.addrs(p)).isEmpty();
  }

  @Test
  void setOverridesWithAShorterExpiry() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addAddrs(p, range(1, 2), HOUR);
    ps.setAddr(p, addr(1), MINUTE);
    advance(MINUTE.minus(MS));
    assertAddrs(ps, p, addr(1), addr(2));
    advance(MS);
    assertAddrs(ps, p, addr(2));
  }

  @Test
  void setReplacesTheStoredTtl() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addAddr(p, addr(1), HOUR);
    ps.setAddr(p, addr(1), Duration.ofMinutes(5));
    ps.updateAddrs(p, HOUR, Duration.ZERO);
    assertAddrs(ps, p, addr(1));
    ps.updateAddrs(p, Duration.ofMinutes(5), Duration.ZERO);
    assertThat(ps.addrs(p)).isEmpty();
  }

  @Test
  void setInsertsAnUnknownAddress() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.setAddrs(p, range(1, 3), MINUTE);
    assertAddrs(ps, p, range(1, 3));
    advance(MINUTE);
    assertThat(ps.addrs(p)).isEmpty();
  }

  @Test
  void setWithZeroTtlDeletesOnlyTheListedAddresses() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.setAddrs(p, range(1, 5), HOUR);
    ps.setAddrs(p, List.of(addr(2), addr(4)), Duration.ZERO);
    assertAddrs(ps, p, addr(1), addr(3), addr(5));
  }

  @Test
  void setWithNegativeTtlDeletesListedAddressesAndIgnoresUnknownOnes() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addAddrs(p, range(1, 3), HOUR);
    ps.setAddrs(p, List.of(addr(1), addr(1), addr(9)), Duration.ofSeconds(-1));
    assertAddrs(ps, p, addr(2), addr(3));
    ps.setAddr(p, addr(2), Duration.ofNanos(-1));
    assertAddrs(ps, p, addr(3));
  }

  @Test
  void setWithZeroTtlDeletesConnectedAddressesToo() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addAddr(p, addr(1), AddrTtl.CONNECTED);
    ps.addAddr(p, addr(2), AddrTtl.PERMANENT);
    ps.setAddrs(p, range(1, 2), Duration.ZERO);
    assertThat(ps.addrs(p)).isEmpty();
  }

  @Test
  void updateAddrsTouchesOnlyAddressesWithExactlyTheOldTtl() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addAddr(p, addr(1), HOUR);
    ps.addAddr(p, addr(2), Duration.ofMinutes(10));
    ps.addAddr(p, addr(3), HOUR.plus(MS));
    ps.updateAddrs(p, HOUR, Duration.ofSeconds(30));
    assertAddrs(ps, p, range(1, 3));
    advance(Duration.ofSeconds(30));
    assertAddrs(ps, p, addr(2), addr(3));
  }

  @Test
  void updateAddrsToZeroOrNegativeDeletesTheMatches() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addAddrs(p, range(1, 2), HOUR);
    ps.addAddr(p, addr(3), Duration.ofMinutes(10));
    ps.updateAddrs(p, HOUR, Duration.ZERO);
    assertAddrs(ps, p, addr(3));
    ps.updateAddrs(p, Duration.ofMinutes(10), Duration.ofSeconds(-1));
    assertThat(ps.addrs(p)).isEmpty();
  }

  @Test
  void updateAddrsSetsTheExpiryFromNow() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addAddr(p, addr(1), MINUTE);
    advance(Duration.ofSeconds(50));
    ps.updateAddrs(p, MINUTE, MINUTE);
    advance(MINUTE.minus(MS));
    assertAddrs(ps, p, addr(1));
    advance(MS);
    assertThat(ps.addrs(p)).isEmpty();
  }

  @Test
  void updateAddrsOnlyTouchesTheGivenPeer() {
    Peerstore ps = open();
    PeerId p = newPeer();
    PeerId q = newPeer();
    ps.addAddr(p, addr(1), HOUR);
    ps.addAddr(q, addr(2), HOUR);
    ps.updateAddrs(p, HOUR, Duration.ZERO);
    assertThat(ps.addrs(p)).isEmpty();
    assertAddrs(ps, q, addr(2));
  }

  @Test
  void updateAddrsOfAnUnknownPeerDoesNothing() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.updateAddrs(p, HOUR, MINUTE);
    ps.updateAddrs(p, HOUR, Duration.ZERO);
    assertThat(ps.addrs(p)).isEmpty();
    assertThat(ps.peersWithAddrs()).isEmpty();
    assertThat(ps.peers()).isEmpty();
  }

  @Test
  void addressExpiresExactlyAtItsExpiry() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addAddr(p, addr(1), Duration.ofSeconds(10));
    advance(Duration.ofSeconds(10).minus(MS));
    assertAddrs(ps, p, addr(1));
    advance(MS);
    assertThat(ps.addrs(p)).isEmpty();
  }

  @Test
  void expiredAddressesAreInvisibleBeforeGarbageCollection() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addAddr(p, addr(1), Duration.ofSeconds(10));
    ps.addAddr(p, addr(2), HOUR);
    advance(Duration.ofSeconds(10));
    assertAddrs(ps, p, addr(2));
    assertThat(ps.peerInfo(p).addrs()).containsExactly(addr(2));
  }

  @Test
  void subSecondTtlsWork() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addAddr(p, addr(1), Duration.ofMillis(500));
    ps.addAddr(p, addr(2), Duration.ofMillis(1));
    assertAddrs(ps, p, addr(1), addr(2));
    advance(MS);
    assertAddrs(ps, p, addr(1));
    advance(Duration.ofMillis(498));
    assertAddrs(ps, p, addr(1));
    advance(MS);
    assertThat(ps.addrs(p)).isEmpty();
  }

  @Test
  void connectedAndPermanentAreDistinctForUpdateAddrs() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addAddr(p, addr(1), AddrTtl.PERMANENT);
    ps.addAddr(p, addr(2), AddrTtl.CONNECTED);
    ps.updateAddrs(p, AddrTtl.CONNECTED, AddrTtl.TEMP);
    advance(AddrTtl.TEMP);
    assertAddrs(ps, p, addr(1));
  }

  @Test
  void updatingPermanentAddressesLeavesConnectedOnes() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addAddr(p, addr(1), AddrTtl.PERMANENT);
    ps.addAddr(p, addr(2), AddrTtl.CONNECTED);
    ps.updateAddrs(p, AddrTtl.PERMANENT, Duration.ZERO);
    assertAddrs(ps, p, addr(2));
  }

  @Test
  void downgradedConnectedAddressesExpireAndAreCollected() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addAddrs(p, range(1, 2), AddrTtl.CONNECTED);
    ps.updateAddrs(p, AddrTtl.CONNECTED, AddrTtl.TEMP);
    advance(AddrTtl.TEMP.minus(MS));
    assertAddrs(ps, p, range(1, 2));
    advance(MS);
    assertThat(ps.addrs(p)).isEmpty();
    assertThat(ps.collectGarbage()).isEqualTo(2);
    assertThat(ps.peersWithAddrs()).doesNotContain(p);
  }

  @Test
  void permanentAndConnectedAddressesNeverExpire() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addAddr(p, addr(1), AddrTtl.PERMANENT);
    ps.addAddr(p, addr(2), AddrTtl.CONNECTED);
    advance(Duration.ofDays(365L * 200));
    assertAddrs(ps, p, addr(1), addr(2));
    assertThat(ps.collectGarbage()).isZero();
    assertAddrs(ps, p, addr(1), addr(2));
  }

  @Test
  void expiryBeyondTheRangeOfNanosecondInstantsSaturates() {
    Peerstore ps = open();
    PeerId p = newPeer();
    // 250 years: a finite, unconnected ttl whose expiry (year 2276) is past what epoch
    // nanoseconds in a long can hold (year 2262).
    Duration ttl = Duration.ofDays(365L * 250);
    ps.addAddr(p, addr(1), ttl);
    advance(Duration.ofDays(365L * 100));
    assertAddrs(ps, p, addr(1));
    ps.updateAddrs(p, ttl, Duration.ZERO);
    assertThat(ps.addrs(p)).isEmpty();
  }

  @Test
  void ttlLongerThanPermanentIsConnectedAndNeverExpires() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addAddr(p, addr(1), Duration.ofSeconds(Long.MAX_VALUE));
    ps.setAddr(p, addr(2), Duration.ofSeconds(Long.MAX_VALUE, 999_999_999));
    advance(Duration.ofDays(365L * 200));
    assertAddrs(ps, p, addr(1), addr(2));
  }

  @Test
  void trailingP2pComponentOfTheSamePeerIsStripped() {
    Peerstore ps = open();
    TestPeer peer = TestPeer.generate();
    ps.addAddr(peer.id(), peer.withP2p(addr(1)), HOUR);
    ps.setAddrs(peer.id(), List.of(peer.withP2p(addr(2))), HOUR);
    assertAddrs(ps, peer.id(), addr(1), addr(2));
  }

  @Test
  void addressWithAndWithoutP2pComponentIsOneAddress() {
    Peerstore ps = open();
    TestPeer peer = TestPeer.generate();
    PeerId p = peer.id();
    ps.addAddr(p, addr(1), HOUR);
    ps.addAddr(p, peer.withP2p(addr(1)), Duration.ofHours(2));
    assertAddrs(ps, p, addr(1));
    ps.updateAddrs(p, Duration.ofHours(2), Duration.ZERO);
    assertThat(ps.addrs(p)).isEmpty();
    ps.addAddr(p, addr(3), HOUR);
    ps.setAddr(p, peer.withP2p(addr(3)), Duration.ZERO);
    assertThat(ps.addrs(p)).isEmpty();
  }

  @Test
  void addressCarryingAnotherPeersIdIsSkipped() {
    Peerstore ps = open();
    PeerId p = newPeer();
    TestPeer other = TestPeer.generate();
    ps.addAddrs(p, List.of(addr(1), other.withP2p(addr(2)), addr(3)), HOUR);
    assertAddrs(ps, p, addr(1), addr(3));
    ps.setAddrs(p, List.of(other.withP2p(addr(4))), HOUR);
    assertAddrs(ps, p, addr(1), addr(3));
    // A foreign address in a deletion is skipped too, so addr(1) stays.
    ps.setAddrs(p, List.of(other.withP2p(addr(1))), Duration.ZERO);
    assertAddrs(ps, p, addr(1), addr(3));
    assertThat(ps.addrs(other.id())).isEmpty();
  }

  @Test
  void clearAddrsRemovesEveryAddressIncludingConnectedOnes() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addAddr(p, addr(1), HOUR);
    ps.addAddr(p, addr(2), AddrTtl.CONNECTED);
    ps.addAddr(p, addr(3), AddrTtl.PERMANENT);
    ps.clearAddrs(p);
    assertThat(ps.addrs(p)).isEmpty();
    assertThat(ps.peersWithAddrs()).doesNotContain(p);
  }

  @Test
  void clearAddrsTouchesOnlyThatPeer() {
    Peerstore ps = open();
    PeerId p = newPeer();
    PeerId q = newPeer();
    ps.addAddrs(p, range(1, 3), HOUR);
    ps.addAddrs(q, range(4, 2), HOUR);
    ps.clearAddrs(p);
    assertThat(ps.addrs(p)).isEmpty();
    assertAddrs(ps, q, range(4, 2));
    ps.clearAddrs(q);
    assertThat(ps.addrs(q)).isEmpty();
  }

  @Test
  void addressesBelongToTheirPeer() {
    Peerstore ps = open();
    PeerId p = newPeer();
    PeerId q = newPeer();
    ps.addAddr(p, addr(1), HOUR);
    ps.addAddr(q, addr(2), HOUR);
    ps.addAddr(q, addr(1), MINUTE);
    assertAddrs(ps, p, addr(1));
    assertAddrs(ps, q, addr(1), addr(2));
    // q's shorter ttl on the same address does not affect p.
    advance(MINUTE);
    assertAddrs(ps, p, addr(1));
    assertAddrs(ps, q, addr(2));
  }

  @Test
  void peersWithAddrsListsExactlyThePeersWithAddresses() {
    Peerstore ps = open();
    TestPeer keyed = TestPeer.generate();
    PeerId p = newPeer();
    PeerId q = newPeer();
    assertThat(ps.peersWithAddrs()).isEmpty();
    ps.addAddrs(p, range(1, 5), AddrTtl.PERMANENT);
    ps.addAddrs(q, range(6, 5), HOUR);
    ps.addPubKey(keyed.id(), keyed.pubKey());
    ps.addProtocols(keyed.id(), List.of("/proto/1"));
    assertThat(ps.peersWithAddrs()).containsExactlyInAnyOrder(p, q);
  }

  @Test
  void peerLeavesPeersWithAddrsWhenItsLastAddressIsDeleted() {
    Peerstore ps = open();
    PeerId p = newPeer();
    PeerId q = newPeer();
    ps.addAddrs(p, range(1, 2), HOUR);
    ps.addAddrs(q, range(3, 1), MINUTE);
    ps.setAddrs(p, range(1, 2), Duration.ZERO);
    ps.updateAddrs(q, MINUTE, Duration.ZERO);
    assertThat(ps.peersWithAddrs()).doesNotContain(p, q);
  }

  @Test
  void collectGarbageRemovesExactlyTheExpiredAddresses() {
    Peerstore ps = open();
    PeerId p = newPeer();
    PeerId q = newPeer();
    ps.addAddrs(p, range(1, 2), MINUTE);
    ps.addAddr(q, addr(3), MINUTE);
    ps.addAddr(q, addr(4), HOUR);
    ps.addAddr(q, addr(5), AddrTtl.CONNECTED);
    advance(MINUTE);
    assertThat(ps.collectGarbage()).isEqualTo(3);
    assertThat(ps.collectGarbage()).isZero();
    assertThat(ps.addrs(p)).isEmpty();
    assertAddrs(ps, q, addr(4), addr(5));
    assertThat(ps.peersWithAddrs()).containsExactly(q);
  }

  @Test
  void collectGarbageKeepsUnexpiredAddresses() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addAddr(p, addr(1), MINUTE);
    advance(MINUTE.minus(MS));
    assertThat(ps.collectGarbage()).isZero();
    assertAddrs(ps, p, addr(1));
    assertThat(ps.peersWithAddrs()).containsExactly(p);
  }

  @Test
  void backgroundGarbageCollectionRunsWithoutBeingCalled() {
    Peerstore ps = open(b -> b.gcInterval(Duration.ofMillis(20)));
    PeerId p = newPeer();
    PeerId q = newPeer();
    ps.addAddr(p, addr(1), MINUTE);
    ps.addAddr(q, addr(2), HOUR);
    advance(MINUTE);
    // Waits for the background collector to run (an event), not for a ttl to pass.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (ps.peersWithAddrs().contains(p) && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
    assertThat(ps.peersWithAddrs()).containsExactly(q);
    assertAddrs(ps, q, addr(2));
  }
}
