package org.peerstore.rocksdb;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.conformance.PeerstoreConformanceSuite;
import org.peerstore.conformance.PeerstoreFactory;

/**
 * The whole conformance suite against {@link RocksPeerstore} with grouped commits of a one
 * minute window and the cache off: nearly every write of a test is still pending when it is
 * read back, so every read (point reads, scans, the write path's loads) must find it among the
 * pending changes (read-your-writes without a cache).
 */
class RocksConformanceGroupedUncachedTest extends PeerstoreConformanceSuite {
  @TempDir Path root;

  @Override
  protected PeerstoreFactory factory() {
    return new RocksFactory(root, 0,
        b -> b.durability(Durability.grouped(Duration.ofMinutes(1), 16L << 20)));
  }
}
