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
import org.peerstore.rocksdb.RocksPeerstore;
import org.peerstore.tool.export.ExportFormat;

/**
 * What {@code import} reads: a line of gigabytes used to end in an {@code OutOfMemoryError}
 * stack trace, and a pipe read as "is empty" (the file is read twice). Now a line longer than
 * {@link ExportFormat#MAX_LINE_CHARS} is refused after that many characters, with one line and
 * exit code 2; {@code --in -} saves standard input to an owner-only file first, so a bad or
 * missing line still imports nothing; a named pipe is refused saying a regular file is needed.
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
  void standardInputIsSavedFirstSoThatABadLineStillImportsNothing() throws Exception {
    Path src = tmp.resolve("src");
    java.util.Map<org.peerstore.peer.PeerId, org.peerstore.PeerSnapshot> before;
    try (RocksPeerstore ps = fx.open(src)) {
      fx.populate(ps, 4);
    }
    before = fx.reopenedSnapshots(src);
    Path file = tmp.resolve("e.jsonl");
    assertThat(Tool.run(fx.clock, "export", "--db", src.toString(), "--out", file.toString())
        .code()).isZero();
    byte[] export = Files.readAllBytes(file);

    Tool.Run ok = Tool.runWithInput(fx.clock, export, "import", "--db",
        tmp.resolve("dst").toString(), "--in", "-");
    assertThat(ok.code()).as(ok.toString()).isZero();
    assertThat(ok.out()).contains("imported 4 peers from -");
    assertThat(fx.reopenedSnapshots(tmp.resolve("dst"))).isEqualTo(before);

    // A bad last line: checked before anything is imported, so nothing is.
    String text = new String(export, StandardCharsets.UTF_8);
    int cut = text.lastIndexOf('\n', text.length() - 2);
    byte[] bad = (text.substring(0, cut + 1) + "{\"peer\":\"nope\"}\n")
        .getBytes(StandardCharsets.UTF_8);
    Tool.Run refused = Tool.runWithInput(fx.clock, bad, "import", "--db",
        tmp.resolve("dst2").toString(), "--in", "-");
    assertThat(refused.code()).as(refused.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(refused.err()).contains(System.lineSeparator() + "-:6: peer: ")
        .doesNotContain(".peerstore-import-");
    assertThat(refused.out()).contains("nothing imported");
    try (RocksPeerstore ps = fx.open(tmp.resolve("dst2"))) {
      assertThat(ps.peers()).isEmpty();
    }

    // Cut short (no trailer): refused as incomplete.
    byte[] cutShort = text.substring(0, cut + 1).getBytes(StandardCharsets.UTF_8);
    Tool.Run incomplete = Tool.runWithInput(fx.clock, cutShort, "import", "--db",
        tmp.resolve("dst3").toString(), "--in", "-");
    assertThat(incomplete.code()).as(incomplete.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(incomplete.out()).contains("incomplete, nothing imported");

    // Empty standard input: no header, bad input; no spool file is left behind.
    Tool.Run empty = Tool.runWithInput(fx.clock, new byte[0], "import", "--db",
        tmp.resolve("dst4").toString(), "--in", "-");
    assertThat(empty.code()).as(empty.toString()).isEqualTo(ExitCodes.USAGE);
    UsageTest.assertOneLine(empty.err());
    assertThat(empty.err()).doesNotContain(".peerstore-import-");
    try (java.util.stream.Stream<Path> left = Files.list(tmp)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.startsWith(".peerstore-import-"));
    }
  }

  @Test
  void theSpoolIsOwnerOnly() throws Exception {
    assumeTrue(java.nio.file.FileSystems.getDefault().supportedFileAttributeViews()
        .contains("posix"));
    try (StdinSpool spool = StdinSpool.of(
        new java.io.ByteArrayInputStream("x\n".getBytes(StandardCharsets.UTF_8)),
        tmp.resolve("store"))) {
      assertThat(spool.file().getParent()).isEqualTo(tmp.toAbsolutePath().normalize());
      assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
          Files.getPosixFilePermissions(spool.file()))).isEqualTo("rw-------");
      assertThat(Files.readString(spool.file())).isEqualTo("x\n");
      assertThat(spool.named("bad " + spool.file() + ": x")).isEqualTo("bad -: x");
    }
  }

  @Test
  void pipesAreRefusedSayingAFileIsNeeded() throws Exception {
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
