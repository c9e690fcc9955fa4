package org.peerstore.rocksdb;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The puts and deletes of one atomic write, recorded in Java: what a {@link PeerMutation} fills
 * and {@link StoreDb#commit} applies, as one RocksDB {@code WriteBatch} (durability {@code SYNC}
 * and {@code WAL}) or into the pending changes of the group commit ({@code GROUPED},
 * {@link GroupCommit}). Recording first is what lets every book's mutation work unchanged in
 * every durability mode.
 *
 * <p>Changes keep their order: a later change of the same key wins. The arrays handed in are
 * kept, not copied; callers pass fresh ones. Not thread-safe: one write, one thread.
 */
final class Batch {
  private ColumnFamily[] cfs = new ColumnFamily[4];
  private byte[][] keys = new byte[4][];
  private byte[] @Nullable [] values = new byte[4][];
  private int count;

  /** Records a put of {@code value} under {@code key} in {@code cf}. */
  void put(ColumnFamily cf, byte[] key, byte[] value) {
    add(cf, key, java.util.Objects.requireNonNull(value, "value"));
  }

  /** Records a delete of {@code key} in {@code cf}. */
  void delete(ColumnFamily cf, byte[] key) {
    add(cf, key, null);
  }

  private void add(ColumnFamily cf, byte[] key, byte @Nullable [] value) {
    if (count == cfs.length) {
      int n = count * 2;
      cfs = Arrays.copyOf(cfs, n);
      keys = Arrays.copyOf(keys, n);
      values = Arrays.copyOf(values, n);
    }
    cfs[count] = cf;
    keys[count] = key;
    values[count] = value;
    count++;
  }

  /** How many changes were recorded. */
  int count() {
    return count;
  }

  /** The column family of change {@code i}. */
  ColumnFamily cf(int i) {
    return cfs[i];
  }

  /** The key of change {@code i}. */
  byte[] key(int i) {
    return keys[i];
  }

  /** The value of change {@code i}, or null for a delete. */
  byte @Nullable [] value(int i) {
    return values[i];
  }

  /** The bytes of keys and values recorded: what the pending bound of {@code GROUPED} counts. */
  long bytes() {
    long n = 0;
    for (int i = 0; i < count; i++) {
      n += keys[i].length + (values[i] == null ? 0 : values[i].length);
    }
    return n;
  }
}
