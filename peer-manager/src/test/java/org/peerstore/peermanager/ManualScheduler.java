package org.peerstore.peermanager;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.peerstore.conformance.MutableClock;

/** A scheduler driven by the test: {@link #advance} moves the clock and runs what fell due. */
final class ManualScheduler implements Scheduler {
  private record Task(Instant due, long seq, Runnable run) {}

  private final MutableClock clock;
  private final List<Task> tasks = new ArrayList<>();
  private long seq;

  ManualScheduler(MutableClock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void schedule(Runnable task, Duration delay) {
    tasks.add(new Task(clock.instant().plus(delay), seq++, task));
  }

  void advance(Duration d) {
    Instant end = clock.instant().plus(d);
    while (true) {
      Task next;
      synchronized (this) {
        next = tasks.stream().filter(t -> !t.due().isAfter(end))
            .min(Comparator.comparing(Task::due).thenComparing(Task::seq)).orElse(null);
        if (next == null) {
          break;
        }
        tasks.remove(next);
      }
      if (next.due().isAfter(clock.instant())) {
        clock.set(next.due());
      }
      next.run().run();
    }
    clock.set(end);
  }
}
