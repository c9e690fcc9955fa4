package org.peerstore.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.peerstore.AddrTtl;
import org.peerstore.StoredTags;
import org.peerstore.TagDecay;
import org.peerstore.conformance.TestPeer;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.rocksdb.RocksPeerstore;

/**
 * Tags and protections in {@code export} and {@code import} (docs/EXPORT-FORMAT.md, "Tags";
 * docs/CONTRACT.md §15): the optional {@code tags} field moves every kind of tag and the
 * protections exactly, also for a peer known only by its tag state; a bad field refuses the
 * file naming the field; a file without the field still imports.
 */
class TagExportImportTest {
  private final Fixture fx = new Fixture();

  @TempDir
  Path tmp;

  private final Multiaddr a1 = Multiaddr.fromString("/ip4/10.2.0.1/tcp/4001");

  @Test
  void exportAndImportCarryEveryKindOfTagAndProtectedOnlyPeers() throws Exception {
    Path src = tmp.resolve("src");
    PeerId addressed = TestPeer.generate().id();
    PeerId tagged = TestPeer.generate().id();
    PeerId guarded = TestPeer.generate().id();
    StoredTags ta;
    StoredTags tt;
    StoredTags tg;
    try (RocksPeerstore ps = fx.open(src)) {
      ps.addAddr(addressed, a1, AddrTtl.PERMANENT);
      ps.tagPeer(addressed, "plain", 7);
      ps.tagPeer(addressed, "exp", -2, Duration.ofHours(1));
      ps.protect(addressed, "keep");
      ps.registerDecayingTag("d", Duration.ofSeconds(1), TagDecay.fixed(1), Integer::sum)
          .bump(tagged, 20);
      fx.clock.advance(Duration.ofSeconds(2));
      ps.tagPeer(tagged, "\u00fc", 1);
      ps.protect(guarded, "only");
      ta = ps.storedTags(addressed).orElseThrow();
      tt = ps.storedTags(tagged).orElseThrow();
      tg = ps.storedTags(guarded).orElseThrow();
      assertThat(tt.tags().get("d")).isEqualTo(
          StoredTags.Tag.decaying(20, fx.clock.instant().minusSeconds(2)));
    }
    Path file = tmp.resolve("peers.jsonl");
    Tool.Run ex = Tool.run(fx.clock, "export", "--db", src.toString(), "--out", file.toString());
    assertThat(ex.code()).as(ex.toString()).isZero();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(5);
    assertThat(lines.subList(1, 4)).allMatch(l -> l.contains("\"tags\":{"));
    assertThat(String.join("\n", lines)).contains("\"kind\":\"decaying\"")
        .contains("\"kind\":\"expiring\"").contains("\"kind\":\"plain\"")
        .contains("\"protections\":[\"only\"]");

    Path dst = tmp.resolve("dst");
    Tool.Run im = Tool.run(fx.clock, "import", "--db", dst.toString(), "--in", file.toString());
    assertThat(im.code()).as(im.toString()).isZero();
    try (RocksPeerstore ps = fx.open(dst)) {
      assertThat(ps.storedTags(addressed)).contains(ta);
      assertThat(ps.storedTags(tagged)).contains(tt);
      assertThat(ps.storedTags(guarded)).contains(tg);
      assertThat(ps.peersWithTags()).containsExactlyInAnyOrder(addressed, tagged, guarded);
      assertThat(ps.addrs(addressed)).containsExactly(a1);
      assertThat(ps.isProtected(guarded, "only")).isTrue();
      assertThat(ps.tagInfo(addressed).orElseThrow().tags())
          .containsExactly(Map.entry("exp", -2), Map.entry("plain", 7));
      // Not registered here: the decaying tag reads its stored value.
      assertThat(ps.tagInfo(tagged).orElseThrow().value()).isEqualTo(21);
      assertThat(ps.trimCandidates(5)).containsExactly(tagged);
    }
  }

