package org.peerstore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.peerstore.Peerstore;
import org.peerstore.bench.data.Dataset;
import org.peerstore.peer.PeerId;

/** The churn drives every peer through its life and leaves nothing behind. */
class ChurnDriverTest {
  private static final int PEERS = ChurnDriver.CONNECTED_WINDOW * 2;
  private static final Dataset DATA = Dataset.generate(PEERS, 7);

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(value = Impl.class, names = {"MEMORY", "ROCKSDB", "ROCKSDB_NOCACHE"})
  void everyPeerConnectsDisconnectsExpiresAndIsCollected(Impl impl) {
    List<PeerId> peers = new ArrayList<>();
    for (int i = 0; i < PEERS; i++) {
      peers.add(DATA.peer(i));
    }
    ManualClock clock = new ManualClock();
    long start = clock.nanos();
    try (Peerstore store = StoreConfig.DEFAULTS.open(impl, clock, dir)) {
      ChurnDriver.Result r = ChurnDriver.run(store, clock, peers, DATA.addrLists(10));

      assertThat(r.calls()).isEqualTo((long) PEERS * ChurnDriver.CALLS_PER_PEER);
      assertThat(r.collected()).isEqualTo(PEERS * 10L);
      long simulated = clock.nanos() - start;
      assertThat(r.gcPasses())
          .isEqualTo(
              (long) (PEERS + ChurnDriver.CONNECTED_WINDOW) * ChurnDriver.STEP.toNanos()
                      / ChurnDriver.GC_EVERY.toNanos()
                  + 1);
      assertThat(simulated).isGreaterThan(ChurnDriver.STEP.toNanos() * PEERS);
      assertThat(store.peersWithAddrs()).isEmpty();
    }
  }
}
