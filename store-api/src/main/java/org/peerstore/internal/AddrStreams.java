package org.peerstore.internal;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

/**
 * The fan-out behind {@code addrStream(p)} (docs/CONTRACT.md §3), used as is by both stores.
 *
 * <p>A subscriber of {@link #publisher} first receives the peer's addresses at subscription
 * time, then every address later {@linkplain #publish published} for that peer, never the same
 * address twice on one subscription. It works for a peer without addresses. Each subscription
 * buffers without bound (one queue entry and one remembered address per distinct address), so
 * {@link #publish} never blocks and never runs subscriber code: it only enqueues. Signals are
 * delivered serially per subscription, honouring {@code request(n)}, on a small pool of daemon
 * threads named {@code threadNamePrefix + n}; a subscriber that blocks in {@code onNext} holds
 * one of them. {@code cancel()} ends a subscription; {@link #close()} completes every one
 * (addresses still buffered without demand are dropped) and is idempotent. Subscribing after
 * close completes at once.
 *
 * <p>Ordering with the store: {@link #publisher} registers a subscription <em>before</em> it
 * reads the current addresses, and addresses published meanwhile are delivered after the
 * current ones, so a store publishes {@link AddrChange#inserted()} after its change is
 * visible to readers (after releasing the peer's lock) and nothing is missed.
 *
 * <p>Thread-safe.
 */
