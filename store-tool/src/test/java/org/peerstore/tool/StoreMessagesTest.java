package org.peerstore.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.rocksdb.RocksPeerstore;

/**
 * Messages that used to send operators the wrong way: permission denied and a deleted
 * {@code CURRENT} read "no RocksDB database in it", a deleted {@code MANIFEST} read "lacks the
 * column families", a file given as {@code --db} read "no such directory", and {@code --span 5}
 * showed a parser class name. Each now says what is wrong, on one line, exit code 2.
 */
class StoreMessagesTest {
  private final Fixture fx = new Fixture();

  @TempDir
  Path tmp;

  private Path dir;

  @BeforeEach
  void store() {
    dir = tmp.resolve("store");
    try (RocksPeerstore ps = fx.open(dir)) {
      fx.populate(ps, 2);
    }
  }

  private Tool.Run stats(Path db) {
    Tool.Run r = Tool.run(fx.clock, "stats", "--db", db.toString());
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    UsageTest.assertOneLine(r.err());
    return r;
  }

  @Test
  void aDeletedCurrentFileIsNamed() throws Exception {
    Files.delete(dir.resolve("CURRENT"));
    assertThat(stats(dir).err()).contains("has no CURRENT file").contains("MANIFEST-")
        .doesNotContain("no RocksDB database");
  }

  @Test
  void aDeletedManifestIsNamed() throws Exception {
    String manifest = Files.readString(dir.resolve("CURRENT")).strip();
    Files.delete(dir.resolve(manifest));
    assertThat(stats(dir).err()).contains("its CURRENT file names " + manifest)
        .contains("which is missing").doesNotContain("lacks the column families");
  }

  @Test
  void aFileGivenAsTheStoreIsNotADirectory() throws Exception {
    Path file = Files.writeString(tmp.resolve("file"), "x");
    assertThat(stats(file).err()).contains("is not a directory").doesNotContain("no such");
  }

  @Test
  void permissionDeniedIsSaid() throws Exception {
    assumeFalse("root".equals(System.getProperty("user.name")), "root reads everything");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("---------"));
    try {
      assertThat(stats(dir).err()).contains("permission denied");
    } finally {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void aBadDurationSaysTheFormat() {
    Tool.Run r = Tool.run(fx.clock, "simulate", "--db", tmp.resolve("sim").toString(),
        "--peers", "10", "--span", "5");
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    UsageTest.assertOneLine(r.err());
    assertThat(r.err()).contains("'5' is not an ISO-8601 duration").contains("PT30M")
        .doesNotContain("DateTimeParseException");
  }

  @Test
  void nothingWasCreatedOrChanged() throws Exception {
    Files.delete(dir.resolve("CURRENT"));
    long before;
    try (Stream<Path> files = Files.list(dir)) {
      before = files.count();
    }
    stats(dir);
    Tool.run(fx.clock, "export", "--db", dir.toString(), "--out", tmp.resolve("e").toString());
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.count()).isEqualTo(before);
    }
    assertThat(Files.exists(dir.resolve("CURRENT"))).isFalse();
  }
}
