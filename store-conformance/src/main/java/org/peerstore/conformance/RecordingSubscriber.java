package org.peerstore.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A {@link Flow.Subscriber} that records what it receives and checks the Reactive Streams rules a
 * publisher must keep: one {@code onSubscribe} first, no {@code onNext} beyond demand, no
 * overlapping signals, nothing after a terminal signal. Breaches are collected in
 * {@link #violations()} rather than thrown, because a throw inside a signal would be swallowed
 * by the publisher.
 *
 * <p>Waiting methods block for an event with a timeout; they never wait for time to pass.
 * Thread-safe.
 *
 * @param <T> the item type
 */
public final class RecordingSubscriber<T> implements Flow.Subscriber<T> {

  /** How long the waiting methods wait for an asynchronous signal by default. */
  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final Object lock = new Object();
  private final List<T> items = new ArrayList<>();
  private final List<String> violations = new ArrayList<>();
  private final CountDownLatch subscribed = new CountDownLatch(1);
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final AtomicInteger inSignal = new AtomicInteger();
  private final long initialRequest;
  private volatile Flow.Subscription subscription;
  private long requested;
  private boolean completed;
  private Throwable error;

  /**
   * A subscriber that requests {@code initialRequest} items as soon as it is subscribed (0 for
   * none, {@link Long#MAX_VALUE} for unbounded).
   */
  public RecordingSubscriber(long initialRequest) {
    if (initialRequest < 0) {
      throw new IllegalArgumentException("negative request: " + initialRequest);
    }
    this.initialRequest = initialRequest;
  }

  /** A subscriber with unbounded demand. */
  public static <T> RecordingSubscriber<T> eager() {
    return new RecordingSubscriber<>(Long.MAX_VALUE);
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    enter("onSubscribe");
    try {
      synchronized (lock) {
        if (subscription != null) {
          violations.add("onSubscribe called twice");
          s.cancel();
          return;
        }
        subscription = s;
      }
      subscribed.countDown();
      if (initialRequest > 0) {
        request(initialRequest);
      }
    } finally {
      exit();
    }
  }

  @Override
  public void onNext(T item) {
    enter("onNext");
    try {
      synchronized (lock) {
        if (subscription == null) {
          violations.add("onNext before onSubscribe: " + item);
        }
        if (completed || error != null) {
          violations.add("onNext after a terminal signal: " + item);
        }
        if (item == null) {
          violations.add("onNext(null)");
        }
        if (items.size() >= requested) {
          violations.add("onNext beyond demand (" + requested + "): " + item);
        }
        items.add(item);
        lock.notifyAll();
      }
    } finally {
      exit();
    }
  }

  @Override
  public void onError(Throwable throwable) {
    enter("onError");
    try {
      synchronized (lock) {
        if (completed || error != null) {
          violations.add("onError after a terminal signal: " + throwable);
        }
        error = throwable;
        lock.notifyAll();
      }
      terminated.countDown();
    } finally {
      exit();
    }
  }

  @Override
  public void onComplete() {
    enter("onComplete");
    try {
      synchronized (lock) {
        if (completed || error != null) {
          violations.add("onComplete after a terminal signal");
        }
        completed = true;
        lock.notifyAll();
      }
      terminated.countDown();
    } finally {
      exit();
    }
  }

  private void enter(String signal) {
    if (inSignal.getAndIncrement() != 0) {
      synchronized (lock) {
        violations.add(signal + " overlapped another signal");
      }
    }
  }

  private void exit() {
    inSignal.decrementAndGet();
  }

  /**
   * Requests {@code n} more items (saturating at {@link Long#MAX_VALUE}).
   *
   * @throws AssertionError if not subscribed within {@link #TIMEOUT}
   */
  public void request(long n) {
    Flow.Subscription s = awaitSubscription();
    synchronized (lock) {
      requested = requested + n < 0 ? Long.MAX_VALUE : requested + n;
    }
    s.request(n);
  }

  /**
   * Cancels the subscription.
   *
   * @throws AssertionError if not subscribed within {@link #TIMEOUT}
   */
  public void cancel() {
    awaitSubscription().cancel();
  }

  /**
   * Waits for {@code onSubscribe}.
   *
   * @throws AssertionError if it does not come within {@link #TIMEOUT}
   */
  public Flow.Subscription awaitSubscription() {
    await(subscribed, "onSubscribe");
    return subscription;
  }

  /**
   * Waits until at least {@code n} items arrived and returns a copy of all received so far.
   *
   * @throws AssertionError if they do not arrive within {@link #TIMEOUT}
   */
  public List<T> awaitItems(int n) {
    return awaitUntil(list -> list.size() >= n, "at least " + n + " items");
  }

  /**
   * Waits until {@code item} arrived and returns a copy of all received so far.
   *
   * @throws AssertionError if it does not arrive within {@link #TIMEOUT}
   */
  public List<T> awaitItem(T item) {
    return awaitUntil(list -> list.contains(item), "item " + item);
  }

  private List<T> awaitUntil(Predicate<List<T>> done, String what) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    synchronized (lock) {
      while (!done.test(items)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("timed out waiting for " + what + "; received " + items
              + (error != null ? ", error " + error : "") + (completed ? ", completed" : ""));
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted waiting for " + what, e);
        }
      }
      return List.copyOf(items);
    }
  }

  /**
   * Waits for {@code onComplete} or {@code onError}.
   *
   * @throws AssertionError if neither comes within {@link #TIMEOUT}
   */
  public void awaitTermination() {
    await(terminated, "onComplete or onError");
  }

  private static void await(CountDownLatch latch, String what) {
    try {
      if (!latch.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("timed out waiting for " + what);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for " + what, e);
    }
  }

  /** A copy of the items received so far, in order. */
  public List<T> items() {
    synchronized (lock) {
      return List.copyOf(items);
    }
  }

  /** Whether {@code onComplete} was received. */
  public boolean isCompleted() {
    synchronized (lock) {
      return completed;
    }
  }

  /** The error received by {@code onError}, or null. */
  public Throwable error() {
    synchronized (lock) {
      return error;
    }
  }

  /** The Reactive Streams rules the publisher broke so far (empty when none). */
  public List<String> violations() {
    synchronized (lock) {
      return List.copyOf(violations);
    }
  }
}
