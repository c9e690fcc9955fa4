package org.peerstore.addrbook;

import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.Peerstore;
import org.peerstore.rocksdb.RocksPeerstore;

/** The address book contract on the RocksDB store, persistence cases included. */
class RocksAddressBookTest extends AddressBookContract {
  @TempDir Path root;
  private final Map<Peerstore, Path> dirs = new IdentityHashMap<>();
  private int next;

  private Peerstore open(Path dir) {
    Peerstore s = RocksPeerstore.builder(dir).clock(clock).blockCacheSize(1L << 20)
        .writeBufferSize(256L << 10).build();
    dirs.put(s, dir);
    return s;
  }

  @Override
  Peerstore open() {
    return open(root.resolve("store-" + next++));
  }

  @Override
  Peerstore reopen(Peerstore s) {
    s.close();
    return open(dirs.get(s));
  }

  @Override
  boolean persistent() {
    return true;
  }
}
