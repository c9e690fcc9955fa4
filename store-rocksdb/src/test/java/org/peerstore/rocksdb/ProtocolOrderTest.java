package org.peerstore.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerstore.PeerSnapshot;
import org.peerstore.conformance.TestPeer;
import org.peerstore.memory.MemoryPeerstore;
import org.peerstore.peer.PeerId;

/**
 * {@code setProtocols} with the protocols already stored, in another order, stores the new
 * order, as {@link MemoryPeerstore} does: a snapshot lists protocols "in stored order", so the
 * two stores must agree on it (found by the crash test's model comparison: RocksDB kept the
 * old order, treating the call as a no-op).
 */
class ProtocolOrderTest {
  @TempDir Path dir;

  private static List<String> protocols(PeerSnapshot s) {
    return new ArrayList<>(s.protocols());
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1L << 20})
  void setProtocolsInAnotherOrderStoresTheNewOrderLikeTheMemoryStore(long cacheBytes) {
    PeerId p = TestPeer.generate().id();
    List<String> first = List.of("/a", "/b", "/c");
    List<String> reordered = List.of("/c", "/a", "/b");
    try (MemoryPeerstore memory = MemoryPeerstore.builder().gcInterval(Duration.ZERO).build()) {
      memory.setProtocols(p, first);
      memory.setProtocols(p, reordered);
      assertThat(protocols(memory.snapshot(p).orElseThrow())).isEqualTo(reordered);
      assertThat(new ArrayList<>(memory.protocols(p))).isEqualTo(reordered);
    }
    try (RocksPeerstore rocks = RocksPeerstore.builder(dir).gcInterval(Duration.ZERO)
        .cacheSizeBytes(cacheBytes).build()) {
      rocks.setProtocols(p, first);
      rocks.setProtocols(p, reordered);
      assertThat(protocols(rocks.snapshot(p).orElseThrow())).as("snapshot").isEqualTo(reordered);
      assertThat(new ArrayList<>(rocks.protocols(p))).as("protocols()").isEqualTo(reordered);
    }
    try (RocksPeerstore rocks = RocksPeerstore.builder(dir).gcInterval(Duration.ZERO)
        .cacheSizeBytes(cacheBytes).build()) {
      assertThat(protocols(rocks.snapshot(p).orElseThrow())).as("after reopening")
          .isEqualTo(reordered);
    }
  }
}
