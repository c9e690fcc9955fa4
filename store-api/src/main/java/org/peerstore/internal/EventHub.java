package org.peerstore.internal;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.peerstore.PeerstoreEvent;

/**
 * The fan-out behind {@code Peerstore.events()} (docs/CONTRACT.md §17), used as is by both
 * stores; built like {@link AddrStreams}.
 *
 * <p>A store calls {@link #publish} after the write is committed and every lock it took is
 * released. {@code publish} never blocks and never runs subscriber code: it appends the event
 * to each subscription's buffer, which holds at most {@code bufferSize} events. An event that
 * finds a buffer full is dropped for that subscription and counted; once the subscriber has
 * taken what was buffered before it, the subscription delivers one
 * {@link PeerstoreEvent.EventsDropped} with the count in place of what was dropped (it counts
 * against {@code request(n)} as any event). Signals are delivered serially per subscription,
 * honouring {@code request(n)}, on a small pool of daemon threads named
 * {@code threadNamePrefix + n}. {@code cancel()} ends a subscription at once. {@link #close()}
 * completes every subscription: events still buffered are delivered first as far as demand
 * allows, the rest dropped. Subscribing after close completes at once. A subscription sees
 * only events published after {@code subscribe} returned.
 *
 * <p>Thread-safe; events of one publishing thread reach every subscription in publication
 * order.
 */
public final class EventHub implements AutoCloseable {
  /** The default buffer of one subscription, in events. */
  public static final int DEFAULT_BUFFER_SIZE = 1024;

  private static final System.Logger LOG = System.getLogger(EventHub.class.getName());
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final CopyOnWriteArrayList<Sub> subs = new CopyOnWriteArrayList<>();
  private final int bufferSize;
  private final DaemonThreads threads;
  private final Executor executor;
  private final @Nullable ThreadPoolExecutor pool;
  private volatile boolean closed;

  /**
   * A hub whose subscriptions buffer up to {@code bufferSize} events each, delivering on
   * daemon threads named {@code threadNamePrefix + n}, started on demand.
   *
   * @throws IllegalArgumentException if {@code bufferSize} is not positive
   */
  public EventHub(String threadNamePrefix, int bufferSize) {
    this.bufferSize = checkBufferSize(bufferSize);
    this.threads = new DaemonThreads(threadNamePrefix);
    int n = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
    this.pool = new ThreadPoolExecutor(
        n, n, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
    this.pool.allowCoreThreadTimeOut(true);
    this.executor = pool;
  }

  /** A hub delivering on {@code executor} (tests use a direct one for determinism). */
  EventHub(Executor executor, int bufferSize) {
    this.bufferSize = checkBufferSize(bufferSize);
    this.threads = new DaemonThreads("unused-");
    this.pool = null;
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /**
   * Checks a buffer size option.
   *
   * @throws IllegalArgumentException if {@code size} is not positive
   */
  public static int checkBufferSize(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("event buffer size must be positive: " + size);
    }
    return size;
  }

  /** The publisher of every event; each {@code subscribe} makes a new subscription. */
  public Flow.Publisher<PeerstoreEvent> publisher() {
    return this::subscribe;
  }

  /**
   * Offers {@code event} to every open subscription. Call only after the change is committed
   * and no lock of the store is held. Never blocks; a no-op after close.
   */
  public void publish(PeerstoreEvent event) {
    Objects.requireNonNull(event, "event");
    if (closed) {
      return;
    }
    for (Sub s : subs) {
      s.offer(event);
    }
  }

  /** Whether any subscription is open (a store may skip building events without one). */
  public boolean hasSubscribers() {
    return !subs.isEmpty();
  }

  /** How many subscriptions are open. */
  public int subscriptionCount() {
    return subs.size();
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
    for (Sub s : subs) {
      s.complete();
    }
    if (pool == null) {
      return;
    }
    pool.shutdown();
    try {
      if (!pool.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          || !threads.joinAll(CLOSE_TIMEOUT)) {
        LOG.log(Level.WARNING, "event subscribers still busy after close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void subscribe(Flow.Subscriber<? super PeerstoreEvent> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    Sub sub = new Sub(subscriber);
    subs.add(sub);
    if (closed) {
      sub.complete();
    }
    sub.schedule();
  }

  /** One subscription: a bounded buffer, a drop counter, a demand counter, a drain loop. */
  private final class Sub implements Flow.Subscription, Runnable {
    final Flow.Subscriber<? super PeerstoreEvent> subscriber;
    final AtomicInteger wip = new AtomicInteger();

    // Guarded by this.
    final ArrayDeque<PeerstoreEvent> queue = new ArrayDeque<>();
    /** Events dropped since the last notice was queued. */
    long dropped;
    long demand;
    boolean done;
    @Nullable Throwable error;

    volatile boolean cancelled;

    // Touched only by the drain loop, which wip serialises.
    boolean subscribed;
    boolean terminated;

    Sub(Flow.Subscriber<? super PeerstoreEvent> subscriber) {
      this.subscriber = subscriber;
    }

    void offer(PeerstoreEvent event) {
      if (cancelled) {
        return;
      }
      synchronized (this) {
        if (done) {
          return;
        }
        if (queue.size() >= bufferSize) {
          dropped++;
          return;
        }
        if (dropped > 0) {
          // The notice takes the place of what was dropped, before the next event.
          queue.add(new PeerstoreEvent.EventsDropped(dropped));
          dropped = 0;
        }
        queue.add(event);
      }
      schedule();
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
      subs.remove(this);
      synchronized (this) {
        queue.clear();
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
        // store writer (publish is a no-op after close), so drain here.
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
            LOG.log(Level.WARNING, "event subscriber threw in onSubscribe", e);
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
        PeerstoreEvent next = null;
        Throwable err = null;
        boolean finish = false;
        synchronized (this) {
          if (error != null) {
            err = error;
          } else if (demand > 0 && (!queue.isEmpty() || dropped > 0)) {
            if (queue.isEmpty()) {
              // Caught up: what was dropped is announced now.
              next = new PeerstoreEvent.EventsDropped(dropped);
              dropped = 0;
            } else {
              next = queue.poll();
            }
            if (demand != Long.MAX_VALUE) {
              demand--;
            }
          } else if (done) {
            finish = true;
          }
        }
        if (err != null || finish) {
          terminated = true;
          subs.remove(this);
          synchronized (this) {
            queue.clear();
          }
          try {
            if (err != null) {
              subscriber.onError(err);
            } else {
              subscriber.onComplete();
            }
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "event subscriber threw on termination", e);
          }
          return;
        }
        if (next == null) {
          return;
        }
        try {
          subscriber.onNext(next);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "event subscriber threw in onNext; cancelled", e);
          cancel();
          return;
        }
      }
    }
  }
}
