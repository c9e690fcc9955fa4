package org.peerstore.rocksdb;

import java.util.Deque;
import org.peerstore.StorageException;
import org.rocksdb.RocksDB;
import org.jspecify.annotations.Nullable;

/**
 * The one way this package releases RocksDB native objects: each is pushed on a stack when it
 * is created and closed in reverse order of creation, also when opening fails half-way. Used by
 * {@link StoreOpen} for the running store and offline maintenance alike. Not thread-safe; the
 * stack belongs to its opener.
 */
final class NativeResources {
  private NativeResources() {}

  /** Pushes {@code resource} on {@code resources} and returns it. */
  static <T extends AutoCloseable> T push(Deque<AutoCloseable> resources, T resource) {
    resources.push(resource);
    return resource;
  }

  /**
   * Closes everything on {@code resources}, newest first. Failures are added to
   * {@code primary} when one is given (an open that failed), else thrown together.
   *
   * @throws StorageException if something failed to close and there is no {@code primary}
   */
  static void closeAll(Deque<AutoCloseable> resources, @Nullable Throwable primary) {
    StorageException failure = null;
    while (!resources.isEmpty()) {
      AutoCloseable resource = resources.pop();
      try {
        if (resource instanceof RocksDB db) {
          // closeE reports a failed shutdown (e.g. an unsynced WAL), which close() would hide.
          db.closeE();
        } else {
          resource.close();
        }
      } catch (Exception e) {
        if (primary != null) {
          primary.addSuppressed(e);
        } else if (failure == null) {
          failure = new StorageException("closing the store failed: " + e, e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
