package org.peerstore.rocksdb;

import java.nio.file.Path;
import java.util.Locale;
import org.peerstore.StorageException;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/** Turns RocksDB failures into {@link StorageException}s that name what failed. */
final class StorageErrors {
  private StorageErrors() {}

  /** A failure of {@code what} (a short verb phrase, e.g. "write addresses"). */
  static StorageException of(String what, RocksDBException e) {
    return new StorageException("RocksDB failed to " + what + ": " + describe(e), e);
  }

  /**
   * A failure to open {@code dir}; says "in use by another process" when RocksDB could not take
   * the directory's LOCK file.
   */
  static StorageException ofOpen(Path dir, RocksDBException e) {
    if (isLockFailure(e)) {
      return new StorageException(
          "store directory " + dir + " is in use by another process (or another open store in"
              + " this process): RocksDB could not lock it: " + describe(e),
          e);
    }
    return new StorageException("could not open store directory " + dir + ": " + describe(e), e);
  }

  private static boolean isLockFailure(RocksDBException e) {
    Status status = e.getStatus();
    boolean ioError = status == null || status.getCode() == Status.Code.IOError;
    String text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    return ioError && (text.contains("lock"));
  }

  private static String describe(RocksDBException e) {
    Status status = e.getStatus();
    String message = e.getMessage();
    if (status == null) {
      return message;
    }
    return status.getCodeString() + (message == null ? "" : " (" + message + ")");
  }
}
