package org.peerstore.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates daemon threads named {@code prefix + n} (n = 1, 2, …) and remembers them, so that a
 * store's {@code close()} can wait until every thread it started has ended.
 *
 * <p>Thread-safe.
 */
public final class DaemonThreads implements ThreadFactory {
  private final String prefix;
  private final AtomicInteger counter = new AtomicInteger();
  private final List<Thread> threads = new ArrayList<>();

  /**
   * A factory whose threads are named {@code prefix + n}.
   *
   * @param prefix the start of every thread name
   */
  public DaemonThreads(String prefix) {
    this.prefix = Objects.requireNonNull(prefix, "prefix");
  }

  /** The start of every thread name. */
  public String prefix() {
    return prefix;
  }

  /** A new, unstarted daemon thread named {@code prefix + n}. */
  @Override
  public Thread newThread(Runnable r) {
    Thread t = new Thread(r, prefix + counter.incrementAndGet());
    t.setDaemon(true);
    synchronized (threads) {
      threads.removeIf(old -> old.getState() == Thread.State.TERMINATED);
      threads.add(t);
    }
    return t;
  }

  /**
   * Waits until every thread created here has ended, at most {@code timeout} in total.
   *
   * @return whether all have ended
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public boolean joinAll(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Thread> copy;
    synchronized (threads) {
      copy = new ArrayList<>(threads);
    }
    for (Thread t : copy) {
      if (t == Thread.currentThread() || t.getState() == Thread.State.NEW) {
        continue;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      t.join(Math.max(1, left / 1_000_000));
      if (t.isAlive()) {
        return false;
      }
    }
    return true;
  }
}
