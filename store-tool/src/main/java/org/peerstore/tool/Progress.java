package org.peerstore.tool;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.peerstore.rocksdb.MaintenanceProgress;

/**
 * Shows the progress of a long operation on standard error: a bar redrawn in place when it is a
 * terminal, or a plain line (never a carriage return) at each tenth of the work when it is a log
 * or a file, or nothing ({@link ProgressMode}). With an unknown total, plain lines come every
 * {@value #UNKNOWN_TOTAL_STEP} units. When is drawn depends only on the work done; the rate and
 * the estimated time left are shown once the context's clock has moved since the start.
 *
 * <p>Not thread-safe: one operation reports from one thread.
 */
final class Progress implements MaintenanceProgress, AutoCloseable {
  private static final int BAR_WIDTH = 30;
  private static final long UNKNOWN_TOTAL_STEP = 100_000;

  private final PrintWriter err;
  private final ProgressMode mode;
  private final Clock clock;
  private final Instant started;
  private final String task;
  private final String unit;
  private long lastShown = -1;
  private int lastWidth;
  private boolean drawn;

  private Progress(PrintWriter err, ProgressMode mode, Clock clock, String task, String unit) {
    this.err = err;
    this.mode = mode;
    this.clock = clock;
    this.started = clock.instant();
    this.task = task;
    this.unit = unit;
  }

  /**
   * Progress of {@code task} counted in {@code unit}s (e.g. "peers"): a bar if the context's
   * standard error is a terminal, else plain lines.
   */
  static Progress start(ToolContext context, String task, String unit) {
    return start(context, ProgressMode.AUTO, task, unit);
  }

  /** Progress of {@code task} counted in {@code unit}s, drawn as {@code mode} says. */
  static Progress start(ToolContext context, ProgressMode mode, String task, String unit) {
    ProgressMode m = mode == ProgressMode.AUTO && !context.terminal() ? ProgressMode.PLAIN : mode;
    return new Progress(context.err(), m, context.clock(), task, unit);
  }

  @Override
  public void update(long done, long total) {
    if (mode == ProgressMode.NONE) {
      return;
    }
    if (mode == ProgressMode.AUTO) { // on a terminal
      long permille = total > 0 ? Math.min(1000, done * 1000 / total) : done;
      if (permille != lastShown) {
        lastShown = permille;
        String bar = bar(done, total) + rate(done, total);
        // Spaces clear what a longer previous drawing left.
        err.print("\r" + bar + " ".repeat(Math.max(0, lastWidth - bar.length())));
        lastWidth = bar.length();
        err.flush();
        drawn = true;
      }
      return;
    }
    long step = total > 0 ? Math.min(10, done * 10 / total) : done / UNKNOWN_TOTAL_STEP;
    if (step > lastShown && step > 0) {
      lastShown = step;
      err.println(line(done, total) + rate(done, total));
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

  /**
   * ", 1234 peers/s, ETA 0:42" once the clock has moved and some work is done (the ETA only
   * with a known total and work left); empty before.
   */
  private String rate(long done, long total) {
    long millis = Duration.between(started, clock.instant()).toMillis();
    if (millis <= 0 || done <= 0) {
      return "";
    }
    double perSecond = done * 1000.0 / millis;
    StringBuilder s = new StringBuilder(", ").append(Math.round(perSecond)).append(' ')
        .append(unit).append("/s");
    if (total > 0 && done < total) {
      long secondsLeft = (long) Math.ceil((total - done) / perSecond);
      s.append(", ETA ").append(clockTime(secondsLeft));
    }
    return s.toString();
  }

  /** {@code seconds} as m:ss, or h:mm:ss from an hour. */
  static String clockTime(long seconds) {
    long h = seconds / 3600;
    long m = seconds / 60 % 60;
    long sec = seconds % 60;
    return h > 0 ? String.format("%d:%02d:%02d", h, m, sec) : String.format("%d:%02d", m, sec);
  }

  /** Ends the bar's line on a terminal, so that what follows starts on a new one. */
  @Override
  public void close() {
    if (mode == ProgressMode.AUTO && drawn) {
      err.println();
      err.flush();
    }
  }
}
