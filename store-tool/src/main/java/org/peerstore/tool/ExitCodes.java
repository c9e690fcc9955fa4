package org.peerstore.tool;

/** The tool's exit codes. */
final class ExitCodes {
  private ExitCodes() {}

  /** The command did what was asked and every check passed. */
  static final int OK = 0;
  /** A check failed (verify found problems, import refused lines, dump found nothing) or the
   * operation failed part-way (a storage error). */
  static final int FAILED = 1;
  /** Bad usage or bad input: unknown option, wrong directory, unreadable file. */
  static final int USAGE = 2;
}
