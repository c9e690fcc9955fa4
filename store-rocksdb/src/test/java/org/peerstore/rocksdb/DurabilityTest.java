package org.peerstore.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.AddrTtl;
import org.peerstore.BanTarget;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.conformance.Addrs;
import org.peerstore.conformance.TestPeer;

/** The {@code durability} option (docs/CONTRACT.md §18): what each mode sets, and its checks. */
class DurabilityTest {
  @TempDir Path dir;

  @Test
  void walIsTheDefaultAndDoesNotSync() {
    try (RocksPeerstore store = RocksPeerstore.builder(dir).build()) {
      assertThat(store.parts().db.syncsWrites()).isFalse();
    }
  }

  @Test
  void syncFsyncsEveryWriteAndPersists() {
    TestPeer t = TestPeer.generate();
    try (RocksPeerstore store =
        RocksPeerstore.builder(dir).durability(Durability.SYNC).build()) {
      assertThat(store.parts().db.syncsWrites()).isTrue();
      store.addAddr(t.id(), Addrs.addr(1), AddrTtl.PERMANENT);
    }
    try (RocksPeerstore store = RocksPeerstore.builder(dir).build()) {
      assertThat(store.addrs(t.id())).containsExactly(Addrs.addr(1));
    }
  }

  @Test
  @SuppressWarnings("deprecation") // the alias under test
  void syncWritesIsAnAliasAndTheLastCallWins() {
    try (RocksPeerstore store = RocksPeerstore.builder(dir).syncWrites(true).build()) {
      assertThat(store.parts().db.syncsWrites()).isTrue();
    }
    try (RocksPeerstore store = RocksPeerstore.builder(dir)
        .syncWrites(true).durability(Durability.WAL).build()) {
      assertThat(store.parts().db.syncsWrites()).isFalse();
    }
    try (RocksPeerstore store = RocksPeerstore.builder(dir)
        .durability(Durability.SYNC).syncWrites(false).build()) {
      assertThat(store.parts().db.syncsWrites()).isFalse();
    }
  }

  /** Grouped with a one minute window: nothing commits unless flushed, bound or closed. */
  private RocksPeerstore grouped(long cacheBytes, long pendingBytes) {
    return RocksPeerstore.builder(dir).cacheSizeBytes(cacheBytes)
        .durability(Durability.grouped(Duration.ofMinutes(1), pendingBytes)).build();
  }

  /** What a second, read-only open of the running store's directory sees: RocksDB alone. */
  private List<Multiaddr> committedAddrs(PeerId p) {
    try (RocksPeerstore ro = RocksPeerstore.builder(dir).readOnly(true).build()) {
      return ro.addrs(p);
    }
  }

  @Test
  void groupedAcknowledgesFromMemoryAndFlushMakesItDurable() {
    TestPeer t = TestPeer.generate();
    try (RocksPeerstore store = grouped(0, 16L << 20)) {
      assertThat(store.durability().mode()).isEqualTo(Durability.Mode.GROUPED);
      store.addAddr(t.id(), Addrs.addr(1), AddrTtl.PERMANENT);
      store.put(t.id(), "k", "v");
      // Read-your-writes without a cache: the pending changes answer.
      assertThat(store.addrs(t.id())).containsExactly(Addrs.addr(1));
      assertThat(store.get(t.id(), "k")).contains("v");
      assertThat(store.peersWithAddrs()).containsExactly(t.id());
      assertThat(store.parts().db.pendingBytes()).isPositive();
      assertThat(committedAddrs(t.id())).as("not in RocksDB before the window").isEmpty();
      store.flush();
      assertThat(store.parts().db.pendingBytes()).isZero();
      assertThat(committedAddrs(t.id())).containsExactly(Addrs.addr(1));
    }
  }

  @Test
  void groupedCloseCommitsEverythingPending() {
    TestPeer t = TestPeer.generate();
    try (RocksPeerstore store = grouped(RocksPeerstoreBuilder.DEFAULT_CACHE_SIZE_BYTES, 1 << 20)) {
      store.addAddrs(t.id(), List.of(Addrs.addr(1), Addrs.addr(2)), AddrTtl.PERMANENT);
      store.addProtocols(t.id(), List.of("/a/1"));
      store.ban(BanTarget.peer(t.id()), "test", Duration.ofHours(1));
    }
    try (RocksPeerstore store = RocksPeerstore.builder(dir).build()) {
      assertThat(store.addrs(t.id())).containsExactlyInAnyOrder(Addrs.addr(1), Addrs.addr(2));
      assertThat(store.protocols(t.id())).containsExactly("/a/1");
      assertThat(store.peersWithProtocol("/a/1")).containsExactly(t.id());
      assertThat(store.isBanned(t.id())).isTrue();
    }
  }

