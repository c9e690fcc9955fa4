package org.peerstore.rocksdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.peerstore.conformance.Linearizability;

/**
 * One {@link RocksPeerstore} (cache on, default size) shared by every Lincheck invocation of a
 * test class: opening RocksDB per invocation would cost more than the checks. The
 * linearizability base classes empty their peers' books at each invocation, so a shared store
 * behaves as a fresh one for them. Not thread-safe: used from the JUnit thread.
 */
final class SharedRocksStore {
  private SharedRocksStore() {}

  private static Path dir;
  private static RocksPeerstore store;

  /** The shared store, opened on first use. */
  static synchronized RocksPeerstore get() {
    if (store == null) {
      try {
        dir = Files.createTempDirectory("peerstore-lincheck-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      store = Linearizability.configure(RocksPeerstore.builder(dir)).build();
    }
    return store;
  }

  /** Closes the shared store and deletes its directory. */
  static synchronized void close() throws IOException {
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
