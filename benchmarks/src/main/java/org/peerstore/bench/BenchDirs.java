package org.peerstore.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Scratch directories for RocksDB stores: created under the directory named by the system
 * property {@value #DIR_PROPERTY} (default {@code java.io.tmpdir}), deleted when a target
 * closes. Put them on the disk you want to measure.
 *
 * <p>Stateless and thread-safe.
 */
public final class BenchDirs {
  /** System property naming where scratch directories go. */
  public static final String DIR_PROPERTY = "peerstore.bench.dir";

  private BenchDirs() {}

  /**
   * A new empty directory whose name starts with {@code prefix}.
   *
   * @throws UncheckedIOException if it cannot be created
   */
  public static Path create(String prefix) {
    try {
      Path parent = Path.of(System.getProperty(DIR_PROPERTY, System.getProperty("java.io.tmpdir")));
      Files.createDirectories(parent);
      return Files.createTempDirectory(parent, prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a scratch directory: " + e.getMessage(), e);
    }
  }

  /**
   * Deletes {@code dir} and everything in it; a missing directory is fine.
   *
   * @throws UncheckedIOException if something cannot be deleted
   */
  public static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir + ": " + e.getMessage(), e);
    }
  }
}
