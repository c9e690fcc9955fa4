package org.peerstore;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a peer or an address stays in backoff after failures in a row (docs/CONTRACT.md
 * §16): after {@code k >= 1} consecutive failures the ceiling is
 * {@code min(max, base * factor^(k-1))}, and the delay is that ceiling shortened by a
 * deterministic jitter of at most {@code jitter} of it; the backoff ends the delay after the
 * last failure. A success (or, for a peer, a connection) resets it. An immutable value.
 *
 * @param base the ceiling after the first failure (positive)
 * @param factor how much the ceiling grows per further failure (at least 1)
 * @param max the largest ceiling (at least {@code base})
 * @param jitter the largest fraction of the ceiling cut off by jitter (0 to 1, 1 excluded)
 */
public record DialBackoff(Duration base, double factor, Duration max, double jitter) {

  /** The default: 5 s, doubled per failure, at most 30 min, up to 20 % jitter. */
  public static final DialBackoff DEFAULT =
      new DialBackoff(Duration.ofSeconds(5), 2.0, Duration.ofMinutes(30), 0.2);

  /**
   * Checks the bounds above.
   *
   * @throws IllegalArgumentException if a bound is broken
   * @throws NullPointerException if a duration is null
   */
  public DialBackoff {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(max, "max");
    if (base.isZero() || base.isNegative()) {
      throw new IllegalArgumentException("dial backoff base must be positive: " + base);
    }
    if (max.compareTo(base) < 0) {
      throw new IllegalArgumentException("dial backoff max " + max + " is below its base " + base);
    }
    if (!(factor >= 1.0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("dial backoff factor must be at least 1: " + factor);
    }
    if (!(jitter >= 0.0 && jitter < 1.0)) {
      throw new IllegalArgumentException("dial backoff jitter must be in [0, 1): " + jitter);
    }
  }
}
