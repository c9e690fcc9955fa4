package org.peerstore.rocksdb;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.conformance.PeerstoreConformanceSuite;
import org.peerstore.conformance.PeerstoreFactory;

/**
 * The whole conformance suite against {@link RocksPeerstore} with its private keys encrypted
 * ({@code privateKeyProtection}; cheap Argon2 parameters) and the cache off, so that every
 * private-key read decrypts: encryption changes no behaviour of the contract.
 */
class RocksConformanceProtectedTest extends PeerstoreConformanceSuite {
  @TempDir Path root;

  @Override
  protected PeerstoreFactory factory() {
    return new RocksFactory(root, 0, b -> b
        .privateKeyProtection("conformance".toCharArray())
        .keyProtectionParams(KeyProtectionTest.CHEAP));
  }
}
