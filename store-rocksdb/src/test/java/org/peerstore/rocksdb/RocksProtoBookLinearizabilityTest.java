package org.peerstore.rocksdb;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.peerstore.conformance.ProtoBookLinearizability;

/**
 * Lincheck: {@link RocksPeerstore}'s protocol book is linearizable with the cache on (one shared store,
 * see {@link SharedRocksStore}).
 */
public class RocksProtoBookLinearizabilityTest extends ProtoBookLinearizability {

  /** The shared store; the base class empties the test peers' books. */
  public RocksProtoBookLinearizabilityTest() {
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
