package org.peerstore.tool;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** Runs {@code peerstore-tool} in-process with captured output, as the tests' operator. */
final class Tool {
  private Tool() {}

  /**
   * What one run printed and returned.
   *
   * @param code the exit code
   * @param out standard output
   * @param err standard error
   */
  record Run(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  /**
   * Writes {@code lines} to {@code tmp/in.jsonl} and imports it into the store {@code tmp/dst}.
   */
  static Run importLines(Clock clock, Path tmp, List<String> lines) throws IOException {
    Path in = tmp.resolve("in.jsonl");
    Files.write(in, lines, StandardCharsets.UTF_8);
    return run(clock, "import", "--db", tmp.resolve("dst").toString(), "--in", in.toString());
  }

  /** Runs {@code args} with {@code clock}, error output not a terminal. */
  static Run run(Clock clock, String... args) {
    return run(clock, false, args);
  }

  /** Runs {@code args} with {@code clock}; {@code terminal} decides how progress is drawn. */
  static Run run(Clock clock, boolean terminal, String... args) {
    return run(clock, terminal, new byte[0], args);
  }

  /** Runs {@code args} with {@code clock} and {@code stdin} as standard input. */
  static Run runWithInput(Clock clock, byte[] stdin, String... args) {
    return run(clock, false, stdin, args);
  }

  private static Run run(Clock clock, boolean terminal, byte[] stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = PeerstoreTool.run(new ToolContext(clock, new PrintWriter(out),
        new PrintWriter(err), terminal, new java.io.ByteArrayInputStream(stdin)), args);
    return new Run(code, out.toString(), err.toString());
  }
}
