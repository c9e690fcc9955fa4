package org.peerstore.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.AddrTtl;
import org.peerstore.DialHistory;
import org.peerstore.conformance.TestPeer;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.rocksdb.RocksPeerstore;

/**
 * The dial history book in the tool (docs/CONTRACT.md §16): {@code stats} counts the peers with
 * a history and those in backoff, {@code dump} shows a peer's history, {@code export} and
 * {@code import} move it in the optional {@code dials} field (docs/EXPORT-FORMAT.md), also for
 * a peer known only by its history, and a bad {@code dials} field makes the file refused.
 */
class DialToolTest {
  private final Fixture fx = new Fixture();

  @TempDir
  Path tmp;

  private final Multiaddr a1 = Multiaddr.fromString("/ip4/10.1.0.1/tcp/4001");
  private final Multiaddr a2 = Multiaddr.fromString("/ip4/10.1.0.2/tcp/4001");

  @Test
  void statsDumpExportAndImportCarryTheDialHistory() throws Exception {
    Path src = tmp.resolve("src");
    PeerId failing = TestPeer.generate().id();
    PeerId only = TestPeer.generate().id();
    DialHistory hf;
    DialHistory ho;
    try (RocksPeerstore ps = fx.open(src)) {
      ps.addAddr(failing, a1, AddrTtl.PERMANENT);
      ps.recordDialAttempt(failing, a1);
      ps.recordDialFailure(failing, a1, "connection refused \u00e9");
      ps.recordDialSuccess(only, a2);
      fx.clock.advance(Duration.ofSeconds(1));
      ps.recordDisconnected(only);
      hf = ps.dialHistory(failing).orElseThrow();
      ho = ps.dialHistory(only).orElseThrow();
    }
    Tool.Run stats = Tool.run(fx.clock, "stats", "--db", src.toString());
    assertThat(stats.code()).as(stats.toString()).isZero();
    assertThat(stats.out()).contains("dial history      2 peers, 1 in backoff");
    Tool.Run dump = Tool.run(fx.clock, "dump", "--db", src.toString(), failing.toString());
    assertThat(dump.code()).as(dump.toString()).isZero();
    assertThat(dump.out()).contains("connection refused \u00e9").contains("1 failures in a row")
        .contains(a1.toString() + ": first seen");

    Path file = tmp.resolve("peers.jsonl");
    Tool.Run ex = Tool.run(fx.clock, "export", "--db", src.toString(), "--out", file.toString());
    assertThat(ex.code()).as(ex.toString()).isZero();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(4);
    assertThat(lines.subList(1, 3)).allMatch(l -> l.contains("\"dials\":"));

    Path dst = tmp.resolve("dst");
    Tool.Run im = Tool.run(fx.clock, "import", "--db", dst.toString(), "--in", file.toString());
    assertThat(im.code()).as(im.toString()).isZero();
    try (RocksPeerstore ps = fx.open(dst)) {
      assertThat(ps.dialHistory(failing)).contains(hf);
      assertThat(ps.dialHistory(only)).contains(ho);
      assertThat(ps.inBackoff(failing)).isTrue();
      assertThat(ps.addrs(failing)).containsExactly(a1);
    }
  }

  @Test
  void aBadDialsFieldRefusesTheFile() throws Exception {
    Path src = tmp.resolve("src");
    PeerId p = TestPeer.generate().id();
    try (RocksPeerstore ps = fx.open(src)) {
      ps.addAddr(p, a1, AddrTtl.PERMANENT);
      ps.recordDialFailure(p, a1, "x");
    }
    Path file = tmp.resolve("peers.jsonl");
    assertThat(Tool.run(fx.clock, "export", "--db", src.toString(), "--out", file.toString())
        .code()).isZero();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    lines.set(1, lines.get(1).replace("\"consecutiveFailures\":1", "\"consecutiveFailures\":-1"));
    Path bad = tmp.resolve("bad.jsonl");
    Files.write(bad, lines, StandardCharsets.UTF_8);
    Path dst = tmp.resolve("dst");
    Tool.Run im = Tool.run(fx.clock, "import", "--db", dst.toString(), "--in", bad.toString());
    assertThat(im.code()).as(im.toString()).isNotZero();
    assertThat(im.out() + im.err()).contains("negative count");
    try (RocksPeerstore ps = fx.open(dst)) {
      assertThat(ps.dialHistory(p)).isEmpty();
      assertThat(ps.addrs(p)).isEmpty();
    }
  }
}
