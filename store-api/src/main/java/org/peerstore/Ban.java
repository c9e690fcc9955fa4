package org.peerstore;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One ban in force (docs/CONTRACT.md §14): what is banned, why, when the ban was made, and when
 * it ends (empty: permanent).
 *
 * <p>Immutable and thread-safe.
 *
 * @param target the banned peer, IP address or subnet
 * @param reason the reason given (may be empty; at most {@link BanBook#MAX_REASON_BYTES} UTF-8
 *     bytes)
 * @param created when the ban was made, by the store's clock
 * @param expires when the ban ends ({@code now >= expires} is no longer banned), or empty
 *     for a permanent ban
 */
public record Ban(BanTarget target, String reason, Instant created, Optional<Instant> expires) {

  /** Checks that no component is null. */
  public Ban {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(expires, "expires");
  }

  /** Whether the ban never ends. */
  public boolean isPermanent() {
    return expires.isEmpty();
  }
}
