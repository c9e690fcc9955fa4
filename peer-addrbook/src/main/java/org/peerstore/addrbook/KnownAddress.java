package org.peerstore.addrbook;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One address the book knows, as CometBFT's {@code knownAddress}: the address, who told us of
 * it, its buckets, failed attempts since the last success, and the times of the last attempt,
 * success and ban end ({@link #ZERO_TIME} for never).
 *
 * <p>Immutable and thread-safe; the book replaces a known address by a new value on each change.
 *
 * @param addr the address
 * @param src the address of the peer that told us of it
 * @param type new or old
 * @param buckets the bucket indexes, in the order they were added (1 to 4 distinct new buckets,
 *     or exactly 1 old bucket, for an address in the book; empty for a banned address held for
 *     {@link AddressBook#reinstateBadPeers()})
 * @param attempts dial attempts since the last success
 * @param lastAttempt last dial attempt (or when it was first heard of)
 * @param lastSuccess last successful connection, or {@link #ZERO_TIME}
 * @param lastBanTime end of the last ban, or {@link #ZERO_TIME}
 */
public record KnownAddress(
    NetAddress addr,
    NetAddress src,
    BucketType type,
    List<Integer> buckets,
    int attempts,
    Instant lastAttempt,
    Instant lastSuccess,
    Instant lastBanTime) {

  /** Go's zero {@code time.Time}, 0001-01-01T00:00:00Z: "never". */
  public static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

  /** Checks that nothing is null and copies the bucket list. */
  public KnownAddress {
    Objects.requireNonNull(addr, "addr");
    Objects.requireNonNull(src, "src");
    Objects.requireNonNull(type, "type");
    buckets = List.copyOf(buckets);
    Objects.requireNonNull(lastAttempt, "lastAttempt");
    Objects.requireNonNull(lastSuccess, "lastSuccess");
    Objects.requireNonNull(lastBanTime, "lastBanTime");
  }

  /** A newly heard address: new, no bucket yet, last attempt now (as CometBFT). */
  static KnownAddress fresh(NetAddress addr, NetAddress src, Instant now) {
    return new KnownAddress(addr, src, BucketType.NEW, List.of(), 0, now, ZERO_TIME, ZERO_TIME);
  }

  /** The node id. */
  public String id() {
    return addr.id();
  }

  /** Whether it is in an old bucket. */
  public boolean isOld() {
    return type == BucketType.OLD;
  }

  KnownAddress withPlacement(BucketType t, List<Integer> b) {
    return new KnownAddress(addr, src, t, b, attempts, lastAttempt, lastSuccess, lastBanTime);
  }

  KnownAddress withBucketAdded(int bucket) {
    List<Integer> b = new ArrayList<>(buckets);
    b.add(bucket);
    return withPlacement(type, b);
  }

  KnownAddress withBucketRemoved(int bucket) {
    List<Integer> b = new ArrayList<>(buckets);
    b.remove(Integer.valueOf(bucket));
    return withPlacement(type, b);
  }

  KnownAddress attempted(Instant now) {
    return new KnownAddress(addr, src, type, buckets, attempts + 1, now, lastSuccess, lastBanTime);
  }

  KnownAddress succeeded(Instant now) {
    return new KnownAddress(addr, src, type, buckets, 0, now, now, lastBanTime);
  }

  KnownAddress banned(Instant until) {
    Instant end = lastBanTime.isBefore(until) ? until : lastBanTime;
    return new KnownAddress(addr, src, type, List.of(), attempts, lastAttempt, lastSuccess, end);
  }

  /**
   * CometBFT's "bad" (docs/ADDRBOOK.md, "Expiry"): a new address not tried in the last minute
   * that was last tried over 7 days ago, or failed 3 times and never succeeded, or failed 10
   * times with no success in the last 7 days. Old addresses are never bad.
   */
  boolean isBad(Instant now) {
    if (type == BucketType.OLD) {
      return false;
    }
    if (lastAttempt.isAfter(now.minus(Duration.ofMinutes(1)))) {
      return false;
    }
    Duration week = Duration.ofDays(7);
    if (lastAttempt.isBefore(now.minus(week))) {
      return true;
    }
    if (lastSuccess.equals(ZERO_TIME) && attempts >= 3) {
      return true;
    }
    return lastSuccess.isBefore(now.minus(week)) && attempts >= 10;
  }
}
