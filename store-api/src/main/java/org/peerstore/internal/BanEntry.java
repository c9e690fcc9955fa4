package org.peerstore.internal;

import java.util.Objects;
import java.util.Optional;
import org.peerstore.Ban;
import org.peerstore.BanTarget;

/**
 * A ban as the stores keep it (docs/CONTRACT.md §14): the target, the reason, and the creation
 * time and expiry in epoch nanoseconds ({@link Ttl#NEVER}: permanent).
 *
 * <p>Immutable and thread-safe.
 *
 * @param target what is banned
 * @param reason the reason (already checked by {@link BanRules#checkReason})
 * @param createdNanos when the ban was made
 * @param expiryNanos when it ends ({@code now >= expiry}), or {@link Ttl#NEVER}
 */
public record BanEntry(BanTarget target, String reason, long createdNanos, long expiryNanos) {

  /** Checks that no component is null. */
  public BanEntry {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(reason, "reason");
  }

  /** Whether the ban is in force at {@code nowNanos} ({@code nowNanos < expiryNanos}). */
  public boolean inForce(long nowNanos) {
    return nowNanos < expiryNanos;
  }

  /** Whether the ban never expires. */
  public boolean isPermanent() {
    return expiryNanos == Ttl.NEVER;
  }

  /** The public view. */
  public Ban toBan() {
    return new Ban(target, reason, Ttl.toInstant(createdNanos),
        isPermanent() ? Optional.empty() : Optional.of(Ttl.toInstant(expiryNanos)));
  }
}
