package org.peerstore.tool;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.time.Clock;
import java.util.Objects;

/**
 * What the tool's commands get from their environment: the clock every expiry decision reads,
 * where output and errors go, and whether error output is an interactive terminal (progress
 * bar) or a log (plain periodic lines). Tests build one around captured writers and a test
 * clock, and say whether error output counts as a terminal. The clock also times the progress
 * rate and ETA.
 *
 * @param clock the time source of every command (simulate starts its own simulated clock here)
 * @param out standard output: results
 * @param err standard error: progress, problems and error lines
 * @param terminal whether {@code err} is an interactive terminal
 * @param in standard input ({@code import --in -})
 */
public record ToolContext(Clock clock, PrintWriter out, PrintWriter err, boolean terminal,
    InputStream in) {

  /** Checks that no component is null. */
  public ToolContext {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Objects.requireNonNull(in, "in");
  }

  /** A context whose standard input is empty. */
  public ToolContext(Clock clock, PrintWriter out, PrintWriter err, boolean terminal) {
    this(clock, out, err, terminal, InputStream.nullInputStream());
  }

  /**
   * The real environment: the system UTC clock, {@code System.out} and {@code System.err} in the
   * console's charset, {@code System.in}, and a terminal when standard error is one
   * ({@link StderrTerminal}: not merely when {@code System.console()} is not null, which
   * ignores {@code 2>file}).
   */
  public static ToolContext system() {
    Charset charset = System.console() != null ? System.console().charset()
        : Charset.defaultCharset();
    return new ToolContext(Clock.systemUTC(), new PrintWriter(System.out, true, charset),
        new PrintWriter(System.err, true, charset), StderrTerminal.detect(), System.in);
  }
}
