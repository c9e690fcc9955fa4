package org.peerstore.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.conformance.TestPeer;
import org.peerstore.peer.PeerId;
import org.peerstore.rocksdb.RocksPeerstore;

/**
 * {@code --json} on every command that prints results: standard output parses with Jackson, one
 * object per line, each with its {@code "type"}, and the numbers agree with the store.
 */
class JsonOutputTest {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private final Fixture fx = new Fixture();

  @TempDir
  Path tmp;

  /** Every line of {@code out} parsed as one JSON object. */
  private static List<JsonNode> lines(String out) throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : out.lines().toList()) {
      JsonNode n = MAPPER.readTree(line);
      assertThat(n.isObject()).as(line).isTrue();
      assertThat(n.path("type").isTextual()).as(line).isTrue();
      nodes.add(n);
    }
    return nodes;
  }

  private Path store(int peers, List<TestPeer> into) {
    Path dir = tmp.resolve("store");
    try (RocksPeerstore ps = fx.open(dir)) {
      into.addAll(fx.populate(ps, peers));
    }
    return dir;
  }

  @Test
  void verifyPrintsEachProblemThenASummary() throws Exception {
    List<TestPeer> peers = new ArrayList<>();
    Path dir = store(4, peers);
    PeerId bad = peers.get(1).id();
    try (RawStore raw = new RawStore(dir)) {
      raw.put("keys", RawStore.peerKey(bad, (byte) 1), "garbage".getBytes(StandardCharsets.UTF_8));
    }
    Tool.Run r = Tool.run(fx.clock, "verify", "--json", "--db", dir.toString());
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
    List<JsonNode> out = lines(r.out());
    assertThat(out).hasSizeGreaterThanOrEqualTo(2);
    JsonNode problem = out.get(0);
    assertThat(problem.get("type").asText()).isEqualTo("problem");
    assertThat(problem.get("peer").asText()).isEqualTo(bad.toString());
    assertThat(problem.get("columnFamily").asText()).isEqualTo("keys");
    assertThat(problem.get("repair").asText()).isEqualTo("DELETE_ENTRY");
    assertThat(problem.get("round").asInt()).isZero();
    JsonNode summary = out.get(out.size() - 1);
    assertThat(summary.get("type").asText()).isEqualTo("summary");
    assertThat(summary.get("problems").asLong()).isEqualTo(out.size() - 1);
    assertThat(summary.get("consistent").asBoolean()).isFalse();

    Tool.Run fixed = Tool.run(fx.clock, "verify", "--repair", "--json", "--db", dir.toString());
    assertThat(fixed.code()).as(fixed.toString()).isZero();
    List<JsonNode> after = lines(fixed.out());
    assertThat(after).extracting(n -> n.get("type").asText()).contains("problem", "repair");
    JsonNode last = after.get(after.size() - 1);
    assertThat(last.get("consistent").asBoolean()).isTrue();
    assertThat(last.get("deletedEntries").asLong()).isPositive();

    Tool.Run clean = Tool.run(fx.clock, "verify", "--json", "--db", dir.toString());
    assertThat(clean.code()).isZero();
    assertThat(lines(clean.out())).singleElement()
        .satisfies(n -> assertThat(n.get("problems").asLong()).isZero());
  }

  @Test
  void statsGcAndCompactPrintOneObject() throws Exception {
    List<TestPeer> peers = new ArrayList<>();
    Path dir = store(5, peers);
    Tool.Run stats = Tool.run(fx.clock, "stats", "--json", "--db", dir.toString());
    assertThat(stats.code()).isZero();
    assertThat(MAPPER.readTree(stats.out()).get("peers").asLong()).isEqualTo(5);

    fx.clock.advance(Fixture.SHORT.plusSeconds(1));
    Tool.Run gc = Tool.run(fx.clock, "gc", "--json", "--db", dir.toString());
    assertThat(gc.code()).as(gc.toString()).isZero();
    JsonNode g = lines(gc.out()).get(0);
    assertThat(lines(gc.out())).hasSize(1);
    assertThat(g.get("type").asText()).isEqualTo("gc");
    assertThat(g.get("expiredAddrs").asLong()).isEqualTo(5); // each peer's SHORT address
    assertThat(g.get("peersCollected").asLong()).isEqualTo(5);

    Tool.Run compact = Tool.run(fx.clock, "compact", "--json", "--db", dir.toString());
    assertThat(compact.code()).as(compact.toString()).isZero();
    JsonNode c = lines(compact.out()).get(0);
    assertThat(c.get("type").asText()).isEqualTo("compact");
    assertThat(c.get("sizeOnDiskAfter").asLong()).isPositive();
    assertThat(c.get("columnFamilies").isArray()).isTrue();
    assertThat(c.get("columnFamilies").findValuesAsText("name")).contains("addrs", "records");
  }

  @Test
  void dumpPrintsAPeerLineThenItsEntries() throws Exception {
    List<TestPeer> peers = new ArrayList<>();
    Path dir = store(2, peers);
    PeerId p = peers.get(0).id();
    Tool.Run r = Tool.run(fx.clock, "dump", "--json", "--db", dir.toString(), p.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    List<JsonNode> out = lines(r.out());
    assertThat(out.get(0).get("type").asText()).isEqualTo("peer");
    assertThat(out.get(0).get("peer").asText()).isEqualTo(p.toString());
    assertThat(out.get(0).get("found").asBoolean()).isTrue();
    assertThat(out.subList(1, out.size())).isNotEmpty()
        .allSatisfy(n -> assertThat(n.get("type").asText()).isEqualTo("entry"))
        .extracting(n -> n.get("columnFamily").asText())
        .contains("addrs", "records", "keys", "protocols", "metadata");

    String absent = TestPeer.generate(org.peerstore.crypto.KeyType.ED25519).id().toString();
    Tool.Run none = Tool.run(fx.clock, "dump", "--json", "--db", dir.toString(), absent);
    assertThat(none.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(lines(none.out())).singleElement()
        .satisfies(n -> assertThat(n.get("found").asBoolean()).isFalse());
  }

  @Test
  void exportAndImportPrintTheirSummary() throws Exception {
    List<TestPeer> peers = new ArrayList<>();
    Path dir = store(3, peers);
    Path file = tmp.resolve("e.jsonl");
    Tool.Run ex = Tool.run(fx.clock, "export", "--json", "--db", dir.toString(), "--out",
        file.toString());
    assertThat(ex.code()).as(ex.toString()).isZero();
    JsonNode e = lines(ex.out()).get(0);
    assertThat(e.get("type").asText()).isEqualTo("export");
    assertThat(e.get("written").asLong()).isEqualTo(3);
    assertThat(e.get("unreadableTotal").asLong()).isZero();

    Tool.Run im = Tool.run(fx.clock, "import", "--json", "--db", tmp.resolve("copy").toString(),
        "--in", file.toString());
    assertThat(im.code()).as(im.toString()).isZero();
    JsonNode i = lines(im.out()).get(0);
    assertThat(i.get("type").asText()).isEqualTo("import");
    assertThat(i.get("imported").asLong()).isEqualTo(3);
    assertThat(i.get("aborted").asBoolean()).isFalse();

    long lineCount = java.nio.file.Files.readAllLines(file).size();
    java.nio.file.Files.writeString(file, "{\"broken\"\n", java.nio.file.StandardOpenOption.APPEND);
    Tool.Run bad = Tool.run(fx.clock, "import", "--json", "--db", tmp.resolve("copy2").toString(),
        "--in", file.toString());
    assertThat(bad.code()).as(bad.toString()).isEqualTo(ExitCodes.FAILED);
    List<JsonNode> out = lines(bad.out());
    assertThat(out.get(out.size() - 1).get("aborted").asBoolean()).isTrue();
    assertThat(out.get(out.size() - 1).get("imported").asLong()).isZero();
    assertThat(out).anySatisfy(n -> {
      assertThat(n.get("type").asText()).isEqualTo("badLine");
      assertThat(n.get("line").asLong()).isEqualTo(lineCount + 1);
    });
  }

  @Test
  void banAndUnbanPrintOneObject() throws Exception {
    List<TestPeer> peers = new ArrayList<>();
    Path dir = store(1, peers);
    Tool.Run ban = Tool.run(fx.clock, "ban", "--json", "--db", dir.toString(), "--ip",
        "10.9.9.9", "--reason", "spam", "--for", "7d");
    assertThat(ban.code()).as(ban.toString()).isZero();
    JsonNode b = lines(ban.out()).get(0);
    assertThat(b.get("type").asText()).isEqualTo("ban");
    assertThat(b.get("ip").asText()).isEqualTo("10.9.9.9");
    assertThat(b.get("reason").asText()).isEqualTo("spam");
    assertThat(java.time.Instant.parse(b.get("expires").asText()))
        .isEqualTo(Fixture.START.plus(java.time.Duration.ofDays(7)));

    Tool.Run unban = Tool.run(fx.clock, "unban", "--json", "--db", dir.toString(), "--ip",
        "10.9.9.9");
    assertThat(unban.code()).isZero();
    assertThat(lines(unban.out()).get(0).get("lifted").asBoolean()).isTrue();
    Tool.Run again = Tool.run(fx.clock, "unban", "--json", "--db", dir.toString(), "--ip",
        "10.9.9.9");
    assertThat(again.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(lines(again.out()).get(0).get("lifted").asBoolean()).isFalse();
  }
}
