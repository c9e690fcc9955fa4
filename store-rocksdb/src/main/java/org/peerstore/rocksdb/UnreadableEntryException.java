package org.peerstore.rocksdb;

import java.util.Collections;
import java.util.List;
import org.peerstore.StorageException;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/**
 * Thrown by a point read when RocksDB could not read one or more of the asked keys: the block
 * holding it failed its checksum, or its file is unreadable ({@code Corruption} or
 * {@code IOError} status). Such a key is neither present nor absent: the caller must not treat
 * it as absent without counting it as unreadable (docs/STORAGE.md, "Damaged table files").
 *
 * <p>Carries what the same read did return: {@link #values()} holds the value of every key that
 * could be read (null where absent, also null where unreadable), and {@link #failure} says, per
 * position, why a key could not be read. Immutable.
 */
final class UnreadableEntryException extends StorageException {
  private static final long serialVersionUID = 1L;

  private final transient List<byte[]> values;
  private final transient CorruptValueException[] failures;

  private UnreadableEntryException(String message, List<byte[]> values,
      CorruptValueException[] failures, RocksDBException cause) {
    super(message, cause);
    this.values = Collections.unmodifiableList(values);
    this.failures = failures;
  }

  /**
   * Whether {@code e} says that the data could not be read (a {@code Corruption} status: a
   * block failed its checksum or does not parse), as opposed to a failure of the database or
   * the disk as a whole (an {@code IOError} stays a plain {@link StorageException}).
   */
  static boolean isUnreadable(RocksDBException e) {
    Status status = e.getStatus();
    return status != null && status.getCode() == Status.Code.Corruption;
  }

  /** Reads the key at one position of a batched read. */
  @FunctionalInterface
  interface PointGet {
    /** The value at position {@code i}, or null if absent. */
    byte[] get(int i) throws RocksDBException;
  }

  /**
   * {@code values} (the result of a batched read of the keys of {@code cfs}) with every null
   * checked again by a point read: RocksDB's batched read returns null both for an absent key
   * and for one it could not read, a point read tells them apart.
   *
   * @throws UnreadableEntryException if any key could not be read
   * @throws StorageException if RocksDB fails otherwise
   */
  static List<byte[]> recheckNulls(List<ColumnFamily> cfs, List<byte[]> values, PointGet get) {
    List<byte[]> out = values;
    CorruptValueException[] failures = null;
    RocksDBException first = null;
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) != null) {
        continue;
      }
      byte[] v;
      try {
        v = get.get(i);
      } catch (RocksDBException e) {
        if (!isUnreadable(e)) {
          throw StorageErrors.of("read " + cfs.get(i).cfName(), e);
        }
        if (failures == null) {
          failures = new CorruptValueException[values.size()];
          first = e;
        }
        failures[i] = failure(cfs.get(i), e);
        continue;
      }
      if (v != null) {
        if (out == values) {
          out = new java.util.ArrayList<>(values);
        }
        out.set(i, v);
      }
    }
    if (failures != null) {
      throw of(String.valueOf(cfs), out, failures, first);
    }
    return out;
  }

  /**
   * The exception for a point read of {@code key} in {@code cf} that failed with {@code e}:
   * an {@link UnreadableEntryException} if the entry could not be read, else the store's usual
   * {@link StorageException}.
   */
  static StorageException ofGet(ColumnFamily cf, RocksDBException e) {
    if (!isUnreadable(e)) {
      return StorageErrors.of("read " + cf.cfName(), e);
    }
    return of(cf.cfName(), Collections.singletonList(null),
        new CorruptValueException[] {failure(cf, e)}, e);
  }

  /**
   * The exception for a read of {@code values.size()} keys of which those at a non-null
   * position of {@code failures} could not be read; {@code first} is the first such failure.
   */
  static UnreadableEntryException of(String what, List<byte[]> values,
      CorruptValueException[] failures, RocksDBException first) {
    int n = 0;
    for (CorruptValueException f : failures) {
      if (f != null) {
        n++;
      }
    }
    return new UnreadableEntryException("RocksDB could not read " + n + " of " + values.size()
        + " entries of " + what + ": " + first.getMessage(), values, failures, first);
  }

  /** The failure for one unreadable key, in the words the corruption log uses. */
  static CorruptValueException failure(ColumnFamily cf, RocksDBException e) {
    Status status = e.getStatus();
    String code = status == null ? "" : status.getCodeString() + " ";
    return new CorruptValueException("could not be read from " + cf.cfName() + ": " + code
        + "(" + e.getMessage() + ")", e);
  }

  /** The values read, in the order asked; null where absent or unreadable. */
  List<byte[]> values() {
    return values;
  }

  /** Why the key at {@code i} could not be read, or null if it was read (or is absent). */
  CorruptValueException failure(int i) {
    return failures[i];
  }
}
