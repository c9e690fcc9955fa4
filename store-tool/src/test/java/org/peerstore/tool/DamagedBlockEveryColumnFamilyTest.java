package org.peerstore.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerstore.rocksdb.RocksPeerstore;

/**
 * A block failing its checksum in each column family that {@code export} reads: whichever it
 * is, export fails with exit code 1 naming what it could not read (the entries, or the scan
 * that met the block), and leaves no file behind. It never reports success with peers or books
 * missing.
 */
class DamagedBlockEveryColumnFamilyTest {
  private final Fixture fx = new Fixture();

  @TempDir
  Path tmp;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"addrs", "records", "keys", "protocols", "metadata"})
  void exportNeverSucceedsOverADamagedBlock(String cf) throws Exception {
    Path dir = tmp.resolve("store");
    try (RocksPeerstore ps = fx.open(dir)) {
      fx.populate(ps, 300);
    }
    RawStore.flipMiddleOfNewestSst(dir, cf, 16);
    Path out = tmp.resolve("out.jsonl");
    Tool.Run r = Tool.run(fx.clock, "export", "--db", dir.toString(), "--out", out.toString());
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.err()).as(r.toString()).contains(cf)
        .containsAnyOf("could not read", "Corruption");
    assertThat(out).doesNotExist();
    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("store");
    }
  }
}
