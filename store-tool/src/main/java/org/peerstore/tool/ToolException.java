package org.peerstore.tool;

/**
 * Bad usage or bad input the tool reports as one line on standard error with exit code 2: a
 * path that is not a store, a store in use by another process or written by a newer schema, an
 * unreadable export file, an invalid peer id. Unchecked; the message is the whole line.
 */
public final class ToolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with the line to show. */
  public ToolException(String message) {
    super(message);
  }

  /** Creates the exception with the line to show and its cause (never shown). */
  public ToolException(String message, Throwable cause) {
    super(message, cause);
  }
}
