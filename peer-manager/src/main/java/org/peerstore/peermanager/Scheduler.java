package org.peerstore.peermanager;

import java.time.Duration;

/**
 * Runs a task after a delay; the peer manager's only source of deferred work (cooldown ends),
 * so that tests can drive it. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Scheduler {
  /** Runs {@code task} once, {@code delay} from now. */
  void schedule(Runnable task, Duration delay);
}
