package org.peerstore.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.rocksdb.RocksPeerstore;

/**
 * The tool on a store whose newest write-ahead log was cut in half: the open that recovers it
 * used to lose peers with exit 0 and no word. Now every command that opens it prints one warning
 * line, and {@code stats} shows what recovery dropped; read-only commands repeat it until a
 * writing one has recovered the store.
 */
class TruncatedWalToolTest {
  private final Fixture fx = new Fixture();

  @TempDir
  Path tmp;

  @Test
  void theOpenThatRecoversACutLogSaysWritesWereLost() throws Exception {
    Path dir = tmp.resolve("store");
    try (RocksPeerstore ps = fx.open(dir)) {
      fx.populate(ps, 100);
    }
    Path wal;
    try (Stream<Path> files = Files.list(dir)) {
      wal = files.filter(f -> f.getFileName().toString().endsWith(".log"))
          .max(Path::compareTo).orElseThrow();
    }
    try (RandomAccessFile f = new RandomAccessFile(wal.toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }
    Tool.Run r = Tool.run(fx.clock, "stats", "--db", dir.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.err()).as(r.toString()).contains("warning: store " + dir)
        .contains("write-ahead log recovery stopped at").contains("are lost")
        .contains(wal.getFileName().toString());
    assertThat(r.out()).contains("wal recovery      dropped 1 torn or damaged records");

    // stats opens read-only and persists nothing: it says so again, until a writing command
    // (here gc) recovers the store for good, saying so once more.
    Tool.Run again = Tool.run(fx.clock, "stats", "--db", dir.toString());
    assertThat(again.err()).contains("write-ahead log recovery stopped at");
    Tool.Run gc = Tool.run(fx.clock, "gc", "--db", dir.toString());
    assertThat(gc.code()).as(gc.toString()).isZero();
    assertThat(gc.err()).contains("write-ahead log recovery stopped at");
    Tool.Run after = Tool.run(fx.clock, "stats", "--db", dir.toString());
    assertThat(after.code()).isZero();
    assertThat(after.err() + after.out()).doesNotContain("wal recovery").doesNotContain("warning");
  }
}
