package org.peerstore.rocksdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.peerstore.StorageException;

/**
 * Says precisely why a path cannot be opened as an existing store, before RocksDB is asked
 * (whose answers for these cases sent operators the wrong way: "no RocksDB database in it" for
 * a permission problem or a deleted {@code CURRENT}, "lacks the column families" for a deleted
 * {@code MANIFEST}): no such directory, a file rather than a directory, permission denied, a
 * missing {@code CURRENT} in a directory that holds RocksDB files, a {@code CURRENT} naming a
 * missing {@code MANIFEST}. Stateless.
 */
final class StoreDirectory {
  private StoreDirectory() {}

  /**
   * Checks what can be checked of {@code dir} without RocksDB.
   *
   * @throws StorageException naming the problem
   */
  static void diagnose(Path dir) {
    if (!Files.exists(dir)) {
      throw new StorageException(dir + " is not a peerstore store: no such directory");
    }
    if (!Files.isDirectory(dir)) {
      throw new StorageException(dir + " is not a directory (it is a file; --db and the"
          + " builder take the store's directory)");
    }
    if (!Files.isReadable(dir) || !Files.isExecutable(dir)) {
      throw new StorageException("permission denied: cannot read the store directory " + dir
          + " (run as a user that may read it)");
    }
    Path current = dir.resolve("CURRENT");
    if (!Files.exists(current)) {
      List<String> rocksFiles = rocksFiles(dir);
      if (!rocksFiles.isEmpty()) {
        throw new StorageException("store " + dir + " has no CURRENT file (deleted or lost?)"
            + " although it holds RocksDB files " + rocksFiles + "; RocksDB cannot open it"
            + " without one");
      }
      return; // no database at all: the caller's message says so
    }
    if (!Files.isReadable(current)) {
      throw new StorageException("permission denied: cannot read " + current);
    }
    String manifest;
    try {
      manifest = Files.readString(current, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new StorageException("cannot read " + current + ": " + e.getMessage(), e);
    }
    if (manifest.startsWith("MANIFEST-") && !Files.exists(dir.resolve(manifest))) {
      throw new StorageException("store " + dir + ": its CURRENT file names " + manifest
          + ", which is missing (deleted or lost?); RocksDB cannot open the store without it");
    }
    if (Files.exists(dir.resolve(manifest)) && !Files.isReadable(dir.resolve(manifest))) {
      throw new StorageException("permission denied: cannot read " + dir.resolve(manifest));
    }
  }

  private static List<String> rocksFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString())
          .filter(n -> n.startsWith("MANIFEST-") || n.endsWith(".sst") || n.endsWith(".log")
              || n.startsWith("OPTIONS-"))
          .sorted().limit(5).toList();
    } catch (IOException e) {
      throw new StorageException("permission denied or unreadable: cannot list the store"
          + " directory " + dir + ": " + e.getMessage(), e);
    }
  }
}
