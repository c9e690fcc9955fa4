package org.peerstore.addrbook;

/**
 * Which buckets a known address is in: {@link #NEW} (not yet connected, up to 4 of 256
 * buckets) or {@link #OLD} (connected, one of 64 buckets). The codes are CometBFT's
 * {@code bucket_type} values in {@code addrbook.json}.
 */
public enum BucketType {
  /** Heard of, not yet proven good: code 1. */
  NEW(1, 256),
  /** Connected to successfully: code 2. */
  OLD(2, 64);

  private final int code;
  private final int buckets;

  BucketType(int code, int buckets) {
    this.code = code;
    this.buckets = buckets;
  }

  /** CometBFT's {@code bucket_type}: 1 for new, 2 for old. */
  public int code() {
    return code;
  }

  /** How many buckets of this type a book has: 256 new, 64 old. */
  public int bucketCount() {
    return buckets;
  }

  /**
   * The type of a {@code bucket_type} code.
   *
   * @throws IllegalArgumentException if {@code code} is neither 1 nor 2
   */
  public static BucketType ofCode(int code) {
    switch (code) {
      case 1:
        return NEW;
      case 2:
        return OLD;
      default:
        throw new IllegalArgumentException("bucket type " + code + " is neither 1 (new) nor 2 (old)");
    }
  }
}
