package org.peerstore.internal;

/**
 * The size limits a store was built with (docs/CONTRACT.md §3, §4, §6). A value of 0 disables the
 * address and record caps; {@code maxProtocols} is always positive.
 *
 * @param maxAddrsPerPeer cap of unconnected addresses per peer (0 = none)
 * @param maxUnconnectedAddrs global cap of unconnected addresses (0 = none)
 * @param maxSignedRecords global cap of stored signed records (0 = none)
 * @param maxProtocols maximum protocols per peer
 */
public record Limits(
    int maxAddrsPerPeer, long maxUnconnectedAddrs, long maxSignedRecords, int maxProtocols) {

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if a cap is negative or {@code maxProtocols} not positive
   */
  public Limits {
    if (maxAddrsPerPeer < 0 || maxUnconnectedAddrs < 0 || maxSignedRecords < 0) {
      throw new IllegalArgumentException("limits must not be negative");
    }
    if (maxProtocols <= 0) {
      throw new IllegalArgumentException("maxProtocols must be positive: " + maxProtocols);
    }
  }

  /** No address or record cap, and {@code maxProtocols} protocols per peer. */
  public static Limits unlimited(int maxProtocols) {
    return new Limits(0, 0, 0, maxProtocols);
  }

  /**
   * How many more unconnected addresses fit under the global cap when {@code current} are
   * stored: {@code Long.MAX_VALUE} without a cap, never negative.
   */
  public long unconnectedRoom(long current) {
    if (maxUnconnectedAddrs == 0) {
      return Long.MAX_VALUE;
    }
    return Math.max(0, maxUnconnectedAddrs - current);
  }

  /** Whether one more signed record fits when {@code current} are stored. */
  public boolean recordRoom(long current) {
    return maxSignedRecords == 0 || current < maxSignedRecords;
  }
}