  @Test
  void groupedRemovePeerAlsoDeletesChangesStillPending() {
    TestPeer t = TestPeer.generate();
    try (RocksPeerstore store = grouped(0, 16L << 20)) {
      store.addAddr(t.id(), Addrs.addr(1), AddrTtl.PERMANENT);
      store.flush();
      store.put(t.id(), "pending", "v"); // only among the pending changes
      store.addProtocols(t.id(), List.of("/a/1"));
      store.removePeer(t.id());
      store.clearAddrs(t.id());
      assertThat(store.peers()).isEmpty();
      assertThat(store.get(t.id(), "pending")).isEmpty();
    }
    try (RocksPeerstore store = RocksPeerstore.builder(dir).build()) {
      assertThat(store.peers()).isEmpty();
      assertThat(store.get(t.id(), "pending")).isEmpty();
      assertThat(store.peersWithProtocol("/a/1")).isEmpty();
    }
  }

  @Test
  void groupedPendingChangesStayBoundedUnderConcurrentWriters() throws Exception {
    long bound = 8 << 10;
    int threads = 4;
    int perThread = 500;
    List<TestPeer> peers = new ArrayList<>();
    for (int i = 0; i < threads * perThread; i++) {
      peers.add(TestPeer.generate());
    }
    long[] maxPending = {0};
    try (RocksPeerstore store = grouped(0, bound)) {
      AtomicBoolean writing = new AtomicBoolean(true);
      Thread sampler = new Thread(() -> {
        while (writing.get()) {
          maxPending[0] = Math.max(maxPending[0], store.parts().db.pendingBytes());
          Thread.onSpinWait();
        }
      });
      sampler.start();
      List<Thread> writers = new ArrayList<>();
      for (int w = 0; w < threads; w++) {
        int from = w * perThread;
        writers.add(new Thread(() -> {
          for (int i = from; i < from + perThread; i++) {
            store.addAddrs(peers.get(i).id(), List.of(Addrs.addr(i % 200), Addrs.addr(7)),
                AddrTtl.PERMANENT);
          }
        }));
      }
      writers.forEach(Thread::start);
      for (Thread w : writers) {
        w.join();
      }
      writing.set(false);
      sampler.join();
      // The bound cut the layers (the window is a minute): many commits, none waited for.
      assertThat(store.parts().db.groupCommits()).isGreaterThan(10);
    }
    // The active layer exceeds the bound by at most one operation per writer (each well under
    // 1 KiB here), and at most the layer being committed is held beside it.
    assertThat(maxPending[0]).isLessThanOrEqualTo(2 * (bound + threads * 1024L));
    try (RocksPeerstore store = RocksPeerstore.builder(dir).build()) {
      assertThat(store.peersWithAddrs()).hasSize(threads * perThread);
    }
  }

  @Test
  void groupedWritesAfterCloseThrowLikeEveryOtherCall() {
    RocksPeerstore store = grouped(0, 1 << 20);
    store.close();
    assertThatThrownBy(() -> store.addAddr(TestPeer.generate().id(), Addrs.addr(1),
        AddrTtl.PERMANENT)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(store::flush).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void flushReturnsAtOnceInTheSynchronousModes() {
    TestPeer t = TestPeer.generate();
    try (RocksPeerstore store = RocksPeerstore.builder(dir).build()) {
      store.addAddr(t.id(), Addrs.addr(1), AddrTtl.PERMANENT);
      assertThat(store.parts().db.pendingBytes()).isZero();
      store.flush();
      assertThat(committedAddrs(t.id())).containsExactly(Addrs.addr(1));
    }
  }

  @Test
  void groupedDefaultsAndBounds() {
    Durability g = Durability.grouped();
    assertThat(g.mode()).isEqualTo(Durability.Mode.GROUPED);
    assertThat(g.window()).isEqualTo(Duration.ofMillis(10));
    assertThat(g.pendingBytes()).isEqualTo(Durability.DEFAULT_PENDING_BYTES);
    assertThat(g).isEqualTo(Durability.grouped(Duration.ofMillis(10), 16L << 20));
    assertThat(Durability.WAL.window()).isEqualTo(Duration.ZERO);
    assertThatThrownBy(() -> Durability.grouped(Duration.ZERO, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Durability.grouped(Duration.ofMinutes(2), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Durability.grouped(Duration.ofMillis(5), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Durability.grouped(null, 1))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> RocksPeerstore.builder(dir).durability(null))
        .isInstanceOf(NullPointerException.class);
  }
}
