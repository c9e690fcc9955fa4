package org.peerstore.tool;

import java.io.PrintWriter;
import org.peerstore.rocksdb.MaintenanceProgress;

/**
 * Shows the progress of a long operation on standard error: a bar redrawn in place on a
 * terminal, or a plain line at each tenth of the work when the output is a log (so CI logs stay
 * short). With an unknown total, plain lines come every {@value #UNKNOWN_TOTAL_STEP} units.
 * Drawing depends only on the work done, never on time.
 *
 * <p>Not thread-safe: one operation reports from one thread.
 */
final class Progress implements MaintenanceProgress, AutoCloseable {
  private static final int BAR_WIDTH = 30;
  private static final long UNKNOWN_TOTAL_STEP = 100_000;

  private final PrintWriter err;
  private final boolean terminal;
  private final String task;
  private final String unit;
  private long lastShown = -1;
  private boolean drawn;

  private Progress(PrintWriter err, boolean terminal, String task, String unit) {
    this.err = err;
    this.terminal = terminal;
    this.task = task;
    this.unit = unit;
  }

  /**
   * Progress of {@code task} counted in {@code unit}s (e.g. "peers"), drawn as the context
   * says.
   */
  static Progress start(ToolContext context, String task, String unit) {
    return new Progress(context.err(), context.terminal(), task, unit);
  }

  @Override
  public void update(long done, long total) {
    if (terminal) {
      long permille = total > 0 ? Math.min(1000, done * 1000 / total) : done;
      if (permille != lastShown) {
        lastShown = permille;
        err.print("\r" + bar(done, total));
        err.flush();
        drawn = true;
      }
      return;
    }
    long step = total > 0 ? Math.min(10, done * 10 / total) : done / UNKNOWN_TOTAL_STEP;
    if (step > lastShown && step > 0) {
      lastShown = step;
      err.println(line(done, total));
      err.flush();
    }
  }

  private String bar(long done, long total) {
    if (total <= 0) {
      return task + ": " + done + " " + unit;
    }
    long shown = Math.min(done, total);
    int filled = (int) (shown * BAR_WIDTH / total);
    return task + " [" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] "
        + String.format("%3d%%", shown * 100 / total) + " " + done + "/" + total + " " + unit;
  }

  private String line(long done, long total) {
    if (total <= 0) {
      return task + ": " + done + " " + unit;
    }
    return task + ": " + Math.min(100, done * 100 / total) + "% (" + done + "/" + total + " "
        + unit + ")";
  }

  /** Ends the bar's line on a terminal, so that what follows starts on a new one. */
  @Override
  public void close() {
    if (terminal && drawn) {
      err.println();
      err.flush();
    }
  }
}
