package org.peerstore.internal;

import java.util.Objects;
import org.peerstore.multiaddr.Multiaddr;

/**
 * One stored address of an {@link AddrState}, the unit a persistent store encodes.
 *
 * @param addr the normalised address
 * @param ttlNanos its ttl in nanoseconds
 * @param expiryNanos its expiry in epoch nanoseconds ({@link Ttl#NEVER} when connected)
 */
public record AddrEntry(Multiaddr addr, long ttlNanos, long expiryNanos) {
  /** Checks that {@code addr} is not null. */
  public AddrEntry {
    Objects.requireNonNull(addr, "addr");
  }

  /** Whether the ttl is a connected ttl. */
  public boolean connected() {
    return Ttl.isConnected(ttlNanos);
  }
}
