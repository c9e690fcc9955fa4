package org.peerstore.rocksdb;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.conformance.PeerstoreConformanceSuite;
import org.peerstore.conformance.PeerstoreFactory;

/**
 * The whole conformance suite against {@link RocksPeerstore} with {@link Durability#grouped()}
 * (10 ms window) and its cache on: grouped commits change no behaviour of the contract.
 */
class RocksConformanceGroupedTest extends PeerstoreConformanceSuite {
  @TempDir Path root;

  @Override
  protected PeerstoreFactory factory() {
    return new RocksFactory(root, RocksPeerstoreBuilder.DEFAULT_CACHE_SIZE_BYTES,
        b -> b.durability(Durability.grouped()));
  }
}
