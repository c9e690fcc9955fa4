package org.peerstore.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.rocksdb.RocksPeerstore;

/**
 * Export files that lost lines or lie about expiries: a file cut at a line boundary used to
 * import as a partial store with exit 0, and an address with a 15-minute ttl and an expiry in
 * the year 999999999 was stored as never expiring. Both are refused (exit 1, nothing
 * imported); files of the previous format version, without a trailer, still import.
 */
class ExportFileIntegrityTest {
  private static final int PEERS = 20;
  private final Fixture fx = new Fixture();

  @TempDir
  Path tmp;

  private Path file;
  private List<String> lines;

  @BeforeEach
  void export() throws Exception {
    Path src = tmp.resolve("src");
    try (RocksPeerstore ps = fx.open(src)) {
      fx.populate(ps, PEERS);
    }
    file = tmp.resolve("peers.jsonl");
    Tool.Run ex = Tool.run(fx.clock, "export", "--db", src.toString(), "--out", file.toString());
    assertThat(ex.code()).as(ex.toString()).isZero();
    lines = Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  private Tool.Run importLines(List<String> content) throws Exception {
    return Tool.importLines(fx.clock, tmp, content);
  }

  private void assertNothingImported() {
    Path dst = tmp.resolve("dst");
    if (Files.exists(dst)) {
      try (RocksPeerstore ps = fx.open(dst)) {
        assertThat(ps.peers()).isEmpty();
        assertThat(ps.peersWithAddrs()).isEmpty();
      }
    }
  }

  @Test
  void theExportEndsWithATrailerCountingItsPeerLines() {
    assertThat(lines).hasSize(PEERS + 2);
    assertThat(lines.get(0)).contains("\"version\":3");
    assertThat(lines.get(PEERS + 1))
        .isEqualTo("{\"end\":\"peerstore-export\",\"peers\":" + PEERS + ",\"bans\":0}");
  }

  @Test
  void aFileCutAtALineBoundaryIsRefused() throws Exception {
    Tool.Run r = importLines(lines.subList(0, 11));
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.out() + r.err()).contains("cut short").contains("nothing imported");
    assertNothingImported();
  }

  @Test
  void aFileMissingALineInTheMiddleIsRefused() throws Exception {
    List<String> holed = new ArrayList<>(lines);
    holed.remove(5);
    Tool.Run r = importLines(holed);
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.out() + r.err()).contains("trailer").contains(PEERS + " peer lines")
        .contains((PEERS - 1) + "");
    assertNothingImported();
  }

  @Test
  void linesAfterTheTrailerAreRefused() throws Exception {
    List<String> extra = new ArrayList<>(lines);
    extra.add(lines.get(1));
    Tool.Run r = importLines(extra);
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.err()).contains(":" + (PEERS + 3) + ": ").contains("after the trailer");
    assertNothingImported();
  }

  @Test
  void aVersionOneFileWithoutTrailerStillImportsButMustHoldTheAnnouncedPeers()
      throws Exception {
    List<String> v1 = new ArrayList<>(lines.subList(0, PEERS + 1));
    v1.set(0, v1.get(0).replace("\"version\":3", "\"version\":1"));
    Tool.Run cut = importLines(v1.subList(0, 11));
    assertThat(cut.code()).as(cut.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(cut.out() + cut.err()).contains("announces " + PEERS + " peers")
        .contains("10 peer lines");
    assertNothingImported();

    Tool.Run whole = importLines(v1);
    assertThat(whole.code()).as(whole.toString()).isZero();
    assertThat(whole.out()).contains("imported " + PEERS + " peers");
  }

  @Test
  void aVersionTwoFileWithItsTrailerOfPeersOnlyStillImports() throws Exception {
    List<String> v2 = new ArrayList<>(lines);
    v2.set(0, v2.get(0).replace("\"version\":3", "\"version\":2"));
    v2.set(PEERS + 1, "{\"end\":\"peerstore-export\",\"peers\":" + PEERS + "}");
    Tool.Run r = importLines(v2);
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("imported " + PEERS + " peers from");

    // A version 3 trailer in a version 2 file (or the reverse) is not a valid trailer.
    List<String> mixed = new ArrayList<>(v2);
    mixed.set(PEERS + 1, lines.get(PEERS + 1));
    Tool.Run bad = importLines(mixed);
    assertThat(bad.code()).as(bad.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(bad.err()).contains("not a valid trailer line");
  }

  @Test
  void anExpiryFarBeyondItsTtlIsRefusedNamingTheAddress() throws Exception {
    // Peer 1's one-minute address: its expiry set to the end of time.
    List<String> bad = new ArrayList<>(lines);
    String line = bad.get(1);
    String shortTtl = "\"ttlNanos\":" + Fixture.SHORT.toNanos() + ",\"expiry\":\"";
    int at = line.indexOf(shortTtl);
    assertThat(at).isPositive();
    int from = at + shortTtl.length();
    int to = line.indexOf('"', from);
    bad.set(1, line.substring(0, from) + "+999999999-12-31T23:59:59.999999999Z"
        + line.substring(to));
    Tool.Run r = importLines(bad);
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.err()).contains(":2: ").contains("+999999999-12-31T23:59:59.999999999Z")
        .contains("ttl PT1M").contains("disagrees");
    assertNothingImported();
  }

  @Test
  void aFiniteTtlThatNeverExpiresOrAConnectedOneThatDoesAreRefused() throws Exception {
    List<String> bad = new ArrayList<>(lines);
    String shortTtl = "\"ttlNanos\":" + Fixture.SHORT.toNanos() + ",\"expiry\":\"";
    String line = bad.get(1);
    int from = line.indexOf(shortTtl) + shortTtl.length();
    bad.set(1, line.substring(0, from) + "never" + line.substring(line.indexOf('"', from)));
    String permanent = "\"ttlNanos\":9223372036854775807,\"expiry\":\"never\"";
    int withPermanent = 2;
    while (!bad.get(withPermanent).contains(permanent)) {
      withPermanent++;
    }
    bad.set(withPermanent, bad.get(withPermanent).replace(permanent,
        "\"ttlNanos\":9223372036854775807,\"expiry\":\"2026-01-01T00:00:00Z\""));
    Tool.Run r = importLines(bad);
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.err()).contains(":2: ").contains(":" + (withPermanent + 1) + ": ")
        .contains("never");
    assertNothingImported();
  }
}
