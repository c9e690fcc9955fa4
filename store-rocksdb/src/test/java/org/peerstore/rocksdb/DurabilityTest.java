package org.peerstore.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.AddrTtl;
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

  @Test
  void groupedIsRefusedAtBuildNotSilentlyWeakened() {
    RocksPeerstoreBuilder b = RocksPeerstore.builder(dir).durability(Durability.grouped());
    assertThatThrownBy(b::build)
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("GROUPED(10 ms");
    // Nothing was opened: the directory can be used at once.
    try (RocksPeerstore store = RocksPeerstore.builder(dir).build()) {
      assertThat(store.peers()).isEmpty();
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
