package org.peerstore.rocksdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.peerstore.conformance.Linearizability;

/**
 * One {@link RocksPeerstore} shared by every Lincheck invocation of a test class: opening
 * RocksDB per invocation would cost more than the checks. The linearizability base classes
 * empty their peers' books at each invocation, so a shared store behaves as a fresh one for
 * them. Each instance opens its store (with {@link Linearizability#configure} and its own
 * options) on first use, in a temporary directory deleted on {@link #close}. Not thread-safe
 * beyond its synchronized methods: used from the JUnit thread.
 */
final class SharedRocksStore {
  /** The store with the cache on, at its default size. */
  static final SharedRocksStore DEFAULT = new SharedRocksStore(b -> b);

  private final UnaryOperator<RocksPeerstoreBuilder> options;
  private Path dir;
  private RocksPeerstore store;

  /** A shared store opened with {@code options} applied after the Lincheck configuration. */
  SharedRocksStore(UnaryOperator<RocksPeerstoreBuilder> options) {
    this.options = options;
  }

  /** The shared store, opened on first use. */
  synchronized RocksPeerstore get() {
    if (store == null) {
      try {
        dir = Files.createTempDirectory("peerstore-lincheck-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      store = options.apply(Linearizability.configure(RocksPeerstore.builder(dir))).build();
    }
    return store;
  }

  /** Closes the shared store and deletes its directory. */
  synchronized void close() throws IOException {
    if (store != null) {
      store.close();
      store = null;
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
          Files.delete(f);
        }
      }
    }
  }
}
