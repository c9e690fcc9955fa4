package org.peerstore.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.tool.export.ExportFormat;

/**
 * What {@code import} reads: a line of gigabytes used to end in an {@code OutOfMemoryError}
 * stack trace, and a pipe read as "is empty" (the file is read twice). Now a line longer than
 * {@link ExportFormat#MAX_LINE_CHARS} is refused after that many characters, with one line and
 * exit code 2, and a pipe or standard input is refused saying a regular file is needed.
 */
class ImportInputTest {
  private final Fixture fx = new Fixture();

  @TempDir
  Path tmp;

  @Test
  void aLineBeyondTheLimitIsRefusedWithoutReadingItWhole() throws Exception {
    Path file = tmp.resolve("huge.jsonl");
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("{\"format\":\"peerstore-export\",\"version\":2,\"peers\":1}\n");
      w.write("{\"peer\":\"");
      char[] chunk = new char[1 << 20];
      java.util.Arrays.fill(chunk, 'a');
      for (int i = 0; i < 17; i++) {
        w.write(chunk);
      }
      w.write("\"}\n");
    }
    Tool.Run r = Tool.run(fx.clock, "import", "--db", tmp.resolve("dst").toString(), "--in",
        file.toString());
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    UsageTest.assertOneLine(r.err());
    assertThat(r.err()).contains("line 2 is longer than " + ExportFormat.MAX_LINE_CHARS
        + " characters").contains("nothing was imported");
  }

  @Test
  void aLineJustWithinTheLimitIsReadAsALine() throws Exception {
    Path file = tmp.resolve("long.jsonl");
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("{\"format\":\"peerstore-export\",\"version\":2,\"peers\":1}\r\n");
      String prefix = "{\"peer\":\"";
      String suffix = "\"}";
      char[] body = new char[ExportFormat.MAX_LINE_CHARS - prefix.length() - suffix.length()];
      java.util.Arrays.fill(body, 'a');
      w.write(prefix);
      w.write(body);
      w.write(suffix);
      w.write("\r\n{\"end\":\"peerstore-export\",\"peers\":1}\n");
    }
    Tool.Run r = Tool.run(fx.clock, "import", "--db", tmp.resolve("dst").toString(), "--in",
        file.toString());
    // Read whole and found bad (not a peer id), not refused for its length.
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.err()).contains(":2: peer: ").doesNotContain("longer than");
  }

  @Test
  void standardInputAndPipesAreRefusedSayingAFileIsNeeded() throws Exception {
    Tool.Run dash = Tool.run(fx.clock, "import", "--db", tmp.resolve("dst").toString(), "--in",
        "-");
    assertThat(dash.code()).as(dash.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(dash.err()).contains("cannot import from standard input")
        .contains("save the stream to a file first");

    Path fifo = tmp.resolve("fifo");
    Process mk;
    try {
      mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    } catch (java.io.IOException e) {
      mk = null;
    }
    assumeTrue(mk != null && mk.waitFor(30, TimeUnit.SECONDS) && mk.exitValue() == 0,
        "mkfifo is not available");
    Tool.Run pipe = Tool.run(fx.clock, "import", "--db", tmp.resolve("dst").toString(), "--in",
        fifo.toString());
    assertThat(pipe.code()).as(pipe.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(pipe.err()).contains("not a regular file").doesNotContain("is empty");
  }
}
