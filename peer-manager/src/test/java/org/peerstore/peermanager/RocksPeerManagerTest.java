package org.peerstore.peermanager;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.Peerstore;
import org.peerstore.rocksdb.RocksPeerstore;

/** The peer manager on the RocksDB store; bans survive a reopen. */
class RocksPeerManagerTest extends PeerManagerContract {
  @TempDir Path dir;

  @Override
  Peerstore open() {
    return RocksPeerstore.builder(dir).clock(clock).blockCacheSize(1L << 20)
        .writeBufferSize(256L << 10).build();
  }

  @Override
  Peerstore reopen(Peerstore s) {
    s.close();
    return open();
  }

  @Override
  boolean persistent() {
    return true;
  }
}
