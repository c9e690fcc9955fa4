package org.peerstore.tool.simulate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock a simulation gives its store: it stands still until the workload advances it, so
 * hours of a node's life pass without sleeping. Its zone is UTC.
 *
 * <p>Thread-safe.
 */
public final class SimulatedClock extends Clock {
  private final AtomicReference<Instant> now;

  /** A clock standing at {@code start}. */
  public SimulatedClock(Instant start) {
    this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
  }

  /**
   * Moves the clock forward by {@code amount}.
   *
   * @return the new instant
   */
  public Instant advance(Duration amount) {
    Objects.requireNonNull(amount, "amount");
    return now.updateAndGet(i -> i.plus(amount));
  }

  /** The current simulated instant. */
  @Override
  public Instant instant() {
    return now.get();
  }

  /** UTC. */
  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /**
   * Unsupported: a simulation has one time line.
   *
   * @throws UnsupportedOperationException always, unless {@code zone} is UTC
   */
  @Override
  public Clock withZone(ZoneId zone) {
    if (ZoneOffset.UTC.equals(zone)) {
      return this;
    }
    throw new UnsupportedOperationException("a simulated clock runs in UTC only");
  }
}
