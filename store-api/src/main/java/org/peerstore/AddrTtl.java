package org.peerstore;

import java.time.Duration;

/**
 * Standard address time-to-live values (docs/CONTRACT.md §2).
 *
 * <p>{@link #PERMANENT} and {@link #CONNECTED} are distinct so that
 * {@code updateAddrs(p, CONNECTED, TEMP)} touches only connected addresses. Any ttl
 * {@code >= CONNECTED} is "connected": it never expires, is never evicted and does not count
 * toward address limits.
 */
public final class AddrTtl {
  private AddrTtl() {}

  /** One hour: an address learned from a peer or a directory. */
  public static final Duration ADDRESS = Duration.ofHours(1);

  /** Two minutes: an address we are not sure of yet. */
  public static final Duration TEMP = Duration.ofMinutes(2);

  /** Fifteen minutes: an address of a peer we were connected to recently. */
  public static final Duration RECENTLY_CONNECTED = Duration.ofMinutes(15);

  /** Never expires. */
  public static final Duration PERMANENT = Duration.ofNanos(Long.MAX_VALUE);

  /** Never expires while connected; downgraded with {@code updateAddrs} on disconnect. */
  public static final Duration CONNECTED = Duration.ofNanos(Long.MAX_VALUE - 1);

  /** Whether {@code ttl} counts as connected ({@code ttl >= CONNECTED}). */
  public static boolean isConnected(Duration ttl) {
    return ttl.compareTo(CONNECTED) >= 0;
  }
}
