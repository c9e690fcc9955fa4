package org.peerstore.rocksdb;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.peerstore.internal.OpenGuard;

/**
 * Keeps native RocksDB objects from being used after they are freed: every call that touches
 * RocksDB holds a {@link Use} (a read lock) and {@link #close} frees the natives under the
 * write lock, after the last use has ended. A use of a freed handle would crash the JVM, not
 * just throw. Calls that touch no RocksDB API (cache hits) only check {@link #checkOpen}.
 *
 * <p>Thread-safe. A thread must not call {@link #close} while it holds a {@link Use}.
 */
final class UseGuard {
  private final OpenGuard open = new OpenGuard();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  /** A held permission to use the natives; release with {@link #close()}. */
  final class Use implements AutoCloseable {
    private Use() {}

    /** Releases the permission. */
    @Override
    public void close() {
      lock.readLock().unlock();
    }
  }

  /**
   * Returns normally while the store is open.
   *
   * @throws IllegalStateException once the store is closed
   */
  void checkOpen() {
    open.checkOpen();
  }

  /** Whether the store was closed. */
  boolean isClosed() {
    return open.isClosed();
  }

  /**
   * Takes a permission to use the natives.
   *
   * @throws IllegalStateException if the store is closed or closing
   */
  Use enter() {
    lock.readLock().lock();
    if (open.isClosed()) {
      lock.readLock().unlock();
      open.checkOpen();
    }
    return new Use();
  }

  /**
   * Closes: marks closed (new uses fail), runs {@code beforeFree} (stop background work) without
   * the lock, waits for the uses in flight to end and runs {@code free} under the write lock.
   * Only the first call does anything.
   *
   * @return whether this call closed the store
   */
  boolean close(Runnable beforeFree, Runnable free) {
    if (!open.close()) {
      return false;
    }
    beforeFree.run();
    lock.writeLock().lock();
    try {
      free.run();
    } finally {
      lock.writeLock().unlock();
    }
    return true;
  }
}
