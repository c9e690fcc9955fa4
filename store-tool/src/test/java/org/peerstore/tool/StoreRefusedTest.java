package org.peerstore.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.PeerSnapshot;
import org.peerstore.peer.PeerId;
import org.peerstore.rocksdb.RocksPeerstore;
import org.peerstore.rocksdb.pb.RocksValues.StoreInfo;

/**
 * Stores the tool must refuse with one line: one held open by a running store (RocksDB's lock,
 * exit code 3), and one written by a newer schema (exit code 2). Neither is changed.
 */
class StoreRefusedTest {
  private final Fixture fx = new Fixture();

  private static List<String[]> everyCommand(Path dir, Path tmp, String peer) {
    return List.of(
        new String[] {"stats", "--db", dir.toString()},
        new String[] {"gc", "--db", dir.toString()},
        new String[] {"compact", "--db", dir.toString()},
        new String[] {"verify", "--db", dir.toString()},
        new String[] {"verify", "--repair", "--db", dir.toString()},
        new String[] {"export", "--db", dir.toString(), "--out", tmp.resolve("e").toString()},
        new String[] {"import", "--db", dir.toString(), "--in", tmp.resolve("e").toString()},
        new String[] {"dump", "--db", dir.toString(), peer},
        new String[] {"simulate", "--db", dir.toString(), "--peers", "10"},
        new String[] {"ban", "--db", dir.toString(), "--ip", "10.9.9.9"},
        new String[] {"unban", "--db", dir.toString(), "--ip", "10.9.9.9"});
  }

  /** The commands that write to the store (the others open it read-only). */
  static final List<String> WRITING =
      List.of("gc", "compact", "--repair", "import", "simulate", "ban", "unban");

  @Test
  void aStoreInUseByARunningNodeIsRefusedByEveryCommandThatWrites(@TempDir Path tmp) {
    Path dir = tmp.resolve("store");
    try (RocksPeerstore running = fx.open(dir)) {
      PeerId p = fx.populate(running, 3).get(0).id();
      Map<PeerId, PeerSnapshot> before = Fixture.snapshots(running);
      for (String[] args : everyCommand(dir, tmp, p.toString())) {
        if (java.util.Arrays.stream(args).noneMatch(WRITING::contains)) {
          continue; // ReadOnlyToolTest: readers inspect a running store
        }
        Tool.Run r = Tool.run(fx.clock, args);
        assertThat(r.code()).as(String.join(" ", args) + "\n" + r).isEqualTo(ExitCodes.IN_USE)
            .isEqualTo(3);
        UsageTest.assertOneLine(r.err());
        assertThat(r.err()).contains("in use by another process");
      }
      assertThat(Fixture.snapshots(running)).isEqualTo(before);
      running.addProtocols(p, List.of("/still/writable"));
    }
    assertThat(tmp.resolve("e")).doesNotExist();
  }

  @Test
  void aStoreOfANewerSchemaIsRefusedByEveryCommand(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("store");
    PeerId p;
    try (RocksPeerstore ps = fx.open(dir)) {
      p = fx.populate(ps, 2).get(0).id();
    }
    try (RawStore raw = new RawStore(dir)) {
      raw.put("default", "schema".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
          StoreInfo.newBuilder().setSchemaVersion(99).build().toByteArray());
    }
    for (String[] args : everyCommand(dir, tmp, p.toString())) {
      Tool.Run r = Tool.run(fx.clock, args);
      assertThat(r.code()).as(String.join(" ", args) + "\n" + r).isEqualTo(2);
      UsageTest.assertOneLine(r.err());
      assertThat(r.err()).contains("newer peerstore (schema version 99)");
    }
    try (RawStore raw = new RawStore(dir)) {
      assertThat(raw.keys("addrs")).hasSize(2);
    }
    assertThat(Files.exists(tmp.resolve("e"))).isFalse();
  }
}
