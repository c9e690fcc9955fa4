package org.peerstore.tool.export;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where an export file goes (docs/EXPORT-FORMAT.md, "Writing the file"): the target must be
 * absent or a regular file, never followed through a symbolic link and never a FIFO, device or
 * directory; the file is written to a temporary file created owner-only ({@code 0600}) in the
 * target's directory and renamed over the target only when complete, after checking the target
 * again. Stateless and thread-safe.
 */
final class ExportTarget {
  private ExportTarget() {}

  /**
   * Checks that {@code target} is absent or a regular file (not a symbolic link to one).
   *
   * @throws IOException naming what it is otherwise
   */
  static void check(Path target) throws IOException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (java.nio.file.NoSuchFileException e) {
      return;
    }
    String what;
    if (a.isRegularFile()) {
      return;
    } else if (a.isSymbolicLink()) {
      what = "a symbolic link (refused: the export would replace the link, not write where it"
          + " points; give the real path)";
    } else if (a.isDirectory()) {
      what = "a directory";
    } else {
      what = "not a regular file (a FIFO, socket or device; use --out - to write to standard"
          + " output)";
    }
    throw new IOException(target + " is " + what);
  }

  /** A new, empty, owner-only temporary file next to {@code target}. */
  static Path createTemp(Path target) throws IOException {
    Path dir = target.getParent();
    String prefix = "." + target.getFileName() + ".";
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return Files.createTempFile(dir, prefix, ".partial",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    return Files.createTempFile(dir, prefix, ".partial");
  }

  /**
   * Renames the complete {@code tmp} over {@code target}, after checking again that the target
   * is absent or a regular file.
   */
  static void moveIntoPlace(Path tmp, Path target) throws IOException {
    check(target);
    try {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
