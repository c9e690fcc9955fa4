package org.peerstore.rocksdb;

import java.util.Arrays;

/**
 * Sorts keys into RocksDB's bytewise order for the grouped writer, which hands RocksDB each
 * column family's changes in key order (a memtable insert is cheap when it lands next to the
 * previous one).
 *
 * <p>A comparison sort of thousands of scattered arrays is dominated by cache misses, so this
 * sorts a {@code long[]} instead: each key's 44 bits after the prefix all keys share, with its
 * index in the low 20 bits. Keys whose 44 bits tie (rare for peer ids and expiries; every key
 * when they are adversarial) are then sorted among themselves by a full comparison, so the
 * result is always exact.
 *
 * <p>Stateless and thread-safe.
 */
final class KeySort {
  private static final int INDEX_BITS = 20;
  private static final int MAX_PACKED = 1 << INDEX_BITS;
  private static final long INDEX_MASK = MAX_PACKED - 1;

  private KeySort() {}

  /**
   * The indexes of {@code keys} in ascending unsigned bytewise order (equal keys in any order).
   * {@code keys} is not modified.
   */
  static int[] order(byte[][] keys) {
    int n = keys.length;
    int[] order = new int[n];
    if (n == 0) {
      return order;
    }
    if (n > MAX_PACKED) {
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      sortRun(keys, order, 0, n);
      return order;
    }
    int shared = sharedPrefix(keys);
    long[] packed = new long[n];
    for (int i = 0; i < n; i++) {
      // Sign bit flipped so that a signed sort orders the heads as unsigned numbers.
      packed[i] = ((head(keys[i], shared) >>> INDEX_BITS << INDEX_BITS) | i) ^ Long.MIN_VALUE;
    }
    Arrays.sort(packed);
    for (int i = 0; i < n; i++) {
      order[i] = (int) (packed[i] & INDEX_MASK);
    }
    // Runs of equal heads are in index order: sort each by the whole key.
    int start = 0;
    for (int i = 1; i <= n; i++) {
      if (i == n || (packed[i] >>> INDEX_BITS) != (packed[start] >>> INDEX_BITS)) {
        if (i - start > 1) {
          sortRun(keys, order, start, i);
        }
        start = i;
      }
    }
    return order;
  }

  /** The length of the prefix every key shares. */
  private static int sharedPrefix(byte[][] keys) {
    byte[] first = keys[0];
    int shared = first.length;
    for (int i = 1; i < keys.length && shared > 0; i++) {
      byte[] k = keys[i];
      int m = Arrays.mismatch(first, 0, shared, k, 0, Math.min(shared, k.length));
      if (m >= 0) {
        shared = m;
      }
    }
    return shared;
  }

  /** The 8 bytes of {@code key} from {@code from}, big-endian, zero past its end. */
  private static long head(byte[] key, int from) {
    long h = 0;
    for (int j = 0; j < 8; j++) {
      int at = from + j;
      h = (h << 8) | (at < key.length ? key[at] & 0xFF : 0);
    }
    return h;
  }

  /** Sorts {@code order[from, to)} by the keys it indexes, with a full comparison. */
  private static void sortRun(byte[][] keys, int[] order, int from, int to) {
    Integer[] run = new Integer[to - from];
    for (int i = from; i < to; i++) {
      run[i - from] = order[i];
    }
    Arrays.sort(run, (a, b) -> Arrays.compareUnsigned(keys[a], keys[b]));
    for (int i = from; i < to; i++) {
      order[i] = run[i - from];
    }
  }
}
