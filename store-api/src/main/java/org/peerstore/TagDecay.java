package org.peerstore;

/**
 * How a decaying tag's value falls with time (docs/CONTRACT.md §15), in closed form: the value
 * {@code ticks} whole intervals after it was last written. The store computes it on every read
 * from the stored value and the time it was stored, so a decaying tag costs no background
 * writes. A decay function lives only in the process that registered it (see
 * {@link TagBook#registerDecayingTag}).
 *
 * <p>An implementation must be pure (the same arguments give the same result), fast and
 * thread-safe; it is called by readers concurrently. An exception it throws reaches the caller
 * of the read (nothing is changed by a read).
 */
@FunctionalInterface
public interface TagDecay {

  /** The result that removes the tag (go-libp2p's {@code rm = true}). */
  int REMOVE = Integer.MIN_VALUE;

  /**
   * The value {@code ticks} intervals after {@code value} was written.
   *
   * @param value the stored value
   * @param ticks how many interval boundaries passed since it was stored, at least 1
   * @return the decayed value, or {@link #REMOVE} to remove the tag
   */
  int decay(int value, long ticks);

  /** Never decays, never removes (go-libp2p's {@code DecayNone}). */
  static TagDecay none() {
    return (value, ticks) -> value;
  }

  /**
   * Subtracts {@code minuend} per tick and removes the tag once the value is zero or less
   * (go-libp2p's {@code DecayFixed}).
   *
   * @throws IllegalArgumentException if {@code minuend} is negative
   */
  static TagDecay fixed(int minuend) {
    if (minuend < 0) {
      throw new IllegalArgumentException("minuend must not be negative: " + minuend);
    }
    return (value, ticks) -> {
      long after = value - Math.min(ticks, 1L << 32) * minuend;
      return after <= 0 ? REMOVE : (int) after;
    };
  }

  /**
   * Multiplies by {@code coef} per tick, as {@code floor(value * coef^ticks)} (one rounding,
   * where go-libp2p's {@code DecayLinear} rounds down at every tick), and removes the tag once
   * the value is zero or less.
   *
   * @throws IllegalArgumentException unless {@code 0 <= coef <= 1}
   */
  static TagDecay linear(double coef) {
    if (!(coef >= 0 && coef <= 1)) {
      throw new IllegalArgumentException("coef must be in [0, 1]: " + coef);
    }
    return (value, ticks) -> {
      double after = Math.floor(value * Math.pow(coef, ticks));
      return after <= 0 ? REMOVE : (int) after;
    };
  }

  /**
   * Keeps the value and removes the tag once {@code ticks} reaches {@code after} (go-libp2p's
   * {@code DecayExpireWhenInactive}, counted in intervals).
   *
   * @throws IllegalArgumentException if {@code after} is less than 1
   */
  static TagDecay expireAfter(long after) {
    if (after < 1) {
      throw new IllegalArgumentException("after must be at least 1 tick: " + after);
    }
    return (value, ticks) -> ticks >= after ? REMOVE : value;
  }
}
