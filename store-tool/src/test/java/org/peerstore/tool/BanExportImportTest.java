package org.peerstore.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.Ban;
import org.peerstore.BanBook;
import org.peerstore.Subnet;
import org.peerstore.conformance.TestPeer;
import org.peerstore.memory.MemoryPeerstore;
import org.peerstore.peer.PeerId;
import org.peerstore.rocksdb.MaintenanceProgress;
import org.peerstore.rocksdb.RocksPeerstore;
import org.peerstore.tool.export.Importer;

/**
 * Bans in export files (docs/EXPORT-FORMAT.md, format version 3): one line per ban after the
 * peers, counted by the trailer, restored with their creation time and expiry; bad ban lines
 * are refused with their line numbers.
 */
class BanExportImportTest {
  private static final int PEERS = 4;
  private final Fixture fx = new Fixture();

  @TempDir
  Path tmp;

  private Path file;
  private List<String> lines;
  private List<Ban> bans;
  private PeerId bannedPeer;

  @BeforeEach
  void export() throws Exception {
    Path src = tmp.resolve("src");
    bannedPeer = TestPeer.generate().id();
    try (RocksPeerstore ps = fx.open(src)) {
      fx.populate(ps, PEERS);
      ps.banPeer(bannedPeer, "flooding \u00fc", Duration.ofHours(2));
      ps.banIp(InetAddress.getByName("2001:db8::7"), "ip6", BanBook.PERMANENT);
      ps.banIp(InetAddress.getByName("192.0.2.1"), "", Duration.ofMinutes(30));
      ps.banSubnet(Subnet.parse("10.0.0.0/8"), "net", Duration.ofDays(1));
      bans = ps.bans();
    }
    fx.clock.advance(Duration.ofMinutes(10));
    file = tmp.resolve("peers.jsonl");
    Tool.Run ex = Tool.run(fx.clock, "export", "--db", src.toString(), "--out", file.toString());
    assertThat(ex.code()).as(ex.toString()).isZero();
    assertThat(ex.out()).contains("wrote " + PEERS + " peers and 4 bans to");
    lines = Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  private Tool.Run importLines(List<String> content) throws Exception {
    return Tool.importLines(fx.clock, tmp, content);
  }

  @Test
  void bansFollowThePeersAndTheTrailerCountsThem() throws Exception {
    assertThat(lines).hasSize(1 + PEERS + 4 + 1);
    JsonMapper json = JsonMapper.builder().build();
    List<JsonNode> banLines = new ArrayList<>();
    for (String l : lines.subList(1 + PEERS, 1 + PEERS + 4)) {
      banLines.add(json.readTree(l));
    }
    // In the order bans() lists them: peers, then addresses (IPv4 first), then subnets.
    assertThat(banLines).extracting(o -> o.get("ban").asText())
        .containsExactly("peer", "ip", "ip", "subnet");
    assertThat(banLines).extracting(o -> o.get("target").asText())
        .containsExactly(bannedPeer.toString(), "192.0.2.1", "2001:db8::7", "10.0.0.0/8");
    assertThat(banLines.get(0).get("reason").asText()).isEqualTo("flooding \u00fc");
    assertThat(lines.get(1 + PEERS)).contains("\\u00FC").doesNotContain("\u00fc");
    assertThat(banLines.get(0).get("created").asText()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(banLines.get(0).get("expires").asText()).isEqualTo("2026-01-01T02:00:00Z");
    assertThat(banLines.get(1).get("expires").asText()).isEqualTo("2026-01-01T00:30:00Z");
    assertThat(banLines.get(2).get("expires").asText()).isEqualTo("never");
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo("{\"end\":\"peerstore-export\",\"peers\":" + PEERS + ",\"bans\":4}");
  }

  @Test
  void importRestoresEveryBanAsItWasAndSkipsTheOnesThatEnded() throws Exception {
    fx.clock.advance(Duration.ofMinutes(20)); // the 30-minute ip ban has ended
    Tool.Run r = importLines(lines);
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("imported " + PEERS + " peers and 3 bans (1 had ended and were"
        + " skipped)");
    try (RocksPeerstore ps = fx.open(tmp.resolve("dst"))) {
      assertThat(bans.get(1).target().toString()).isEqualTo("ip 192.0.2.1");
      assertThat(ps.bans()).containsExactly(bans.get(0), bans.get(2), bans.get(3));
      assertThat(ps.isBanned(bannedPeer)).isTrue();
      assertThat(ps.isBanned(InetAddress.getByName("10.2.3.4"))).isTrue();
      fx.clock.advance(Duration.ofMinutes(90)); // two hours after the peer ban was made
      assertThat(ps.isBanned(bannedPeer)).isFalse();
    }
  }

  @Test
  void importIntoTheMemoryStoreGivesTheSameBans() throws Exception {
    try (MemoryPeerstore mem = MemoryPeerstore.builder().clock(fx.clock)
        .gcInterval(Duration.ZERO).build()) {
      Importer.Result r = Importer.importInto(mem, file, false, MaintenanceProgress.NONE);
      assertThat(r.imported()).isEqualTo(PEERS);
      assertThat(r.bans()).isEqualTo(4);
      assertThat(r.expiredBans()).isZero();
      assertThat(mem.bans()).isEqualTo(bans);
    }
  }

  @Test
  void badBanLinesAreRefusedWithTheirNumbersAndNothingIsImported() throws Exception {
    List<String> bad = new ArrayList<>(lines);
    int first = 1 + PEERS;
    bad.set(first, bad.get(first).replace("\"ban\":\"peer\"", "\"ban\":\"host\""));
    bad.set(first + 2, bad.get(first + 2).replace("2001:db8::7", "2001:db8::zz"));
    bad.set(first + 1, bad.get(first + 1).replace("\"reason\":\"\"",
        "\"reason\":\"" + "x".repeat(BanBook.MAX_REASON_BYTES + 1) + "\""));
    bad.set(first + 3, bad.get(first + 3).replace("10.0.0.0/8", "10.0.0.0/33"));
    bad.add(bad.size() - 1, lines.get(first + 3)); // the subnet ban twice
    bad.set(bad.size() - 1, bad.get(bad.size() - 1).replace("\"bans\":4", "\"bans\":5"));
    Tool.Run r = importLines(bad);
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.err())
        .contains(":" + (first + 1) + ": ban: must be \"peer\", \"ip\" or \"subnet\"")
        .contains(":" + (first + 3) + ": target: not an IP address literal: 2001:db8::zz")
        .contains(":" + (first + 2) + ": reason: ")
        .contains(":" + (first + 4) + ": target: ");
    assertThat(r.out()).contains("4 bad lines").contains("nothing imported");
    try (RocksPeerstore ps = fx.open(tmp.resolve("dst"))) {
      assertThat(ps.bans()).isEmpty();
      assertThat(ps.peers()).isEmpty();
    }
  }

  @Test
  void aBanTwiceIsABadLineAndALostBanLineMakesTheFileIncomplete() throws Exception {
    List<String> twice = new ArrayList<>(lines);
    twice.add(twice.size() - 1, lines.get(1 + PEERS));
    twice.set(twice.size() - 1, twice.get(twice.size() - 1).replace("\"bans\":4", "\"bans\":5"));
    Tool.Run r = importLines(twice);
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.err()).contains(":" + (1 + PEERS + 5) + ": peer " + bannedPeer
        + " is already banned on line " + (1 + PEERS + 1));

    List<String> lost = new ArrayList<>(lines);
    lost.remove(1 + PEERS + 2);
    Tool.Run l = importLines(lost);
    assertThat(l.code()).as(l.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(l.err()).contains("its trailer counts 4 ban lines but 3 were read");
  }

  @Test
  void aVersionTwoFileHasNoBanLines() throws Exception {
    // In a version 2 file a ban line is read as a peer line, and refused as one.
    List<String> v2 = new ArrayList<>(lines);
    v2.set(0, v2.get(0).replace("\"version\":3", "\"version\":2"));
    v2.set(v2.size() - 1, "{\"end\":\"peerstore-export\",\"peers\":" + (PEERS + 4) + "}");
    Tool.Run r = importLines(v2);
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.err()).contains(":" + (1 + PEERS + 1) + ": peer line: unknown field \"ban\"");
  }
}
