package org.peerstore.tool;

/**
 * The tool's exit codes, and the lines every command's help lists them with (the
 * {@link ExitCodeHelp} mixin).
 */
final class ExitCodes {
  private ExitCodes() {}

  /** The command did what was asked and every check passed. */
  static final int OK = 0;
  /** A check failed (verify found problems, import refused lines, dump found nothing) or the
   * operation failed part-way (a storage error). */
  static final int FAILED = 1;
  /** Bad usage or bad input: unknown option, wrong directory, unreadable file. */
  static final int USAGE = 2;
  /**
   * The store is in use: another process (a running node, another tool) holds its RocksDB lock.
   * Retrying once that process has stopped may succeed.
   */
  static final int IN_USE = 3;

  /** The help line of {@link #OK}. */
  static final String OK_LINE = "0:success";
  /** The help line of {@link #FAILED}. */
  static final String FAILED_LINE =
      "1:a check failed (verify, import, dump) or the operation failed";
  /** The help line of {@link #USAGE}. */
  static final String USAGE_LINE = "2:bad usage or bad input (unknown option, not a store, newer"
      + " schema, unreadable file)";
  /** The help line of {@link #IN_USE}. */
  static final String IN_USE_LINE =
      "3:the store is in use or locked by another process (a running node)";
  /** The heading of the list. */
  static final String HEADING = "%nExit codes:%n";
}
