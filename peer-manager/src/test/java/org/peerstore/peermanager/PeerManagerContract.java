package org.peerstore.peermanager;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.peerstore.BanTarget;
import org.peerstore.Peerstore;
import org.peerstore.conformance.MutableClock;
import org.peerstore.conformance.TestPeer;
import org.peerstore.peer.PeerId;

/** The peer manager's behaviour, once, run on every store. */
abstract class PeerManagerContract {
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final ManualScheduler scheduler = new ManualScheduler(clock);
  Peerstore store;

  abstract Peerstore open();

  abstract Peerstore reopen(Peerstore s);

  abstract boolean persistent();

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  PeerManager manager() {
    if (store == null) {
      store = open();
    }
    return PeerManager.builder(store).clock(clock).scheduler(scheduler)
        .cooldown(Duration.ofSeconds(3)).validationTimeout(Duration.ofMinutes(1)).storedPools(3)
        .blacklistCapacity(4).build();
  }

  static List<PeerId> peers(int n) {
    List<PeerId> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add(TestPeer.generate().id());
    }
    return l;
  }

  @Test
  void roundRobinWithinAPool() throws Exception {
    PeerManager m = manager();
    List<PeerId> ps = peers(3);
    ps.forEach(p -> m.announced("h1", 10, p));
    List<PeerId> got = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      got.add(m.peer("h1", Duration.ofSeconds(1)).get());
    }
    assertThat(got).containsExactly(ps.get(0), ps.get(1), ps.get(2), ps.get(0), ps.get(1),
        ps.get(2));
    assertThat(m.poolSize("h1")).isEqualTo(3);
  }

  @Test
  void fallsBackToDiscoveredNodes() throws Exception {
    PeerManager m = manager();
    PeerId full = peers(1).get(0);
    m.discovered(full);
    assertThat(m.peer("unknown", Duration.ofSeconds(1)).get()).isEqualTo(full);
  }

  @Test
  void waitsUntilAPeerIsAnnouncedOrTimesOut() throws Exception {
    PeerManager m = manager();
    CompletableFuture<PeerId> f = m.peer("h1", Duration.ofSeconds(5));
    assertThat(f).isNotDone();
    PeerId p = peers(1).get(0);
    m.announced("h1", 1, p);
    assertThat(f).isCompletedWithValue(p);
    CompletableFuture<PeerId> g = m.peer("h2", Duration.ofSeconds(5));
    scheduler.advance(Duration.ofSeconds(4));
    assertThat(g).isNotDone();
    scheduler.advance(Duration.ofSeconds(1));
    Assertions.assertThatThrownBy(g::get).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(TimeoutException.class);
  }

  @Test
  void cooldownReturnsAfterTheConfiguredTime() throws Exception {
    PeerManager m = manager();
    PeerId p = peers(1).get(0);
    m.announced("h1", 1, p);
    assertThat(m.peer("h1", Duration.ofSeconds(10)).get()).isEqualTo(p);
    m.release(p, Result.COOLDOWN);
    CompletableFuture<PeerId> f = m.peer("h1", Duration.ofSeconds(10));
    scheduler.advance(Duration.ofSeconds(2));
    assertThat(f).isNotDone();
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(f).isCompletedWithValue(p);
    m.release(p, Result.NONE);
    assertThat(m.peer("h1", Duration.ofSeconds(1)).get()).isEqualTo(p);
  }

  @Test
  void blacklistBansWithAReasonAndSurvivesRestart() {
    PeerManager m = manager();
    PeerId p = peers(1).get(0);
    m.announced("h1", 1, p);
    m.release(p, Result.BLACKLIST);
    assertThat(m.poolSize("h1")).isZero();
    assertThat(store.banOf(BanTarget.peer(p))).hasValueSatisfying(
        b -> assertThat(b.reason()).isEqualTo(ShrexPeerManager.MISBEHAVED));
    m.announced("h1", 1, p);
    assertThat(m.poolSize("h1")).isZero();
    if (persistent()) {
      store = reopen(store);
      assertThat(store.isBanned(p)).isTrue();
      PeerManager again = manager();
      again.discovered(p);
      assertThat(again.peer("x", Duration.ofSeconds(1))).isNotDone();
    }
  }

  @Test
  void invalidKeyIsBlacklistedAndItsAnnouncersBanned() {
    PeerManager m = manager();
    List<PeerId> ps = peers(2);
    ps.forEach(p -> m.announced("bad", 1, p));
    m.validate("bad", false);
    assertThat(m.isBlacklisted("bad")).isTrue();
    assertThat(m.poolCount()).isZero();
    assertThat(ps).allMatch(store::isBanned);
    assertThat(m.peer("bad", Duration.ofSeconds(1))).isCompletedExceptionally();
  }

  @Test
  void unvalidatedPoolsDropAfterTheTimeoutAndOldHeightsGo() {
    PeerManager m = manager();
    PeerId p = peers(1).get(0);
    m.announced("unchecked", 1, p);
    m.announced("v1", 1, p);
    m.validate("v1", true);
    scheduler.advance(Duration.ofMinutes(1));
    assertThat(m.isBlacklisted("unchecked")).isTrue();
    assertThat(m.poolSize("v1")).isEqualTo(1);
    for (int h = 2; h <= 4; h++) {
      m.announced("v" + h, h, p);
      m.validate("v" + h, true);
    }
    m.gc();
    assertThat(m.poolSize("v1")).as("below the latest 3 heights").isZero();
    assertThat(m.poolSize("v2")).isEqualTo(1);
    m.announced("v1", 1, p);
    assertThat(m.poolSize("v1")).as("too old to come back").isZero();
  }

  @Test
  void keyBlacklistIsABoundedLru() {
    ShrexPeerManager m = (ShrexPeerManager) manager();
    for (int i = 0; i < 10; i++) {
      m.validate("k" + i, false);
    }
    assertThat(m.blacklistSize()).isEqualTo(4);
    assertThat(m.isBlacklisted("k9")).isTrue();
    assertThat(m.isBlacklisted("k0")).isFalse();
  }
}