  static Stream<Arguments> badTagsFields() {
    return Stream.of(
        Arguments.of("\"kind\":\"plain\"", "\"kind\":\"sticky\"", "tags.tags[0].kind"),
        Arguments.of("\"value\":1}", "\"value\":\"one\"}", "tags.tags[0].value"),
        Arguments.of("\"value\":1}", "\"value\":4294967296}", "tags.tags[0].value"),
        Arguments.of("\"value\":1}", "\"value\":1,\"time\":\"2026-01-01T00:00:00Z\"}",
            "tags.tags[0].time"),
        Arguments.of("\"kind\":\"plain\",\"value\":1}", "\"kind\":\"expiring\",\"value\":1}",
            "tags.tags[0].time"),
        Arguments.of("\"firstSeen\":\"", "\"firstSeen\":\"x", "tags.firstSeen"),
        Arguments.of("\"protections\":[]", "\"protections\":[],\"extra\":1",
            "tags: unknown field \"extra\""),
        Arguments.of("\"protections\":[]", "\"protections\":[\"k\",\"k\"]",
            "tags.protections[1]"),
        Arguments.of("\"protections\":[]", "\"protections\":[7]", "tags.protections[0]"),
        Arguments.of("\"tags\":[{", "\"tags\":[{\"name\":\"a\",\"kind\":\"plain\",\"value\":2},{",
            "tags.tags[1]"),
        Arguments.of("\"protections\":[]", "\"protections\":[" + protections(257) + "]",
            "tags: 257 protections"),
        Arguments.of("\"name\":\"a\"", "\"name\":\"" + "a".repeat(257) + "\"",
            "tags: tag name of 257+ bytes"));
  }

  private static String protections(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",").append("\"p").append(i).append('"');
    }
    return b.toString();
  }

  @ParameterizedTest
  @MethodSource("badTagsFields")
  void aBadTagsFieldRefusesTheFileNamingTheField(String from, String to, String named)
      throws Exception {
    Path src = tmp.resolve("src");
    PeerId p = TestPeer.generate().id();
    try (RocksPeerstore ps = fx.open(src)) {
      ps.addAddr(p, a1, AddrTtl.PERMANENT);
      ps.tagPeer(p, "a", 1);
    }
    Path file = tmp.resolve("peers.jsonl");
    assertThat(Tool.run(fx.clock, "export", "--db", src.toString(), "--out", file.toString())
        .code()).isZero();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines.get(1)).contains(from);
    lines.set(1, lines.get(1).replace(from, to));
    Path bad = tmp.resolve("bad.jsonl");
    Files.write(bad, lines, StandardCharsets.UTF_8);
    Path dst = tmp.resolve("dst");
    Tool.Run im = Tool.run(fx.clock, "import", "--db", dst.toString(), "--in", bad.toString());
    assertThat(im.code()).as(im.toString()).isNotZero();
    assertThat(im.out() + im.err()).contains(named);
    try (RocksPeerstore ps = fx.open(dst)) {
      assertThat(ps.storedTags(p)).isEmpty();
      assertThat(ps.addrs(p)).isEmpty();
    }
  }

  @Test
  void aFileWithoutTagsStillImports() throws Exception {
    Path src = tmp.resolve("src");
    PeerId p = TestPeer.generate().id();
    try (RocksPeerstore ps = fx.open(src)) {
      ps.addAddr(p, a1, AddrTtl.PERMANENT);
      ps.tagPeer(p, "a", 1);
    }
    Path file = tmp.resolve("peers.jsonl");
    assertThat(Tool.run(fx.clock, "export", "--db", src.toString(), "--out", file.toString())
        .code()).isZero();
    ObjectMapper json = new ObjectMapper();
    List<String> old = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      ObjectNode o = (ObjectNode) json.readTree(line);
      o.remove("tags");
      old.add(json.writeValueAsString(o));
    }
    assertThat(old.get(1)).doesNotContain("\"tags\"").contains("\"peer\"");
    Path oldFile = tmp.resolve("old.jsonl");
    Files.write(oldFile, old, StandardCharsets.UTF_8);
    Path dst = tmp.resolve("dst");
    Tool.Run im = Tool.run(fx.clock, "import", "--db", dst.toString(), "--in",
        oldFile.toString());
    assertThat(im.code()).as(im.toString()).isZero();
    try (RocksPeerstore ps = fx.open(dst)) {
      assertThat(ps.addrs(p)).containsExactly(a1);
      assertThat(ps.storedTags(p)).isEmpty();
      assertThat(ps.peersWithTags()).isEmpty();
    }
  }
}
