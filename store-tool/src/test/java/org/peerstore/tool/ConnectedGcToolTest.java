package org.peerstore.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.AddrTtl;
import org.peerstore.conformance.TestPeer;
import org.peerstore.rocksdb.RocksPeerstore;

/**
 * {@code gc} on a closed store that still holds addresses at the connected ttl: no process
 * holds those connections, so gc treats them as disconnected, as a reopened store does
 * (docs/CONTRACT.md §11), and a later gc removes them once recently-connected has passed.
 */
class ConnectedGcToolTest {
  private final Fixture fx = new Fixture();

  @TempDir
  Path tmp;

  @Test
  void gcTreatsConnectedAddressesOfAClosedStoreAsDisconnected() {
    Path dir = tmp.resolve("store");
    List<TestPeer> peers;
    try (RocksPeerstore ps = fx.open(dir)) {
      peers = fx.populate(ps, 6);
    }
    Tool.Run r = Tool.run(fx.clock, "gc", "--db", dir.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("gc: 6 peers had addresses at the connected ttl");
    fx.clock.advance(AddrTtl.RECENTLY_CONNECTED);
    Tool.Run later = Tool.run(fx.clock, "gc", "--db", dir.toString());
    assertThat(later.code()).as(later.toString()).isZero();
    assertThat(later.out()).doesNotContain("connected ttl")
        // each peer: its one-minute and its (formerly connected) address
        .contains("gc: removed 12 expired addresses of 6 peers");
    try (RocksPeerstore ps = fx.open(dir)) {
      for (int i = 0; i < peers.size(); i++) {
        assertThat(ps.addrs(peers.get(i).id())).doesNotContain(Fixture.addr(i, 2))
            .contains(Fixture.addr(i, 1));
      }
    }
  }
}
