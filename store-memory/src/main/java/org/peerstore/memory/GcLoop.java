package org.peerstore.memory;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.peerstore.internal.Ttl;

/**
 * The background garbage collection of the memory store: a daemon thread that runs a
 * collection every interval until {@link #stop}. What a collection does is
 * {@link PeerWrites#collect}; this class only schedules it. Thread-safe.
 */
final class GcLoop {
  private static final System.Logger LOG = System.getLogger(MemoryPeerstore.class.getName());

  private final CountDownLatch stop = new CountDownLatch(1);
  private final Thread thread;

  /**
   * Starts a daemon thread named {@code threadName} running {@code collection} every
   * {@code interval}; a zero interval starts nothing.
   */
  GcLoop(Duration interval, String threadName, Runnable collection) {
    if (interval.isZero()) {
      this.thread = null;
    } else {
      long intervalNanos = Ttl.toNanos(interval);
      this.thread = new Thread(() -> run(intervalNanos, collection), threadName);
      this.thread.setDaemon(true);
      this.thread.start();
    }
  }

  /** Stops the thread and joins it for at most {@code timeout} (unless called from it). */
  void stop(Duration timeout) {
    stop.countDown();
    if (thread != null && thread != Thread.currentThread()) {
      try {
        thread.join(timeout.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run(long intervalNanos, Runnable collection) {
    try {
      while (!stop.await(intervalNanos, TimeUnit.NANOSECONDS)) {
        try {
          collection.run();
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "memory peerstore garbage collection failed", e);
        }
      }
    } catch (InterruptedException e) {
      // Interrupted by someone else than close(): stop collecting.
      Thread.currentThread().interrupt();
    }
  }
}
