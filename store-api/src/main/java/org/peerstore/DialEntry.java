package org.peerstore;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The dial history of one peer or one of its addresses (docs/CONTRACT.md §16): when it was
 * first and last seen, its last attempt, success and failure (with the failure's short reason),
 * how many attempts were recorded and how many failures in a row since the last success, and
 * until when it is in backoff. An immutable value.
 *
 * @param firstSeen when the first dial event of this peer or address was recorded
 * @param lastSeen the latest of {@code firstSeen}, the last success and (for a peer) the last
 *     connection or disconnection: the last sign of life that retention counts from
 * @param lastAttempt the last recorded attempt, or empty
 * @param lastSuccess the last recorded success, or empty
 * @param lastFailure the last recorded failure, or empty
 * @param lastFailureReason the reason of the last failure ("" when none), at most
 *     {@link DialBook#MAX_REASON_BYTES} UTF-8 bytes
 * @param attempts attempts recorded in total
 * @param consecutiveFailures failures recorded since the last success (or connection)
 * @param backoffUntil the end of the backoff that the consecutive failures impose, or empty when
 *     there are none (it may be in the past: then the backoff is over)
 */
public record DialEntry(
    Instant firstSeen,
    Instant lastSeen,
    Optional<Instant> lastAttempt,
    Optional<Instant> lastSuccess,
    Optional<Instant> lastFailure,
    String lastFailureReason,
    long attempts,
    int consecutiveFailures,
    Optional<Instant> backoffUntil) {

  /** Checks that no component is null. */
  public DialEntry {
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
    Objects.requireNonNull(lastAttempt, "lastAttempt");
    Objects.requireNonNull(lastSuccess, "lastSuccess");
    Objects.requireNonNull(lastFailure, "lastFailure");
    Objects.requireNonNull(lastFailureReason, "lastFailureReason");
    Objects.requireNonNull(backoffUntil, "backoffUntil");
  }

  /** Whether this peer or address is in backoff at {@code now}. */
  public boolean inBackoff(Instant now) {
    return backoffUntil.isPresent() && now.isBefore(backoffUntil.get());
  }
}
