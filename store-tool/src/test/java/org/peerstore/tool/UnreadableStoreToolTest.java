package org.peerstore.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.rocksdb.RocksPeerstore;

/**
 * A store whose {@code records} table file has a block that fails its checksum: {@code export}
 * used to exit 0 with records silently missing from the file. Now it exits 1 naming what it
 * could not read and writes nothing, unless {@code --skip-unreadable}, which exports the rest
 * and counts what it skipped.
 */
class UnreadableStoreToolTest {
  private static final int PEERS = 300;
  private final Fixture fx = new Fixture();

  @TempDir
  Path tmp;

  private Path dir;

  @BeforeEach
  void damage() throws Exception {
    dir = tmp.resolve("store");
    try (RocksPeerstore ps = fx.open(dir)) {
      fx.populate(ps, PEERS);
    }
    RawStore.flipMiddleOfNewestSst(dir, "records", 16);
  }

  @Test
  void exportFailsNamingWhatItCouldNotRead() throws Exception {
    Path out = tmp.resolve("out.jsonl");
    Tool.Run r = Tool.run(fx.clock, "export", "--db", dir.toString(), "--out", out.toString());
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.err()).as(r.toString()).contains("could not read").contains("records")
        .contains("--skip-unreadable");
    assertThat(out).doesNotExist();
    try (java.util.stream.Stream<Path> files = Files.list(tmp)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .as("no temporary file left").containsExactly("store");
    }
  }

  @Test
  void skipUnreadableExportsTheRestAndCountsWhatItSkipped() throws Exception {
    Path out = tmp.resolve("out.jsonl");
    Tool.Run r = Tool.run(fx.clock, "export", "--db", dir.toString(), "--out", out.toString(),
        "--skip-unreadable");
    assertThat(r.code()).as(r.toString()).isZero();
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertThat(lines).as("header, peers, trailer").hasSize(PEERS + 2);
    long withRecord = lines.stream().skip(1).filter(l -> l.contains("\"record\"")).count();
    long skipped = PEERS - withRecord;
    assertThat(skipped).as("the damage hit some records").isPositive();
    assertThat(r.out()).as(r.toString())
        .contains("skipped " + skipped + " unreadable entries (records: " + skipped + ")");
  }
}
