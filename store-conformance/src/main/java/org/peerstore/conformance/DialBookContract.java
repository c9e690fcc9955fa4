package org.peerstore.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.peerstore.conformance.Addrs.addr;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.peerstore.AddrInfo;
import org.peerstore.AddrTtl;
import org.peerstore.DialBackoff;
import org.peerstore.DialBook;
import org.peerstore.DialEntry;
import org.peerstore.DialHistory;
import org.peerstore.Peerstore;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

/**
 * The dial history book (docs/CONTRACT.md §16): what each event records per peer and per
 * address, backoff arithmetic and reset, the reason bound, normalisation, the address bound,
 * the candidate order and filters, retention, removal and (for persistent stores) reopening.
 */
abstract class DialBookContract extends ContractBase {

  private static final Duration S = Duration.ofSeconds(1);
  /** No jitter: every backoff end is exact. 1 s, 2 s, 4 s, then 5 s. */
  private static final DialBackoff EXACT = new DialBackoff(S, 2.0, Duration.ofSeconds(5), 0.0);

  DialBookContract(PeerstoreConformanceSuite suite) {
    super(suite);
  }

  private Peerstore exact() {
    return open(b -> b.dialBackoff(EXACT));
  }

  private static DialHistory history(Peerstore ps, PeerId p) {
    Optional<DialHistory> h = ps.dialHistory(p);
    assertThat(h).as("history of %s", p).isPresent();
    return h.get();
  }