public final class AddrStreams implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(AddrStreams.class.getName());
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final ConcurrentHashMap<PeerId, Set<Sub>> subs = new ConcurrentHashMap<>();
  private final DaemonThreads threads;
  private final Executor executor;
  /** The executor when this fan-out owns it (always, except in tests); null otherwise. */
  private final @Nullable ThreadPoolExecutor pool;
  private volatile boolean closed;

  /**
   * Fan-out with delivery threads named {@code threadNamePrefix + n}, started on demand and
   * ended after some idle time.
   */
  public AddrStreams(String threadNamePrefix) {
    this.threads = new DaemonThreads(threadNamePrefix);
    int n = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
    this.pool = new ThreadPoolExecutor(
        n, n, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
    this.pool.allowCoreThreadTimeOut(true);
    this.executor = pool;
  }

  /** Fan-out delivering on {@code executor} (tests use a direct one for determinism). */
  AddrStreams(Executor executor) {
    this.threads = new DaemonThreads("unused-");
    this.pool = null;
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /**
   * The address stream of {@code p}. Each {@code subscribe} first calls
   * {@code current.apply(p)} (on the subscribing thread) for the current addresses.
   *
   * @param current the peer's current unexpired addresses; if it throws while this fan-out is
   *     open, the subscriber gets {@code onError}
   */
  public Flow.Publisher<Multiaddr> publisher(
      PeerId p, Function<PeerId, List<Multiaddr>> current) {
    Objects.requireNonNull(p, "peer id");
    Objects.requireNonNull(current, "current");
    return subscriber -> subscribe(p, current, subscriber);
  }

  /**
   * Sends {@code inserted} to every open subscription of {@code p}. Never blocks on a
   * subscriber and never calls subscriber code; a no-op after close.
   */
  public void publish(PeerId p, List<Multiaddr> inserted) {
    if (inserted.isEmpty()) {
      return;
    }
    Set<Sub> set = subs.get(p);
    if (set == null) {
      return;
    }
    for (Sub s : set) {
      s.offer(inserted);
    }
  }

  /** Whether {@code p} has an open subscription. */
  public boolean hasSubscribers(PeerId p) {
    Set<Sub> set = subs.get(p);
    return set != null && !set.isEmpty();
  }

  /** How many subscriptions are open. */
  public int subscriptionCount() {
    int n = 0;
    for (Set<Sub> set : subs.values()) {
      n += set.size();
    }
    return n;
  }

  /**
   * Completes every subscription, then waits (up to 10 seconds, in case a subscriber blocks)
   * until the delivery threads have ended. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Set<Sub> set : subs.values()) {
      for (Sub s : set) {
        s.complete();
      }
    }
    if (pool == null) {
      return;
    }
    pool.shutdown();
    try {
      if (!pool.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          || !threads.joinAll(CLOSE_TIMEOUT)) {
        LOG.log(Level.WARNING, "address stream subscribers still busy after close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void subscribe(
      PeerId p, Function<PeerId, List<Multiaddr>> current, Flow.Subscriber<? super Multiaddr> s) {
    Objects.requireNonNull(s, "subscriber");
    Sub sub = new Sub(p, s);
    // compute, not computeIfAbsent(..).add(..): an unregister could drop an empty set between
    // the lookup and the add, orphaning the subscription.
    subs.compute(p, (k, set) -> {
      Set<Sub> s2 = set == null ? ConcurrentHashMap.newKeySet() : set;
      s2.add(sub);
      return s2;
    });
    List<Multiaddr> initial = List.of();
    RuntimeException failure = null;
    if (!closed) {
      try {
        initial = current.apply(p);
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    if (closed) {
      sub.start(List.of());
      sub.complete();
    } else if (failure != null) {
      sub.start(List.of());
      sub.fail(failure);
    } else {
      sub.start(initial);
    }
  }

  private void unregister(Sub sub) {
    subs.computeIfPresent(sub.peer, (k, set) -> {
      set.remove(sub);
      return set.isEmpty() ? null : set;
    });
  }

  /** One subscription: a buffer, a demand counter and a serial drain loop. */
  private final class Sub implements Flow.Subscription, Runnable {
    final PeerId peer;
    final Flow.Subscriber<? super Multiaddr> subscriber;
    final AtomicInteger wip = new AtomicInteger();

    // Guarded by this.
    final ArrayDeque<Multiaddr> queue = new ArrayDeque<>();
    final HashSet<Multiaddr> seen = new HashSet<>();
    /** Addresses published before the initial ones were known; null once started. */
    @Nullable List<Multiaddr> early = new ArrayList<>();
    long demand;
    boolean done;
    @Nullable Throwable error;

    volatile boolean cancelled;

    // Touched only by the drain loop, which wip serialises.
    boolean subscribed;
    boolean terminated;

    Sub(PeerId peer, Flow.Subscriber<? super Multiaddr> subscriber) {
      this.peer = peer;
      this.subscriber = subscriber;
    }

    void start(List<Multiaddr> initial) {
      synchronized (this) {
        for (Multiaddr a : initial) {
          if (seen.add(a)) {
            queue.add(a);
          }
        }
        for (Multiaddr a : early) {
          if (seen.add(a)) {
            queue.add(a);
          }
        }
        early = null;
      }
      schedule();
    }

    void offer(List<Multiaddr> addrs) {
      if (cancelled) {
        return;
      }
      boolean added = false;
      synchronized (this) {
        if (done) {
          return;
        }
        if (early != null) {
          early.addAll(addrs);
          return;
        }
        for (Multiaddr a : addrs) {
          if (seen.add(a)) {
            queue.add(a);
            added = true;
          }
        }
      }
      if (added) {
        schedule();
      }
    }

    void complete() {
      synchronized (this) {
        done = true;
      }
      schedule();
    }

    void fail(Throwable t) {
      synchronized (this) {
        if (error == null) {
          error = t;
        }
      }
      schedule();
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        fail(new IllegalArgumentException("request must be positive (rule 3.9): " + n));
        return;
      }
      synchronized (this) {
        long d = demand + n;
        demand = d < 0 ? Long.MAX_VALUE : d;
      }
      schedule();
    }

    @Override
    public void cancel() {
      cancelled = true;
      unregister(this);
      synchronized (this) {
        queue.clear();
        seen.clear();
      }
    }

    void schedule() {
      if (wip.getAndIncrement() != 0) {
        return;
      }
      try {
        executor.execute(this);
      } catch (RejectedExecutionException afterClose) {
        // The pool is shut down: the caller is a subscriber or subscribing thread, never a
        // store writer (publish is a no-op for completed subscriptions), so drain here.
        run();
      }
    }

    @Override
    public void run() {
      int missed = 1;
      while (true) {
        if (!subscribed) {
          subscribed = true;
          try {
            subscriber.onSubscribe(this);
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "address stream subscriber threw in onSubscribe", e);
            cancel();
          }
        }
        drain();
        missed = wip.addAndGet(-missed);
        if (missed == 0) {
          return;
        }
      }
    }

    private void drain() {
      while (!cancelled && !terminated) {
        Multiaddr next = null;
        Throwable err = null;
        boolean finish = false;
        synchronized (this) {
          if (error != null) {
            err = error;
          } else if (demand > 0 && !queue.isEmpty()) {
            next = queue.poll();
            if (demand != Long.MAX_VALUE) {
              demand--;
            }
          } else if (done) {
            finish = true;
          }
        }
        if (err != null || finish) {
          terminated = true;
          unregister(this);
          synchronized (this) {
            queue.clear();
            seen.clear();
          }
          try {
            if (err != null) {
              subscriber.onError(err);
            } else {
              subscriber.onComplete();
            }
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "address stream subscriber threw on termination", e);
          }
          return;
        }
        if (next == null) {
          return;
        }
        try {
          subscriber.onNext(next);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "address stream subscriber threw in onNext; cancelled", e);
          cancel();
          return;
        }
      }
    }
  }
}
