package org.peerstore.internal;

import java.util.Objects;

/**
 * The dial history of one peer or address in epoch nanoseconds, as both stores keep it
 * (docs/CONTRACT.md §16); {@link #NONE} marks an event that never happened. An immutable value:
 * each event returns a new record.
 *
 * @param firstSeen when the first event was recorded
 * @param lastSeen the latest of {@code firstSeen}, the last success and the last connection or
 *     disconnection
 * @param lastAttempt the last attempt or {@link #NONE}
 * @param lastSuccess the last success or {@link #NONE}
 * @param lastFailure the last failure or {@link #NONE}
 * @param reason the last failure's reason ("" when none)
 * @param attempts attempts recorded
 * @param failures consecutive failures
 */
public record DialRecord(long firstSeen, long lastSeen, long lastAttempt, long lastSuccess,
    long lastFailure, String reason, long attempts, int failures) {

  /** The time of an event that never happened. */
  public static final long NONE = Long.MIN_VALUE;

  /** Checks the reason is not null. */
  public DialRecord {
    Objects.requireNonNull(reason, "reason");
  }

  /** A record whose first event happens at {@code now}. */
  public static DialRecord first(long now) {
    return new DialRecord(now, now, NONE, NONE, NONE, "", 0, 0);
  }

  /** This record after an attempt at {@code now}. */
  public DialRecord attempt(long now) {
    long a = attempts == Long.MAX_VALUE ? attempts : attempts + 1;
    return new DialRecord(firstSeen, lastSeen, now, lastSuccess, lastFailure, reason, a, failures);
  }

  /** This record after a success at {@code now}: seen, no failure in a row. */
  public DialRecord success(long now) {
    return new DialRecord(firstSeen, Math.max(lastSeen, now), lastAttempt, now, lastFailure,
        reason, attempts, 0);
  }

  /** This record after a failure at {@code now} with {@code why} (already cut to length). */
  public DialRecord failure(long now, String why) {
    int f = failures == Integer.MAX_VALUE ? failures : failures + 1;
    return new DialRecord(firstSeen, lastSeen, lastAttempt, lastSuccess, now, why, attempts, f);
  }

  /** This record seen at {@code now}; {@code reset} also clears the failures in a row. */
  public DialRecord seen(long now, boolean reset) {
    return new DialRecord(firstSeen, Math.max(lastSeen, now), lastAttempt, lastSuccess,
        lastFailure, reason, attempts, reset ? 0 : failures);
  }
}
