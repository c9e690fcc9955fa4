package org.peerstore.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.rocksdb.RocksPeerstore;

/**
 * Where {@code export --out} writes: it used to replace a symbolic link, a FIFO or a device
 * with a regular file, create a file named {@code -}, and leave a complete world-readable
 * {@code DIR.partial} behind when given a directory. Now: {@code -} is standard output; only an
 * absent path or a regular file is accepted; the temporary file is owner-only, next to the
 * target, and gone after every failure.
 */
class ExportTargetTest {
  private final Fixture fx = new Fixture();

  @TempDir
  Path tmp;

  private Path store;
  private Path out;

  @BeforeEach
  void fill() throws Exception {
    store = tmp.resolve("store");
    try (RocksPeerstore ps = fx.open(store)) {
      fx.populate(ps, 3);
    }
    out = Files.createDirectory(tmp.resolve("out"));
  }

  private Tool.Run export(Path target) {
    return Tool.run(fx.clock, "export", "--db", store.toString(), "--out", target.toString());
  }

  private List<String> outDir() throws Exception {
    try (Stream<Path> files = Files.list(out)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aSymbolicLinkIsRefusedAndLeftAlone() throws Exception {
    Path real = Files.writeString(out.resolve("real.txt"), "keep me");
    Path link = Files.createSymbolicLink(out.resolve("link.jsonl"), real);
    Tool.Run r = export(link);
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("is a symbolic link");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(real)).isEqualTo("keep me");
    assertThat(outDir()).containsExactly("link.jsonl", "real.txt");
  }

  @Test
  void aDirectoryIsRefusedAndNoTemporaryFileStays() throws Exception {
    Path dir = Files.createDirectory(out.resolve("dir"));
    Tool.Run r = export(dir);
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("is a directory");
    assertThat(outDir()).containsExactly("dir");
  }

  @Test
  void aFifoIsRefused() throws Exception {
    Path fifo = out.resolve("fifo");
    Process mk;
    try {
      mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    } catch (java.io.IOException e) {
      mk = null;
    }
    assumeTrue(mk != null && mk.waitFor(30, TimeUnit.SECONDS) && mk.exitValue() == 0,
        "mkfifo is not available");
    Tool.Run r = export(fifo);
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("not a regular file");
    assertThat(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(outDir()).containsExactly("fifo");
  }

  @Test
  void dashWritesToStandardOutput() throws Exception {
    boolean dashBefore = Files.exists(Path.of("-"));
    Tool.Run r = Tool.run(fx.clock, "export", "--db", store.toString(), "--out", "-");
    assertThat(r.code()).as(r.toString()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).startsWith("{\"format\":\"peerstore-export\"");
    assertThat(lines.get(4)).isEqualTo("{\"end\":\"peerstore-export\",\"peers\":3,\"bans\":0}");
    assertThat(r.err()).contains("export: wrote 3 peers to -");
    assertThat(Files.exists(Path.of("-"))).isEqualTo(dashBefore).isFalse();
    // And what it wrote imports.
    Path saved = Files.writeString(out.resolve("saved.jsonl"), r.out(), StandardCharsets.UTF_8);
    Tool.Run im = Tool.run(fx.clock, "import", "--db", tmp.resolve("dst").toString(), "--in",
        saved.toString());
    assertThat(im.code()).as(im.toString()).isZero();
  }

  @Test
  void theFileIsOwnerOnlyAndReplacesARegularFile() throws Exception {
    assumeTrue(out.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path file = Files.writeString(out.resolve("e.jsonl"), "old\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    Tool.Run r = export(file);
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(Files.readAllLines(file)).hasSize(5);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(outDir()).containsExactly("e.jsonl");
  }
}
