package org.peerstore.rocksdb;

import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.peerstore.Peerstore;
import org.peerstore.PeerstoreBuilder;
import org.peerstore.conformance.PeerstoreFactory;

/**
 * The conformance suite's factory for {@link RocksPeerstore}: each {@link #open} gets a new
 * directory under {@code root}; {@link #reopen} closes a store and opens its directory again.
 */
final class RocksFactory implements PeerstoreFactory {
  private final Path root;
  private final long cacheSizeBytes;
  private final Consumer<RocksPeerstoreBuilder> extra;
  private final Map<Peerstore, Path> dirs = new IdentityHashMap<>();
  private int next;

  /**
   * @param root a directory that outlives every store opened here (a JUnit temp dir)
   * @param cacheSizeBytes the cache budget of every store (0: cache off)
   */
  RocksFactory(Path root, long cacheSizeBytes) {
    this(root, cacheSizeBytes, b -> { });
  }

  /**
   * @param root a directory that outlives every store opened here (a JUnit temp dir)
   * @param cacheSizeBytes the cache budget of every store (0: cache off)
   * @param extra further options of every store (applied before the test's own)
   */
  RocksFactory(Path root, long cacheSizeBytes, Consumer<RocksPeerstoreBuilder> extra) {
    this.root = root;
    this.cacheSizeBytes = cacheSizeBytes;
    this.extra = extra;
  }

  @Override
  public Peerstore open(Consumer<PeerstoreBuilder<?, ?>> options) {
    return open(root.resolve("store-" + next++), options);
  }

  @Override
  public boolean persistent() {
    return true;
  }

  @Override
  public Peerstore reopen(Peerstore closedOrOpen, Consumer<PeerstoreBuilder<?, ?>> options) {
    Path dir = dirs.get(closedOrOpen);
    if (dir == null) {
      throw new IllegalArgumentException("not a store of this factory: " + closedOrOpen);
    }
    closedOrOpen.close();
    return open(dir, options);
  }

  private Peerstore open(Path dir, Consumer<PeerstoreBuilder<?, ?>> options) {
    RocksPeerstoreBuilder b =
        RocksPeerstore.builder(dir)
            .cacheSizeBytes(cacheSizeBytes)
            // Small RocksDB memory so that the many stores of a test run stay light.
            .blockCacheSize(1L << 20)
            .writeBufferSize(256L << 10);
    extra.accept(b);
    options.accept(b);
    RocksPeerstore store = b.build();
    dirs.put(store, dir);
    return store;
  }
}
