package org.peerstore.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.PeerSnapshot;
import org.peerstore.peer.PeerId;
import org.peerstore.rocksdb.RocksPeerstore;

/**
 * {@code stats}, {@code verify} (without {@code --repair}), {@code export} and {@code dump}
 * open the store read-only: they used to flush the WAL, rewrite OPTIONS and rotate the LOG, so
 * they could not inspect a read-only mount, a full disk or a running node's store ("in use").
 * Now they write nothing to the directory and work on a running store.
 */
class ReadOnlyToolTest {
  private final Fixture fx = new Fixture();

  @TempDir
  Path tmp;

  /** Every file of {@code dir} with its size and modification time. */
  private static Map<String, String> listing(Path dir) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        FileTime t = Files.getLastModifiedTime(f);
        out.put(f.getFileName().toString(), Files.size(f) + "@" + t.toMillis());
      }
    }
    return out;
  }

  private List<String[]> readers(Path dir, String peer) {
    return List.of(
        new String[] {"stats", "--db", dir.toString()},
        new String[] {"stats", "--json", "--db", dir.toString()},
        new String[] {"verify", "--db", dir.toString()},
        new String[] {"export", "--db", dir.toString(), "--out",
            tmp.resolve("e.jsonl").toString()},
        new String[] {"dump", "--db", dir.toString(), peer});
  }

  @Test
  void readersWriteNothingToTheStoreDirectory() throws Exception {
    Path dir = tmp.resolve("store");
    PeerId p;
    try (RocksPeerstore ps = fx.open(dir)) {
      p = fx.populate(ps, 5).get(0).id();
    }
    fx.reopenedSnapshots(dir); // settle what a writable open changes (connected addresses)
    Map<String, String> before = listing(dir);
    Thread.sleep(20); // a rewrite would show in the modification times
    for (String[] args : readers(dir, p.toString())) {
      Tool.Run r = Tool.run(fx.clock, args);
      assertThat(r.code()).as(String.join(" ", args) + "\n" + r).isZero();
      assertThat(listing(dir)).as("after " + String.join(" ", args)).isEqualTo(before);
    }
    assertThat(Files.readAllLines(tmp.resolve("e.jsonl"))).hasSize(7);
  }

  @Test
  void readersInspectARunningStore() throws Exception {
    Path dir = tmp.resolve("store");
    try (RocksPeerstore running = fx.open(dir)) {
      PeerId p = fx.populate(running, 4).get(0).id();
      Map<PeerId, PeerSnapshot> before = Fixture.snapshots(running);
      for (String[] args : readers(dir, p.toString())) {
        Tool.Run r = Tool.run(fx.clock, args);
        assertThat(r.code()).as(String.join(" ", args) + "\n" + r).isZero();
      }
      assertThat(Tool.run(fx.clock, "stats", "--db", dir.toString()).out())
          .containsPattern("peers +4");
      assertThat(Files.readAllLines(tmp.resolve("e.jsonl"))).hasSize(6);
      // The running store is untouched and still writable.
      assertThat(Fixture.snapshots(running)).isEqualTo(before);
      running.addProtocols(p, List.of("/still/writable"));
      assertThat(running.protocols(p)).contains("/still/writable");
    }
  }
}
