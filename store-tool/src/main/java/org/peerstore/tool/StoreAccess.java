package org.peerstore.tool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Stream;
import org.peerstore.StorageException;
import org.peerstore.rocksdb.RocksMaintenance;
import org.peerstore.rocksdb.RocksPeerstore;
import org.peerstore.rocksdb.RocksPeerstoreBuilder;
import org.peerstore.rocksdb.WalRecovery;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/**
 * Opens store directories for the commands, turning every reason a directory cannot be used
 * (not a store, in use by another process, newer schema) into a {@link ToolException}, so that
 * the operator gets one line and exit code 2, or 3 when another process holds the store's lock.
 * Stateless and thread-safe.
 */
final class StoreAccess {
  private StoreAccess() {}

  /**
   * The decoded-state cache of stores the tool opens to export or import: small, since those
   * read or write each peer once.
   */
  static final long TOOL_CACHE_BYTES = 8L << 20;

  /**
   * A maintenance handle on the existing store in {@code dir}; warns on {@code ctx}'s error
   * output if opening it had to drop write-ahead log records.
   *
   * @throws ToolException if the store cannot be opened
   */
  static RocksMaintenance maintenance(Path dir, ToolContext ctx) {
    return maintenance(dir, ctx, false);
  }

  /**
   * A maintenance handle on the existing store in {@code dir}, read-only if {@code readOnly}
   * (nothing in the directory is written; works on a running store's directory).
   *
   * @throws ToolException if the store cannot be opened
   */
  static RocksMaintenance maintenance(Path dir, ToolContext ctx, boolean readOnly) {
    RocksMaintenance m;
    try {
      m = readOnly ? RocksMaintenance.openReadOnly(dir) : RocksMaintenance.open(dir);
    } catch (StorageException e) {
      throw refused(e);
    }
    warnAboutRecovery(ctx, dir, m.walRecovery());
    return m;
  }

  /**
   * Tells the operator, on one line of standard error, that opening {@code dir} lost writes
   * (docs/STORAGE.md, "Write-ahead log recovery"); nothing when nothing was dropped.
   */
  static void warnAboutRecovery(ToolContext ctx, Path dir, WalRecovery r) {
    if (r.lostWrites()) {
      ctx.err().println("peerstore-tool: warning: store " + dir + ": "
          + ErrorHandler.oneLine(r.describe()));
      ctx.err().flush();
    }
  }

  /**
   * The existing store in {@code dir}, with background garbage collection off (the tool changes
   * nothing the operator did not ask for).
   *
   * @throws ToolException if {@code dir} is not a store or cannot be opened
   */
  static RocksPeerstore existing(Path dir, ToolContext ctx) {
    requireStore(dir);
    return open(ctx, dir, ctx.clock(), TOOL_CACHE_BYTES, null, false);
  }

  /**
   * The existing store in {@code dir}, opened read-only: nothing in the directory is written,
   * so it works on a read-only mount, a full disk and a running store's directory.
   *
   * @throws ToolException if {@code dir} is not a store or cannot be opened
   */
  static RocksPeerstore existingReadOnly(Path dir, ToolContext ctx) {
    requireStore(dir);
    return open(ctx, dir, ctx.clock(), TOOL_CACHE_BYTES, null, true);
  }

  /**
   * The store in {@code dir}, created when {@code dir} does not exist or is an empty directory.
   *
   * @param cacheBytes the store's decoded-state cache budget
   * @param passphrase the private key passphrase to open the store with, or null for none
   * @throws ToolException if {@code dir} holds something else, or the store cannot be opened
   */
  static RocksPeerstore existingOrNew(ToolContext ctx, Path dir, Clock clock, long cacheBytes,
      char[] passphrase) {
    if (Files.exists(dir)) {
      if (!Files.isDirectory(dir)) {
        throw new ToolException(dir + " is not a directory");
      }
      if (!isEmpty(dir)) {
        requireStore(dir);
      }
    }
    return open(ctx, dir, clock, cacheBytes, passphrase, false);
  }

  /** Whether {@code dir} holds no store yet (missing or empty). */
  static boolean isNew(Path dir) {
    return !Files.exists(dir) || (Files.isDirectory(dir) && isEmpty(dir));
  }

  private static void requireStore(Path dir) {
    try {
      RocksMaintenance.requireStore(dir);
    } catch (StorageException e) {
      throw refused(e);
    }
  }

  private static RocksPeerstore open(ToolContext ctx, Path dir, Clock clock, long cacheBytes,
      char[] passphrase, boolean readOnly) {
    try {
      RocksPeerstoreBuilder b = RocksPeerstore.builder(dir)
          .clock(clock)
          .gcInterval(Duration.ZERO)
          .cacheSizeBytes(cacheBytes)
          .readOnly(readOnly);
      if (passphrase != null) {
        b.privateKeyProtection(passphrase);
      }
      RocksPeerstore ps = b.build();
      warnAboutRecovery(ctx, dir, ps.walRecovery());
      return ps;
    } catch (StorageException e) {
      throw refused(e);
    }
  }

  /**
   * The tool's failure for a store that could not be opened: exit code 3 when RocksDB could not
   * take the directory's LOCK file (another process has the store open), else 2.
   */
  static ToolException refused(StorageException e) {
    return isLockFailure(e) ? ToolException.inUse(e.getMessage(), e)
        : new ToolException(e.getMessage(), e);
  }

  /**
   * Whether {@code e} is RocksDB's refusal to lock the directory: an I/O error about its lock
   * (what store-rocksdb reports as "in use by another process").
   */
  private static boolean isLockFailure(StorageException e) {
    if (!(e.getCause() instanceof RocksDBException r)) {
      return false;
    }
    Status status = r.getStatus();
    boolean ioError = status == null || status.getCode() == Status.Code.IOError;
    return ioError && String.valueOf(r.getMessage()).toLowerCase(Locale.ROOT).contains("lock");
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new ToolException("cannot read directory " + dir + ": " + e.getMessage(), e);
    }
  }
}
