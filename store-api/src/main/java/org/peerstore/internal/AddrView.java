package org.peerstore.internal;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.peerstore.multiaddr.Multiaddr;

/**
 * An immutable view of one peer's addresses at one moment ({@link AddrState#view()}), for
 * lock-free reads: what readers of both stores use while writers change a copy of the
 * {@link AddrState}. Thread-safe.
 */
public final class AddrView {
  /** The view of an empty set. */
  public static final AddrView EMPTY = new AddrView(new Multiaddr[0], new long[0]);

  private final Multiaddr[] addrs;
  private final long[] expiries;
  private final long minExpiry;
  private final List<Multiaddr> all;

  AddrView(Multiaddr[] addrs, long[] expiries) {
    this.addrs = addrs;
    this.expiries = expiries;
    long min = Ttl.NEVER;
    for (long e : expiries) {
      min = Math.min(min, e);
    }
    this.minExpiry = min;
    this.all = Collections.unmodifiableList(Arrays.asList(addrs));
  }

  /**
   * The addresses unexpired at {@code nowNanos}, in insertion order; an unmodifiable list.
   * Allocates nothing when no address has expired.
   */
  public List<Multiaddr> live(long nowNanos) {
    if (nowNanos < minExpiry) {
      return all;
    }
    Multiaddr[] out = new Multiaddr[addrs.length];
    int n = 0;
    for (int i = 0; i < addrs.length; i++) {
      if (nowNanos < expiries[i]) {
        out[n++] = addrs[i];
      }
    }
    return Collections.unmodifiableList(Arrays.asList(Arrays.copyOf(out, n)));
  }

  /** Whether some address is unexpired at {@code nowNanos}. */
  public boolean hasLive(long nowNanos) {
    if (nowNanos < minExpiry) {
      return addrs.length > 0;
    }
    for (long e : expiries) {
      if (nowNanos < e) {
        return true;
      }
    }
    return false;
  }

  /** How many addresses are stored, expired ones included. */
  public int size() {
    return addrs.length;
  }

  /** Whether no address is stored. */
  public boolean isEmpty() {
    return addrs.length == 0;
  }
}
