package org.peerstore.rocksdb;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.peerstore.conformance.BanBookLinearizability;

/**
 * Lincheck: {@link RocksPeerstore}'s ban book is linearizable (one shared store, see
 * {@link SharedRocksStore}; every ban and unban writes RocksDB).
 */
public class RocksBanBookLinearizabilityTest extends BanBookLinearizability {

  /** The shared store; the base class lifts the bans the operations can make. */
  public RocksBanBookLinearizabilityTest() {
    super(SharedRocksStore.DEFAULT.get());
  }

  /** RocksDB calls are slow under the model checker: fewer scenarios in the default build. */
  @Override
  protected int modelCheckingScenarios() {
    return 1;
  }

  @AfterAll
  static void closeStore() throws IOException {
    SharedRocksStore.DEFAULT.close();
  }
}
