package org.peerstore.rocksdb;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed array of locks, one chosen per peer by its hash: every mutation of a peer (and a cache
 * fill of it) holds that peer's lock, so read-modify-write of its state is atomic, while
 * mutations of peers on other stripes run in parallel. Thread-safe.
 */
final class StripedLocks {
  private final ReentrantLock[] locks;

  /** {@code stripes} locks, rounded up to a power of two. */
  StripedLocks(int stripes) {
    int n = Integer.highestOneBit(Math.max(1, stripes - 1)) << 1;
    locks = new ReentrantLock[n];
    for (int i = 0; i < n; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /** The lock of {@code key} (the same object for equal keys). */
  ReentrantLock of(Object key) {
    int h = key.hashCode();
    h ^= h >>> 16;
    return locks[h & (locks.length - 1)];
  }
}
