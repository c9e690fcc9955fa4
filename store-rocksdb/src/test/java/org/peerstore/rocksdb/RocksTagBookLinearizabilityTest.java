package org.peerstore.rocksdb;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.peerstore.conformance.TagBookLinearizability;

/**
 * Lincheck: {@link RocksPeerstore}'s tag book is linearizable (one shared store, see
 * {@link SharedRocksStore}; every tag write goes through the write path to RocksDB).
 */
public class RocksTagBookLinearizabilityTest extends TagBookLinearizability {

  /** The shared store; the base class removes the tags the operations can make. */
  public RocksTagBookLinearizabilityTest() {
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
