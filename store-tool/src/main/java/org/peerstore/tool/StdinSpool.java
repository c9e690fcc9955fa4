package org.peerstore.tool;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Standard input saved to a file, so that {@code import --in -} keeps import's all-or-nothing
 * guarantee: the importer reads its file twice (every line checked before any is imported), which
 * a stream cannot be. The file is created owner-only (0600 where the file system is POSIX: an
 * export may hold private keys) in the directory that holds the store directory (same disk, and
 * not inside the store, which must stay a RocksDB directory), filled with all of standard input
 * before the store is opened, and deleted by {@link #close}. A stream cut short leaves a file
 * without its trailer line, which the importer refuses as incomplete.
 *
 * <p>Not thread-safe: one import uses one spool.
 */
final class StdinSpool implements AutoCloseable {
  private final Path file;

  private StdinSpool(Path file) {
    this.file = file;
  }

  /**
   * All of {@code in} saved to a new file next to {@code storeDir}.
   *
   * @throws ToolException if the file cannot be created or written (nothing is left behind)
   */
  static StdinSpool of(InputStream in, Path storeDir) {
    Path parent = storeDir.toAbsolutePath().normalize().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new ToolException("cannot import from standard input: the directory " + parent
          + " that is to hold " + storeDir + " does not exist");
    }
    Path file;
    try {
      file = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
          ? Files.createTempFile(parent, ".peerstore-import-", ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
          : Files.createTempFile(parent, ".peerstore-import-", ".tmp");
    } catch (IOException e) {
      throw new ToolException("cannot import from standard input: cannot create a file in "
          + parent + " to hold it: " + e.getMessage(), e);
    }
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
      in.transferTo(out);
    } catch (IOException e) {
      deleteQuietly(file);
      throw new ToolException("cannot import from standard input: cannot save it to " + file
          + ": " + e.getMessage(), e);
    }
    return new StdinSpool(file);
  }

  /** The saved copy of standard input. */
  Path file() {
    return file;
  }

  /** {@code message} with the spool file named as standard input ("-"). */
  String named(String message) {
    return message.replace(file.toString(), "-");
  }

  /** Deletes the file. */
  @Override
  public void close() {
    deleteQuietly(file);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Left behind: a hidden .peerstore-import-*.tmp next to the store; nothing reads it.
    }
  }
}
