package org.peerstore.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.AddrTtl;
import org.peerstore.conformance.Addrs;
import org.peerstore.conformance.MutableClock;
import org.peerstore.conformance.PeerstoreConformanceSuite;
import org.peerstore.conformance.TestPeer;
import org.peerstore.peer.PeerId;

/**
 * A process killed with addresses at the connected ttl (docs/CONTRACT.md §11): those
 * addresses used to stay "connected" (never expiring) forever, through every gc and every
 * later run. A store opened afterwards, and offline gc, treat them as disconnected: they get
 * {@link AddrTtl#RECENTLY_CONNECTED} from the open (or the gc) and then expire; permanent
 * addresses stay.
 */
class ConnectedAfterCrashTest {
  private static final int PEERS = 20;
  private static final Instant CRASH = PeerstoreConformanceSuite.START;

  @TempDir Path dir;

  private final List<PeerId> peers = new ArrayList<>();

  @BeforeEach
  void crashWhileConnected() throws Exception {
    List<String> args = new ArrayList<>(List.of(dir.toString(), CRASH.toString()));
    for (int i = 0; i < PEERS; i++) {
      PeerId p = TestPeer.generate().id();
      peers.add(p);
      args.add(p.toString());
    }
    Process child = ChildJvm.start(ConnectedHolderMain.class, args.toArray(String[]::new));
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("READY");
      child.destroyForcibly();
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void aReopenedStoreTreatsThemAsDisconnected() {
    MutableClock clock = new MutableClock(CRASH.plus(Duration.ofDays(3)));
    try (RocksPeerstore store = RocksPeerstore.builder(dir).clock(clock)
        .gcInterval(Duration.ZERO).build()) {
      for (PeerId p : peers) {
        assertThat(store.addrs(p)).containsExactlyInAnyOrder(Addrs.addr(1), Addrs.addr(2));
      }
      clock.advance(AddrTtl.RECENTLY_CONNECTED.minusNanos(1));
      assertThat(store.addrs(peers.get(0))).hasSize(2);
      clock.advance(Duration.ofNanos(1));
      for (PeerId p : peers) {
        assertThat(store.addrs(p)).containsExactly(Addrs.addr(2));
      }
      assertThat(store.collectGarbage()).isEqualTo(PEERS);
    }
    try (RocksPeerstore store = RocksPeerstore.builder(dir).clock(clock)
        .gcInterval(Duration.ZERO).build()) {
      assertThat(store.addrs(peers.get(0))).containsExactly(Addrs.addr(2));
    }
  }

  @Test
  void offlineGcTreatsThemTheSameWay() {
    Instant later = CRASH.plus(Duration.ofDays(3));
    try (RocksMaintenance m = RocksMaintenance.open(dir)) {
      assertThat(m.releaseConnections(later)).isEqualTo(PEERS);
      assertThat(m.collectGarbage(later.plus(AddrTtl.RECENTLY_CONNECTED),
          MaintenanceProgress.NONE).expiredAddrs()).isEqualTo(PEERS);
      assertThat(m.verify(MaintenanceProgress.NONE)).isEmpty();
    }
    MutableClock clock = new MutableClock(later.plus(AddrTtl.RECENTLY_CONNECTED));
    try (RocksPeerstore store = RocksPeerstore.builder(dir).clock(clock)
        .gcInterval(Duration.ZERO).build()) {
      for (PeerId p : peers) {
        assertThat(store.addrs(p)).containsExactly(Addrs.addr(2));
      }
    }
  }
}
