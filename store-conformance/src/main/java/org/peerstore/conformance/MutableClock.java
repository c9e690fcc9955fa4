package org.peerstore.conformance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A test clock that only moves when told to: {@link #advance} and {@link #set}. Its zone is UTC.
 *
 * <p>Thread-safe: readers always see a whole instant, and concurrent {@link #advance} calls add
 * up.
 */
public final class MutableClock extends Clock {

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  /** A clock standing at {@code start}, in UTC. */
  public MutableClock(Instant start) {
    this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /**
   * Moves the clock forward (or backward, for a negative amount).
   *
   * @return the new instant
   */
  public Instant advance(Duration amount) {
    Objects.requireNonNull(amount, "amount");
    return now.updateAndGet(i -> i.plus(amount));
  }

  /** Puts the clock at {@code instant}. */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  /** The current instant. */
  @Override
  public Instant instant() {
    return now.get();
  }

  /** The zone: UTC unless this clock came from {@link #withZone}. */
  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view of the same time source in another zone; advancing either moves both. */
  @Override
  public Clock withZone(ZoneId other) {
    return other.equals(zone) ? this : new MutableClock(now, other);
  }

  @Override
  public String toString() {
    return "MutableClock[" + now.get() + "]";
  }
}
