package org.peerstore.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that moves only when told to, so a simulated hour of churn takes as long as the work
 * in it. Starts at 2026-01-01T00:00:00Z.
 *
 * <p>Thread-safe: reads see the latest {@link #advance}; advancing is meant for one driving
 * thread.
 */
public final class ManualClock extends Clock {
  /** 2026-01-01T00:00:00Z in nanoseconds since the epoch. */
  private static final long START_NANOS = 1_767_225_600L * 1_000_000_000L;

  private volatile long nanos = START_NANOS;

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /**
   * Not supported: the clock has no zones to switch.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("ManualClock is UTC only");
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochSecond(0, nanos);
  }

  @Override
  public long millis() {
    return nanos / 1_000_000;
  }

  /** The current time in nanoseconds since the epoch. */
  public long nanos() {
    return nanos;
  }

  /**
   * Moves the clock forward by {@code step}.
   *
   * @throws IllegalArgumentException if {@code step} is negative
   */
  public void advance(Duration step) {
    if (step.isNegative()) {
      throw new IllegalArgumentException("a clock does not go back: " + step);
    }
    nanos += step.toNanos();
  }
}
