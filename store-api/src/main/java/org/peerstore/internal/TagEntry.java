package org.peerstore.internal;

/**
 * One stored tag of one peer (docs/CONTRACT.md §15): its kind, its stored value and the time
 * that goes with the kind. Immutable.
 *
 * @param kind {@link #PLAIN}, {@link #EXPIRING} or {@link #DECAYING}
 * @param value the stored value (for a decaying tag: the value when it was written)
 * @param time {@code 0} for a plain tag; the expiry for an expiring tag; the time it was
 *     written for a decaying tag (epoch nanoseconds)
 */
public record TagEntry(byte kind, int value, long time) {

  /** A tag without expiry. */
  public static final byte PLAIN = 0;
  /** A tag with an expiry. */
  public static final byte EXPIRING = 1;
  /** A decaying tag. */
  public static final byte DECAYING = 2;

  /**
   * Checks the kind.
   *
   * @throws IllegalArgumentException for an unknown kind, or a plain tag with a time
   */
  public TagEntry {
    if (kind < PLAIN || kind > DECAYING) {
      throw new IllegalArgumentException("unknown tag kind " + kind);
    }
    if (kind == PLAIN && time != 0) {
      throw new IllegalArgumentException("a plain tag has no time");
    }
  }

  /** A plain tag. */
  public static TagEntry plain(int value) {
    return new TagEntry(PLAIN, value, 0);
  }

  /** A tag expiring at {@code expiryNanos}. */
  public static TagEntry expiring(int value, long expiryNanos) {
    return new TagEntry(EXPIRING, value, expiryNanos);
  }

  /** A decaying tag of {@code value} written at {@code atNanos}. */
  public static TagEntry decaying(int value, long atNanos) {
    return new TagEntry(DECAYING, value, atNanos);
  }

  /** Whether the entry's value may change without a write (it expires or decays). */
  public boolean isDynamic() {
    return kind != PLAIN;
  }
}