  @Test
  void eachEventIsRecordedForThePeerAndTheAddress() {
    Peerstore ps = exact();
    PeerId p = TestPeer.generate().id();
    assertThat(ps.dialHistory(p)).isEmpty();
    Instant t0 = clock().instant();
    ps.recordDialAttempt(p, addr(1));
    advance(S);
    ps.recordDialFailure(p, addr(1), "refused");
    advance(S);
    ps.recordDialAttempt(p, addr(2));
    advance(S);
    ps.recordDialSuccess(p, addr(2));
    Instant t3 = clock().instant();
    DialHistory h = history(ps, p);
    assertThat(h.peer()).isEqualTo(p);
    assertThat(h.entry()).isEqualTo(new DialEntry(t0, t3, Optional.of(t0.plus(S.multipliedBy(2))),
        Optional.of(t3), Optional.of(t0.plus(S)), "refused", 2, 0, Optional.empty()));
    assertThat(h.addrs().keySet()).containsExactly(addr(1), addr(2));
    assertThat(h.addrs().get(addr(1))).isEqualTo(new DialEntry(t0, t0, Optional.of(t0),
        Optional.empty(), Optional.of(t0.plus(S)), "refused", 1, 1,
        Optional.of(t0.plus(S).plus(S))));
    Instant t2 = t0.plus(S.multipliedBy(2));
    assertThat(h.addrs().get(addr(2))).isEqualTo(new DialEntry(t2, t3, Optional.of(t2),
        Optional.of(t3), Optional.empty(), "", 1, 0, Optional.empty()));
    assertThatThrownBy(() -> h.addrs().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void failuresInARowBackOffExponentiallyUpToTheCap() {
    Peerstore ps = exact();
    PeerId p = TestPeer.generate().id();
    long[] expected = {1, 2, 4, 5, 5};
    for (long seconds : expected) {
      Instant failed = clock().instant();
      ps.recordDialFailure(p, addr(1), "timeout");
      Instant until = failed.plusSeconds(seconds);
      assertThat(ps.backoffUntil(p)).contains(until);
      assertThat(ps.backoffUntil(p, addr(1))).contains(until);
      assertThat(ps.inBackoff(p)).isTrue();
      advance(Duration.ofSeconds(seconds).minusMillis(1));
      assertThat(ps.inBackoff(p)).isTrue();
      advance(Duration.ofMillis(1));
      assertThat(ps.inBackoff(p)).isFalse();
      assertThat(history(ps, p).entry().inBackoff(clock().instant())).isFalse();
    }
    assertThat(history(ps, p).entry().consecutiveFailures()).isEqualTo(5);
  }

  @Test
  void aSuccessResetsTheBackoffOfThePeerAndTheAddress() {
    Peerstore ps = exact();
    PeerId p = TestPeer.generate().id();
    ps.recordDialFailure(p, addr(1), "a");
    ps.recordDialFailure(p, addr(1), "b");
    assertThat(ps.inBackoff(p)).isTrue();
    ps.recordDialSuccess(p, addr(1));
    assertThat(ps.inBackoff(p)).isFalse();
    assertThat(ps.backoffUntil(p)).isEmpty();
    assertThat(ps.backoffUntil(p, addr(1))).isEmpty();
    DialHistory h = history(ps, p);
    assertThat(h.entry().consecutiveFailures()).isZero();
    assertThat(h.entry().lastFailureReason()).isEqualTo("b");
    ps.recordDialFailure(p, addr(1), "c");
    assertThat(ps.backoffUntil(p)).contains(clock().instant().plus(S));
  }

  @Test
  void aConnectionResetsThePeersFailuresButNotItsAddresses() {
    Peerstore ps = exact();
    PeerId p = TestPeer.generate().id();
    ps.recordDialFailure(p, addr(1), "x");
    advance(Duration.ofMillis(10));
    ps.recordConnected(p);
    assertThat(ps.inBackoff(p)).isFalse();
    assertThat(ps.backoffUntil(p, addr(1))).isPresent();
    DialHistory h = history(ps, p);
    assertThat(h.entry().lastSeen()).isEqualTo(clock().instant());
    assertThat(h.addrs().get(addr(1)).consecutiveFailures()).isEqualTo(1);
    advance(S);
    ps.recordDisconnected(p);
    assertThat(history(ps, p).entry().lastSeen()).isEqualTo(clock().instant());
    assertThat(history(ps, p).entry().attempts()).isZero();
  }

  @Test
  void jitterIsDeterministicAndOnlyShortensTheCeiling() {
    DialBackoff jittered = new DialBackoff(S, 2.0, Duration.ofSeconds(5), 0.5);
    Peerstore a = open(b -> b.dialBackoff(jittered));
    Peerstore b = open(o -> o.dialBackoff(jittered));
    boolean anyShortened = false;
    for (int i = 0; i < 20; i++) {
      PeerId p = TestPeer.generate().id();
      Instant failed = clock().instant();
      a.recordDialFailure(p, addr(1), "x");
      b.recordDialFailure(p, addr(1), "x");
      Instant until = a.backoffUntil(p).orElseThrow();
      assertThat(b.backoffUntil(p)).contains(until);
      assertThat(until).isBetween(failed.plusMillis(500), failed.plus(S));
      anyShortened |= until.isBefore(failed.plus(S));
    }
    assertThat(anyShortened).as("jitter shortened some backoff").isTrue();
  }

  @Test
  void aLongReasonIsCutAtACharacterBoundaryAndABrokenOneRefused() {
    Peerstore ps = open();
    PeerId p = TestPeer.generate().id();
    String twoByte = "\u00e9".repeat(DialBook.MAX_REASON_BYTES);
    ps.recordDialFailure(p, addr(1), "x" + twoByte);
    String kept = history(ps, p).entry().lastFailureReason();
    // 1 + 2 * 127 = 255 bytes: the next character would not fit.
    assertThat(kept).isEqualTo("x" + "\u00e9".repeat((DialBook.MAX_REASON_BYTES - 1) / 2));
    assertThat(history(ps, p).addrs().get(addr(1)).lastFailureReason()).isEqualTo(kept);
    assertThatThrownBy(() -> ps.recordDialFailure(p, addr(1), "bad \ud800 surrogate"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ps.recordDialFailure(p, addr(1), twoByte + "\ud800"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(history(ps, p).entry().consecutiveFailures()).isEqualTo(1);
  }

  @Test
  void addressesAreNormalisedAndAnotherPeersAddressOnlyCountsForThePeer() {
    Peerstore ps = open();
    PeerId p = TestPeer.generate().id();
    PeerId q = TestPeer.generate().id();
    ps.recordDialAttempt(p, addr(1).encapsulate(Multiaddr.fromString("/p2p/" + p)));
    ps.recordDialAttempt(p, addr(2).encapsulate(Multiaddr.fromString("/p2p/" + q)));
    DialHistory h = history(ps, p);
    assertThat(h.addrs().keySet()).containsExactly(addr(1));
    assertThat(h.entry().attempts()).isEqualTo(2);
    assertThat(ps.backoffUntil(p, addr(2))).isEmpty();
  }

  @Test
  void aPeerKeepsAtMostTheBoundOfAddressesDroppingTheOneSeenLongestAgo() {
    Peerstore ps = open();
    PeerId p = TestPeer.generate().id();
    for (int i = 0; i < DialBook.MAX_ADDRS_PER_PEER; i++) {
      ps.recordDialAttempt(p, addr(i));
      advance(S);
    }
    ps.recordDialSuccess(p, addr(0));
    advance(S);
    ps.recordDialAttempt(p, addr(100));
    DialHistory h = history(ps, p);
    assertThat(h.addrs()).hasSize(DialBook.MAX_ADDRS_PER_PEER);
    assertThat(h.addrs()).containsKey(addr(0)).containsKey(addr(100)).doesNotContainKey(addr(1));
  }

  @Test
  void candidatesComeBestFirstAndSkipBannedBackedOffAndAddresslessPeers() {
    Peerstore ps = exact();
    PeerId recent = TestPeer.generate().id();
    PeerId older = TestPeer.generate().id();
    PeerId fresh = TestPeer.generate().id();
    PeerId failedOnce = TestPeer.generate().id();
    PeerId backedOff = TestPeer.generate().id();
    PeerId banned = TestPeer.generate().id();
    PeerId noAddrs = TestPeer.generate().id();
    PeerId bannedAddr = TestPeer.generate().id();
    PeerId oneAddrBackedOff = TestPeer.generate().id();
    Multiaddr bad = Multiaddr.fromString("/ip4/198.51.100.7/tcp/4001");
    for (PeerId p : List.of(recent, older, fresh, failedOnce, backedOff, banned,
        oneAddrBackedOff)) {
      ps.addAddr(p, addr(1), AddrTtl.PERMANENT);
    }
    ps.addAddr(bannedAddr, bad, AddrTtl.PERMANENT);
    ps.addAddr(oneAddrBackedOff, addr(2), AddrTtl.PERMANENT);
    ps.recordDialSuccess(older, addr(1));
    ps.recordDialAttempt(failedOnce, addr(1));
    ps.recordDialFailure(failedOnce, addr(1), "x");
    advance(S);
    ps.recordDialSuccess(recent, addr(1));
    ps.recordDialAttempt(fresh, addr(1));
    ps.recordDialSuccess(banned, addr(1));
    ps.recordDialSuccess(noAddrs, addr(1));
    ps.recordDialSuccess(bannedAddr, bad);
    ps.recordDialAttempt(backedOff, addr(1));
    ps.recordDialFailure(backedOff, addr(1), "x");
    ps.recordDialFailure(oneAddrBackedOff, addr(1), "x");
    ps.recordDialSuccess(oneAddrBackedOff, addr(2));
    ps.recordDialFailure(oneAddrBackedOff, addr(1), "again");
    ps.banPeer(banned, "no", Duration.ofHours(1));
    ps.banIp(BanBookContract.ip("198.51.100.7"), "no", Duration.ofHours(1));
    // failedOnce's backoff (1 s) is over, backedOff's is not; oneAddrBackedOff has one failure
    // in a row since its success, so it is in backoff for 1 s too (its addr(1) for 2 s).
    List<AddrInfo> c = ps.dialCandidates(10);
    assertThat(c).extracting(AddrInfo::id).containsExactly(recent, older, fresh, failedOnce);
    assertThat(c.get(0).addrs()).containsExactly(addr(1));
    assertThat(ps.dialCandidates(2)).extracting(AddrInfo::id).containsExactly(recent, older);
    assertThat(ps.dialCandidates(10, p -> !p.equals(older))).extracting(AddrInfo::id)
        .containsExactly(recent, fresh, failedOnce);
    assertThat(ps.dialCandidates(0)).isEmpty();
    assertThatThrownBy(() -> ps.dialCandidates(-1)).isInstanceOf(IllegalArgumentException.class);
    advance(S);
    c = ps.dialCandidates(10);
    assertThat(c).extracting(AddrInfo::id)
        .containsExactly(recent, oneAddrBackedOff, older, fresh, failedOnce, backedOff);
    // oneAddrBackedOff: addr(1) failed twice in a row (2 s backoff), addr(2) is dialable.
    assertThat(c.get(1).addrs()).containsExactly(addr(2));
    ps.unbanPeer(banned);
    assertThat(ps.dialCandidates(10)).extracting(AddrInfo::id).contains(banned);
  }

  @Test
  void candidatesWithEqualSuccessRankByFailuresThenOldestAttemptThenPeerId() {
    Peerstore ps = exact();
    PeerId a = TestPeer.generate().id();
    PeerId b = TestPeer.generate().id();
    PeerId c = TestPeer.generate().id();
    PeerId d = TestPeer.generate().id();
    for (PeerId p : List.of(a, b, c, d)) {
      ps.addAddr(p, addr(1), AddrTtl.PERMANENT);
    }
    ps.recordDialFailure(a, addr(1), "x");
    ps.recordDialAttempt(b, addr(1));
    advance(S);
    ps.recordDialAttempt(c, addr(1));
    ps.recordConnected(d);
    advance(S);
    // a: 1 failure; b: attempt at t0; c: attempt at t1; d: never attempted.
    assertThat(ps.dialCandidates(10)).extracting(AddrInfo::id).containsExactly(d, b, c, a);
  }

  @Test
  void historyOfPeersNotSeenForTheRetentionIsCollected() {
    Peerstore ps = open(b -> b.dialRetention(Duration.ofHours(2)));
    PeerId gone = TestPeer.generate().id();
    PeerId kept = TestPeer.generate().id();
    PeerId failing = TestPeer.generate().id();
    ps.recordDialSuccess(gone, addr(1));
    ps.recordDialSuccess(kept, addr(1));
    ps.recordDialAttempt(failing, addr(1));
    advance(Duration.ofHours(1));
    ps.recordConnected(kept);
    ps.recordDialFailure(failing, addr(1), "x");
    advance(Duration.ofHours(1).minusMillis(1));
    ps.collectGarbage();
    assertThat(ps.dialHistory(gone)).isPresent();
    advance(Duration.ofMillis(1));
    assertThat(ps.dialHistory(gone)).as("invisible before it is collected").isEmpty();
    ps.collectGarbage();
    assertThat(ps.dialHistory(gone)).isEmpty();
    assertThat(ps.dialHistory(failing)).as("failures are no sign of life").isEmpty();
    assertThat(ps.dialHistory(kept)).isPresent();
    advance(Duration.ofHours(1));
    ps.collectGarbage();
    assertThat(ps.dialHistory(kept)).isEmpty();
    assertThat(ps.dialCandidates(10)).isEmpty();
  }

  @Test
  void aNewEventAfterTheRetentionStartsANewHistory() {
    Peerstore ps = open(b -> b.dialRetention(Duration.ofHours(1)));
    PeerId p = TestPeer.generate().id();
    ps.recordDialFailure(p, addr(1), "x");
    advance(Duration.ofHours(1));
    ps.recordDialAttempt(p, addr(2));
    DialHistory h = history(ps, p);
    assertThat(h.entry().firstSeen()).isEqualTo(clock().instant());
    assertThat(h.entry().consecutiveFailures()).isZero();
    assertThat(h.addrs().keySet()).containsExactly(addr(2));
    ps.collectGarbage();
    assertThat(ps.dialHistory(p)).contains(h);
  }

  @Test
  void theDefaultRetentionIsSevenDays() {
    Peerstore ps = open();
    PeerId p = TestPeer.generate().id();
    ps.recordDialSuccess(p, addr(1));
    advance(Duration.ofDays(7).minusMillis(1));
    ps.collectGarbage();
    assertThat(ps.dialHistory(p)).isPresent();
    advance(Duration.ofMillis(1));
    ps.collectGarbage();
    assertThat(ps.dialHistory(p)).isEmpty();
  }

  @Test
  void removePeerRemovesTheHistoryAndABanKeepsIt() {
    Peerstore ps = open();
    PeerId p = TestPeer.generate().id();
    ps.addAddr(p, addr(1), AddrTtl.PERMANENT);
    ps.recordDialFailure(p, addr(1), "x");
    ps.banPeer(p, "x", Duration.ofHours(1));
    assertThat(ps.dialHistory(p)).isPresent();
    ps.removePeer(p);
    assertThat(ps.dialHistory(p)).isEmpty();
    assertThat(ps.inBackoff(p)).isFalse();
    assertThat(ps.isBanned(p)).isTrue();
    assertThat(ps.addrs(p)).containsExactly(addr(1));
  }

  @Test
  void dialHistoryDoesNotMakeAPeerKnown() {
    Peerstore ps = open();
    PeerId p = TestPeer.generate().id();
    ps.recordConnected(p);
    assertThat(ps.peers()).doesNotContain(p);
  }

  @Test
  void nullsAndClosedStoresAreRefused() {
    Peerstore ps = open();
    PeerId p = TestPeer.generate().id();
    assertThatThrownBy(() -> ps.recordDialAttempt(null, addr(1)))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ps.recordDialAttempt(p, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ps.recordDialFailure(p, addr(1), null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ps.dialCandidates(1, null))
        .isInstanceOf(NullPointerException.class);
    assertThat(ps.dialHistory(p)).isEmpty();
    ps.close();
    assertThatThrownBy(() -> ps.recordDialAttempt(p, addr(1)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ps.dialHistory(p)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ps.dialCandidates(1)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void historySurvivesReopen() {
    assumeTrue(persistent(), "the factory's stores are not persistent");
    Peerstore ps = exact();
    PeerId p = TestPeer.generate().id();
    PeerId q = TestPeer.generate().id();
    ps.addAddr(p, addr(1), AddrTtl.PERMANENT);
    ps.addAddr(q, addr(1), AddrTtl.PERMANENT);
    ps.recordDialAttempt(p, addr(1));
    ps.recordDialSuccess(p, addr(1));
    ps.recordDialFailure(q, addr(1), "r\u00e9fus\u00e9");
    ps.recordDialFailure(q, addr(2), "timeout");
    PeerId removed = TestPeer.generate().id();
    ps.recordConnected(removed);
    ps.removePeer(removed);
    DialHistory hp = history(ps, p);
    DialHistory hq = history(ps, q);
    ps = reopen(ps, b -> b.dialBackoff(EXACT));
    assertThat(ps.dialHistory(p)).contains(hp);
    assertThat(ps.dialHistory(q)).contains(hq);
    assertThat(ps.dialHistory(removed)).isEmpty();
    assertThat(ps.inBackoff(q)).isTrue();
    assertThat(ps.dialCandidates(10)).extracting(AddrInfo::id).containsExactly(p);
    advance(Duration.ofSeconds(2));
    assertThat(ps.inBackoff(q)).isFalse();
    assertThat(ps.dialCandidates(10)).extracting(AddrInfo::id).containsExactly(p, q);
  }

  @Test
  void backoffAndRetentionRunOnTimeAfterReopen() {
    assumeTrue(persistent(), "the factory's stores are not persistent");
    Peerstore ps = open(b -> b.dialBackoff(EXACT).dialRetention(Duration.ofHours(1)));
    PeerId p = TestPeer.generate().id();
    PeerId q = TestPeer.generate().id();
    ps.recordDialFailure(p, addr(1), "x");
    ps.recordDialSuccess(q, addr(1));
    advance(Duration.ofMinutes(30));
    ps.recordConnected(p);
    ps.recordDialFailure(p, addr(1), "y");
    Instant until = clock().instant().plus(S);
    ps = reopen(ps, b -> b.dialBackoff(EXACT).dialRetention(Duration.ofHours(1)));
    assertThat(ps.backoffUntil(p)).contains(until);
    advance(Duration.ofMinutes(30));
    ps.collectGarbage();
    assertThat(ps.dialHistory(q)).isEmpty();
    assertThat(ps.dialHistory(p)).isPresent();
    ps = reopen(ps, b -> b.dialBackoff(EXACT).dialRetention(Duration.ofHours(1)));
    assertThat(ps.dialHistory(q)).as("collected history stays collected").isEmpty();
    advance(Duration.ofMinutes(30));
    ps.collectGarbage();
    ps = reopen(ps, b -> b.dialRetention(Duration.ofHours(1)));
    assertThat(ps.dialHistory(p)).isEmpty();
  }

  @Test
  void restoreReplacesTheHistoryAndRecomputesTheBackoff() {
    Peerstore ps = exact();
    Peerstore other = exact();
    PeerId p = TestPeer.generate().id();
    PeerId q = TestPeer.generate().id();
    ps.recordDialAttempt(p, addr(1));
    ps.recordDialFailure(p, addr(1), "x");
    ps.recordDialFailure(p, addr(2), "y");
    DialHistory h = history(ps, p);
    other.recordDialSuccess(p, addr(3));
    other.restoreDialHistory(h);
    assertThat(other.dialHistory(p)).contains(h);
    assertThat(other.backoffUntil(p)).contains(clock().instant().plusSeconds(2));
    // backoffUntil as given is ignored: recomputed from the last failure and the count.
    DialEntry e = h.entry();
    DialHistory forged = new DialHistory(q, new DialEntry(e.firstSeen(), e.lastSeen(),
        e.lastAttempt(), e.lastSuccess(), e.lastFailure(), e.lastFailureReason(), e.attempts(),
        e.consecutiveFailures(), Optional.of(clock().instant().plusSeconds(999))), java.util.Map.of());
    other.restoreDialHistory(forged);
    assertThat(other.backoffUntil(q)).contains(clock().instant().plusSeconds(2));
    assertThat(other.peersWithDialHistory()).containsExactlyInAnyOrder(p, q);
    assertThatThrownBy(() -> other.peersWithDialHistory().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void restoreRefusesHistoriesThatBreakABoundAndChangesNothing() {
    Peerstore ps = open();
    PeerId p = TestPeer.generate().id();
    PeerId q = TestPeer.generate().id();
    Instant now = clock().instant();
    DialEntry ok = new DialEntry(now, now, Optional.empty(), Optional.empty(), Optional.empty(),
        "", 0, 0, Optional.empty());
    DialEntry backwards = new DialEntry(now, now.minusSeconds(1), Optional.empty(),
        Optional.empty(), Optional.empty(), "", 0, 0, Optional.empty());
    DialEntry negative = new DialEntry(now, now, Optional.empty(), Optional.empty(),
        Optional.empty(), "", -1, 0, Optional.empty());
    DialEntry longReason = new DialEntry(now, now, Optional.empty(), Optional.empty(),
        Optional.of(now), "r".repeat(DialBook.MAX_REASON_BYTES + 1), 0, 1, Optional.empty());
    java.util.Map<Multiaddr, DialEntry> tooMany = new java.util.LinkedHashMap<>();
    for (int i = 0; i <= DialBook.MAX_ADDRS_PER_PEER; i++) {
      tooMany.put(addr(i), ok);
    }
    Multiaddr otherPeers = addr(1).encapsulate(Multiaddr.fromString("/p2p/" + q));
    for (DialHistory bad : List.of(new DialHistory(p, backwards, java.util.Map.of()),
        new DialHistory(p, negative, java.util.Map.of()),
        new DialHistory(p, longReason, java.util.Map.of()),
        new DialHistory(p, ok, tooMany),
        new DialHistory(p, ok, java.util.Map.of(otherPeers, ok)))) {
      assertThatThrownBy(() -> ps.restoreDialHistory(bad))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(ps.dialHistory(p)).isEmpty();
    assertThat(ps.peersWithDialHistory()).isEmpty();
  }

  @Test
  void peersWithDialHistoryLeavesOutHistoriesPastTheRetention() {
    Peerstore ps = open(b -> b.dialRetention(Duration.ofHours(1)));
    PeerId old = TestPeer.generate().id();
    PeerId recent = TestPeer.generate().id();
    ps.recordConnected(old);
    advance(Duration.ofMinutes(30));
    ps.recordConnected(recent);
    advance(Duration.ofMinutes(30));
    assertThat(ps.peersWithDialHistory()).containsExactly(recent);
  }
}
