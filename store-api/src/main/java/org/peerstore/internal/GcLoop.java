package org.peerstore.internal;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The background garbage collection every store runs (docs/CONTRACT.md §3): one daemon thread
 * that runs a collection every interval until {@link #stop}. What a collection does is the
 * store's; this class only schedules it, counts what it removed and logs the first failure
 * (later ones are not logged, so a broken disk does not flood the log). A collection that
 * meets a closing store ({@link IllegalStateException}) ends quietly. Thread-safe.
 */
public final class GcLoop {
  private final CountDownLatch stop = new CountDownLatch(1);
  private final AtomicLong collected = new AtomicLong();
  private final AtomicLong runs = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  /** Looked up when logging, not held: a logger drags JDK internals into the store graph. */
  private final String loggerName;
  private final String storeName;
  private final Thread thread;
  private volatile boolean failureLogged;

  /**
   * Starts a daemon thread named {@code threadName} running {@code collection} (which returns
   * how many entries it removed) every {@code interval}; a zero interval starts nothing.
   *
   * @param loggerName the {@link System.Logger} the loop logs to (the store's)
   * @param storeName how log lines name the store (e.g. its directory)
   */
  public GcLoop(Duration interval, String threadName, String loggerName, String storeName,
      LongSupplier collection) {
    this.loggerName = loggerName;
    this.storeName = storeName;
    if (interval.isZero()) {
      this.thread = null;
    } else {
      long intervalNanos = Ttl.toNanos(interval);
      this.thread = new Thread(() -> run(intervalNanos, collection), threadName);
      this.thread.setDaemon(true);
      this.thread.start();
    }
  }

  /** How many entries the background collections removed so far. */
  public long collected() {
    return collected.get();
  }

  /** How many background collections completed so far (successfully or not). */
  public long runs() {
    return runs.get();
  }

  /** How many background collections failed so far (each is also counted in {@link #runs}). */
  public long failures() {
    return failures.get();
  }

  /**
   * Stops the thread and joins it for at most {@code timeout} (unless called from it).
   *
   * @return false if the thread was still running when the timeout passed
   */
  public boolean stop(Duration timeout) {
    stop.countDown();
    if (thread == null || thread == Thread.currentThread()) {
      return true;
    }
    try {
      thread.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return !thread.isAlive();
  }

  private void run(long intervalNanos, LongSupplier collection) {
    try {
      while (!stop.await(intervalNanos, TimeUnit.NANOSECONDS)) {
        try {
          long removed = collection.getAsLong();
          collected.addAndGet(removed);
          runs.incrementAndGet();
          if (removed > 0) {
            System.getLogger(loggerName).log(Level.DEBUG, "peerstore {0}: removed {1} expired entries", storeName, removed);
          }
        } catch (IllegalStateException closing) {
          return;
        } catch (RuntimeException e) {
          failures.incrementAndGet();
          runs.incrementAndGet();
          if (!failureLogged) {
            failureLogged = true;
            System.getLogger(loggerName).log(Level.WARNING, "peerstore " + storeName + ": background garbage collection"
                + " failed (later failures are not logged)", e);
          }
        }
      }
    } catch (InterruptedException e) {
      // Interrupted by someone else than stop(): stop collecting.
      Thread.currentThread().interrupt();
    }
  }
}
