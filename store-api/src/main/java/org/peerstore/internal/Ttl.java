package org.peerstore.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.peerstore.AddrTtl;

/**
 * Time-to-live arithmetic in nanoseconds (docs/CONTRACT.md §2).
 *
 * <p>Stores keep a ttl as a {@code long} of nanoseconds and an expiry as a {@code long} of
 * nanoseconds since the epoch. Every conversion saturates instead of overflowing. An expiry of
 * {@link #NEVER} never passes: {@link #nowNanos} never returns it. An address is expired when
 * {@code now >= expiry}.
 *
 * <p>Stateless and thread-safe.
 */
public final class Ttl {
  private Ttl() {}

  /** The expiry of an address that never expires ({@code Long.MAX_VALUE}). */
  public static final long NEVER = Long.MAX_VALUE;

  /** {@link AddrTtl#CONNECTED} in nanoseconds ({@code Long.MAX_VALUE - 1}). */
  public static final long CONNECTED = Long.MAX_VALUE - 1;

  /** {@link AddrTtl#PERMANENT} in nanoseconds ({@code Long.MAX_VALUE}). */
  public static final long PERMANENT = Long.MAX_VALUE;

  /**
   * {@code ttl} in nanoseconds, saturating at {@code Long.MAX_VALUE} / {@code Long.MIN_VALUE}.
   *
   * @throws NullPointerException if {@code ttl} is null
   */
  public static long toNanos(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    try {
      return ttl.toNanos();
    } catch (ArithmeticException overflow) {
      return ttl.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /**
   * The expiry of an address given at {@code nowNanos} with {@code ttlNanos}: {@link #NEVER}
   * for a connected ttl, else {@code now + ttl} saturating at {@code Long.MAX_VALUE} and
   * {@code Long.MIN_VALUE}.
   */
  public static long expiry(long nowNanos, long ttlNanos) {
    if (isConnected(ttlNanos)) {
      return NEVER;
    }
    long sum = nowNanos + ttlNanos;
    // Overflow happened iff both operands have the same sign and the sum's sign differs.
    if (((nowNanos ^ sum) & (ttlNanos ^ sum)) < 0) {
      return ttlNanos > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
    return sum;
  }

  /** Whether {@code ttlNanos} is a connected ttl ({@code >= CONNECTED}). */
  public static boolean isConnected(long ttlNanos) {
    return ttlNanos >= CONNECTED;
  }

  /**
   * Nanoseconds since the epoch of {@code clock.instant()}, saturating into
   * {@code [Long.MIN_VALUE, NEVER - 1]} so that {@link #NEVER} is never reached.
   *
   * @throws NullPointerException if {@code clock} is null
   */
  public static long nowNanos(Clock clock) {
    return toEpochNanos(clock.instant());
  }

  /** Nanoseconds since the epoch of {@code instant}, saturating as {@link #nowNanos}. */
  public static long toEpochNanos(Instant instant) {
    long seconds = instant.getEpochSecond();
    int nanos = instant.getNano();
    long result;
    try {
      result = Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
    } catch (ArithmeticException overflow) {
      return seconds < 0 ? Long.MIN_VALUE : NEVER - 1;
    }
    return Math.min(result, NEVER - 1);
  }

  /**
   * The instant of a stored expiry: {@link Instant#MAX} for {@link #NEVER}, else the exact
   * instant of {@code epochNanos}. {@link #fromExpiryInstant} reverses it without loss.
   */
  public static Instant toExpiryInstant(long epochNanos) {
    return epochNanos == NEVER ? Instant.MAX : toInstant(epochNanos);
  }

  /**
   * The stored form of an expiry instant: {@link #NEVER} for {@link Instant#MAX} and for any
   * instant at or after the last representable nanosecond, {@code Long.MIN_VALUE} for instants
   * before the first one, else exact epoch nanoseconds.
   *
   * @throws NullPointerException if {@code expiry} is null
   */
  public static long fromExpiryInstant(Instant expiry) {
    Objects.requireNonNull(expiry, "expiry");
    if (!expiry.isBefore(LAST_NANO)) {
      return NEVER;
    }
    return toEpochNanos(expiry);
  }

  private static final Instant LAST_NANO = toInstant(NEVER);

  /** The instant of {@code epochNanos} (for display and tests). */
  public static Instant toInstant(long epochNanos) {
    return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
        Math.floorMod(epochNanos, 1_000_000_000L));
  }
}
