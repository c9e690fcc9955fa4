package org.peerstore.tool;

/** How a command shows its progress on standard error ({@code --progress}). */
enum ProgressMode {
  /** A bar redrawn in place when standard error is a terminal, else {@link #PLAIN}. */
  AUTO,
  /** Plain lines (no carriage returns) at each tenth of the work, even on a terminal. */
  PLAIN,
  /** Nothing. */
  NONE
}
