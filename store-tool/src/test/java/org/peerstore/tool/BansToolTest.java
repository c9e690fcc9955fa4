package org.peerstore.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.BanTarget;
import org.peerstore.Subnet;
import org.peerstore.conformance.TestPeer;
import org.peerstore.peer.PeerId;
import org.peerstore.rocksdb.RocksPeerstore;

/** {@code bans}, {@code ban}, {@code unban} and the ban counts of {@code stats}. */
class BansToolTest {
  private final Fixture fx = new Fixture();

  @Test
  void banListAndUnbanOnAStoppedStore(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("store");
    PeerId known;
    try (RocksPeerstore ps = fx.open(dir)) {
      known = fx.populate(ps, 3).get(0).id();
      ps.banPeer(known, "from the node", Duration.ofHours(2));
    }
    PeerId p = TestPeer.generate().id();
    Tool.Run r = Tool.run(fx.clock, "ban", "--db", dir.toString(), "--peer", p.toString(),
        "--reason", "spam", "--for", "90m");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("peer " + p).contains("until 2026-01-01T01:30:00Z")
        .contains("spam");
    assertThat(Tool.run(fx.clock, "ban", "--db", dir.toString(), "--ip", "::ffff:192.0.2.1")
        .code()).isZero();
    assertThat(Tool.run(fx.clock, "ban", "--db", dir.toString(), "--subnet", "10.1.2.3/8",
        "--for", "PT1H").code()).isZero();

    r = Tool.run(fx.clock, "bans", "--db", dir.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("ip 192.0.2.1  permanent").contains("subnet 10.0.0.0/8")
        .contains("4 bans in force");

    r = Tool.run(fx.clock, "bans", "--db", dir.toString(), "--json");
    assertThat(r.code()).as(r.toString()).isZero();
    List<JsonNode> a = new ArrayList<>();
    for (String line : r.out().split("\n")) {
      a.add(JsonMapper.builder().build().readTree(line));
    }
    assertThat(a).hasSize(5);
    assertThat(a).allSatisfy(o -> assertThat(o.has("type")).isTrue());
    assertThat(a.get(4).get("type").asText()).isEqualTo("summary");
    assertThat(a.get(4).get("bans").asInt()).isEqualTo(4);
    JsonNode ip = a.get(2);
    assertThat(ip.get("type").asText()).isEqualTo("ban");
    assertThat(ip.get("ip").asText()).isEqualTo("192.0.2.1");
    assertThat(ip.get("expires").isNull()).isTrue();
    assertThat(a.get(3).get("subnet").asText()).isEqualTo("10.0.0.0/8");
    assertThat(a.get(3).get("expires").asText()).isEqualTo("2026-01-01T01:00:00Z");

    fx.clock.advance(Duration.ofHours(1));
    r = Tool.run(fx.clock, "stats", "--db", dir.toString());
    assertThat(r.out()).contains("bans              2 peers, 1 addresses, 0 subnets in force,"
        + " 1 expired awaiting gc");
    assertThat(Tool.run(fx.clock, "verify", "--db", dir.toString()).code()).isZero();
    r = Tool.run(fx.clock, "dump", "--db", dir.toString(), known.toString());
    assertThat(r.out()).contains("banned until 2026-01-01T02:00:00Z since"
        + " 2026-01-01T00:00:00Z: from the node");
    r = Tool.run(fx.clock, "gc", "--db", dir.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("gc: removed 1 expired bans");
    assertThat(Tool.run(fx.clock, "stats", "--db", dir.toString()).out())
        .contains("1 addresses, 0 subnets in force, 0 expired awaiting gc");

    assertThat(Tool.run(fx.clock, "unban", "--db", dir.toString(), "--peer", p.toString())
        .code()).isZero();
    r = Tool.run(fx.clock, "unban", "--db", dir.toString(), "--peer", p.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("had no ban in force");

    try (RocksPeerstore ps = fx.open(dir)) {
      assertThat(ps.isBanned(known)).isTrue();
      assertThat(ps.isBanned(p)).isFalse();
      assertThat(ps.isBanned(InetAddress.getByName("192.0.2.1"))).isTrue();
      assertThat(ps.banOf(BanTarget.subnet(Subnet.parse("10.0.0.0/8")))).isEmpty();
      assertThat(ps.addrs(known)).isNotEmpty();
    }
  }

  @Test
  void badTargetsAndDurationsAreUsageErrors(@TempDir Path tmp) {
    Path dir = tmp.resolve("store");
    try (RocksPeerstore ps = fx.open(dir)) {
      fx.populate(ps, 1);
    }
    for (String[] args : new String[][] {
        {"ban", "--db", dir.toString(), "--subnet", "10.0.0.0/33"},
        {"ban", "--db", dir.toString(), "--ip", "example.com"},
        {"ban", "--db", dir.toString(), "--ip", "10.0.0.0/8"},
        {"ban", "--db", dir.toString(), "--peer", "not-a-peer"},
        {"ban", "--db", dir.toString(), "--ip", "10.0.0.1", "--for", "0s"},
        {"ban", "--db", dir.toString(), "--ip", "10.0.0.1", "--for", "soon"},
        {"ban", "--db", dir.toString(), "--ip", "10.0.0.1", "--peer", "x"},
        {"ban", "--db", dir.toString()},
        {"ban", "--db", dir.toString(), "--ip", "10.0.0.1", "--reason", "x".repeat(1025)}}) {
      Tool.Run r = Tool.run(fx.clock, args);
      assertThat(r.code()).as(String.join(" ", args) + "\n" + r).isEqualTo(2);
      UsageTest.assertOneLine(r.err());
    }
    assertThat(Tool.run(fx.clock, "bans", "--db", dir.toString()).out())
        .contains("0 bans in force");
  }
}
