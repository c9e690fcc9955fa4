package org.peerstore.rocksdb;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The earliest expiry written to the {@code expiry} index since the garbage collector last
 * looked: writers {@link #note} the expiry of every index entry they committed, and the
 * collector {@link #take}s the minimum when a pass starts, so a pass that resumes where the
 * previous one ended also sees entries written behind it (a writer that read the clock before
 * the previous pass did, or a clock that went back).
 *
 * <p>Thread-safe. A note costs one volatile read unless it lowers the minimum.
 */
final class ExpiryWatermark {
  private final AtomicLong min = new AtomicLong(Long.MAX_VALUE);

  /** Records that an index entry with {@code expiryNanos} was committed. */
  void note(long expiryNanos) {
    // A strong CAS that retries only when another writer lowered the minimum meanwhile.
    long current = min.get();
    while (expiryNanos < current) {
      if (min.compareAndSet(current, expiryNanos)) {
        return;
      }
      current = min.get();
    }
  }

  /** The earliest expiry noted since the last call ({@code Long.MAX_VALUE}: none), and resets. */
  long take() {
    return min.getAndSet(Long.MAX_VALUE);
  }
}
