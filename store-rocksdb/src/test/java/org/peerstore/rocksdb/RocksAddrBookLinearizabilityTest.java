package org.peerstore.rocksdb;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.peerstore.conformance.AddrBookLinearizability;

/**
 * Lincheck: {@link RocksPeerstore}'s address book is linearizable with the cache on (one shared store,
 * see {@link SharedRocksStore}).
 */
public class RocksAddrBookLinearizabilityTest extends AddrBookLinearizability {

  /** The shared store; the base class empties the test peers' books. */
  public RocksAddrBookLinearizabilityTest() {
    super(SharedRocksStore.DEFAULT.get());
  }

  /** RocksDB calls are slow under the model checker: fewer scenarios in the default build. */
  @Override
  protected int modelCheckingScenarios() {
    return 1;
  }

  /** Each explored interleaving costs RocksDB calls and signature checks: fewer of them. */
  @Override
  protected int modelCheckingInvocations() {
    return 20;
  }

  @AfterAll
  static void closeStore() throws IOException {
    SharedRocksStore.DEFAULT.close();
  }
}
