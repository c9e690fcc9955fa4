package org.peerstore.rocksdb;

import java.io.IOException;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.AfterAll;
import org.peerstore.conformance.ProtoBookLinearizability;

/**
 * Lincheck: {@link RocksPeerstore}'s protocol book stays linearizable when the cache holds one
 * peer only, so nearly every write or fill of one test peer evicts the other: Caffeine's
 * eviction listener then races with the writers' two puts (read map, then Caffeine) under the
 * model checker. After every invocation the cache's two maps must hold the same entries
 * ({@link #mapsAgree}), so a read map that kept an entry Caffeine evicted fails the test even
 * when no read observed it.
 *
 * <p>Checked by breaking the code on purpose: without the eviction listener, and with a
 * writer's puts in the other order (Caffeine first), both the stress and the model-checking
 * runs fail. An unconditional remove in the listener needs a narrower interleaving, which the
 * default build's single model-checking scenario did not reach.
 */
public class RocksProtoBookEvictingLinearizabilityTest extends ProtoBookLinearizability {

  /** Room for one test peer with its protocols (base weight plus the protocols), not two. */
  static final long ONE_PEER_BYTES = PeerState.BASE_WEIGHT + 150;

  private static final SharedRocksStore SHARED =
      new SharedRocksStore(b -> b.cacheSizeBytes(ONE_PEER_BYTES));

  /** The shared one-peer-cache store; the base class empties the test peers' books. */
  public RocksProtoBookEvictingLinearizabilityTest() {
    super(SHARED.get());
  }

  /** RocksDB calls are slow under the model checker: fewer scenarios in the default build. */
  @Override
  protected int modelCheckingScenarios() {
    return 1;
  }

  /**
   * After each invocation: the read map and the Caffeine policy hold the same entries.
   *
   * @throws IllegalStateException if they differ
   */
  @Validate
  public void mapsAgree() {
    if (!SHARED.get().parts().cacheMapsAgree()) {
      throw new IllegalStateException("the cache's read map and its policy hold different entries");
    }
  }

  @AfterAll
  static void closeStore() throws IOException {
    SHARED.close();
  }
}
