package org.peerstore.rocksdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.Peerstore;
import org.peerstore.PeerstoreBuilder;
import org.peerstore.conformance.HostileGossip;

/**
 * The hostile-gossip test on {@link RocksPeerstore} with its defaults (cache on, no global
 * caps): heap and the database directory's size stay bounded. {@code
 * -Dpeerstore.gossip.cacheBytes=N} sets the cache budget (default: the store's 64 MiB), to tell
 * the cache's share of the heap from the rest.
 */
class RocksHostileGossipTest extends HostileGossip {

  @TempDir
  Path dir;

  @Override
  protected Peerstore open(Consumer<PeerstoreBuilder<?, ?>> options) {
    RocksPeerstoreBuilder b = RocksPeerstore.builder(dir.resolve("store"));
    Long cache = Long.getLong("peerstore.gossip.cacheBytes");
    if (cache != null) {
      b.cacheSizeBytes(cache);
    }
    options.accept(b);
    return b.build();
  }

  /** The decoded-state cache fills toward its budget as more distinct peers are seen. */
  @Override
  protected long cacheBudgetBytes() {
    return Long.getLong(
        "peerstore.gossip.cacheBytes", RocksPeerstoreBuilder.DEFAULT_CACHE_SIZE_BYTES);
  }

  @Override
  protected long diskBytes(Peerstore store) {
    try (Stream<Path> files = Files.walk(((RocksPeerstore) store).directory())) {
      return files.filter(Files::isRegularFile).mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (IOException e) {
          return 0; // a file RocksDB deleted meanwhile
        }
      }).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
