package org.peerstore.tool.export;

/**
 * An export file that cannot be used at all: missing, unreadable, not UTF-8 text, without a
 * valid header line, or of a newer format version. (A bad peer line is reported as a
 * {@link Importer.BadLine} instead.) The message names the file and the problem.
 */
public final class ExportFileException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the file and the problem. */
  public ExportFileException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public ExportFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
