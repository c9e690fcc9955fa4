package org.peerstore.tool;

/**
 * A failure the tool reports as one line on standard error with its own exit code: bad usage or
 * bad input (exit code 2: a path that is not a store, a store written by a newer schema, an
 * unreadable export file, an invalid peer id), or a store in use by another process (exit code
 * 3, {@link #inUse}). Unchecked; the message is the whole line. Immutable.
 */
public final class ToolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  /** Bad usage or input (exit code 2) with the line to show. */
  public ToolException(String message) {
    this(message, null, ExitCodes.USAGE);
  }

  /** Bad usage or input (exit code 2) with the line to show and its cause (never shown). */
  public ToolException(String message, Throwable cause) {
    this(message, cause, ExitCodes.USAGE);
  }

  private ToolException(String message, Throwable cause, int exitCode) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** A store in use by another process (exit code 3) with the line to show and its cause. */
  public static ToolException inUse(String message, Throwable cause) {
    return new ToolException(message, cause, ExitCodes.IN_USE);
  }

  /** The exit code the tool ends with: 2 bad usage or input, 3 store in use. */
  public int exitCode() {
    return exitCode;
  }
}
