package org.peerstore.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.AddrTtl;
import org.peerstore.PeerSnapshot;
import org.peerstore.conformance.TestPeer;
import org.peerstore.memory.MemoryPeerstore;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;
import org.peerstore.rocksdb.MaintenanceProgress;
import org.peerstore.rocksdb.RocksPeerstore;
import org.peerstore.tool.export.ExportFileException;
import org.peerstore.tool.export.Exporter;
import org.peerstore.tool.export.Importer;

/**
 * {@code export} and {@code import}: a store moved through an export file, RocksDB to RocksDB,
 * RocksDB to memory and memory to RocksDB, reproduces every book exactly (ttls, absolute
 * expiries, records, keys, protocols, metadata); bad lines and bad files are refused.
 */
class ExportImportTest {
  private final Fixture fx = new Fixture();

  @TempDir
  Path tmp;

  private MemoryPeerstore memory() {
    return MemoryPeerstore.builder().clock(fx.clock).gcInterval(Duration.ZERO).build();
  }

  /** A RocksDB store with the fixture's peers plus the awkward cases. */
  private Map<PeerId, PeerSnapshot> source(Path dir) {
    try (RocksPeerstore ps = fx.open(dir)) {
      fx.populate(ps, 10);
      PeerId odd = TestPeer.generate().id();
      // Names no JSON text could carry without escapes: an unpaired surrogate, NUL, non-ASCII.
      ps.addProtocols(odd, List.of("/bad\uD800surrogate", "/nul\u0000", "/ünï/✓"));
      ps.put(odd, "\uDC00key", "value \uD83D\uDE00");
      ps.put(odd, "", 1.5);
      PeerId expiredOnly = TestPeer.generate().id();
      ps.addAddr(expiredOnly, Fixture.addr(500, 1), Duration.ofSeconds(1));
      fx.clock.advance(Duration.ofSeconds(2)); // expired but not collected: exported as is
    }
    return fx.reopenedSnapshots(dir);
  }

  @Test
  void rocksToRocksThroughTheToolReproducesEveryBook() throws Exception {
    Path src = tmp.resolve("src");
    Map<PeerId, PeerSnapshot> expected = source(src);
    assertThat(expected).hasSize(12);
    Path file = tmp.resolve("peers.jsonl");
    Tool.Run ex = Tool.run(fx.clock, "export", "--db", src.toString(), "--out", file.toString());
    assertThat(ex.code()).as(ex.toString()).isZero();
    assertThat(ex.out()).contains("export: wrote 12 peers to " + file);
    assertThat(ex.err()).contains("export: 100% (12/12 peers)");
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(14);
    assertThat(lines.get(0)).startsWith("{\"format\":\"peerstore-export\",\"version\":3,");
    byte[] bytes = Files.readAllBytes(file);
    for (byte b : bytes) {
      assertThat(b).as("the file is ASCII").isNotNegative();
    }

    fx.clock.advance(Duration.ofMinutes(5)); // later, on another machine
    Path dst = tmp.resolve("new-machine").resolve("dst");
    Tool.Run im = Tool.run(fx.clock, "import", "--db", dst.toString(), "--in", file.toString());
    assertThat(im.code()).as(im.toString()).isZero();
    assertThat(im.out()).contains("import: imported 12 peers from " + file);
    try (RocksPeerstore ps = fx.open(dst)) {
      assertThat(Fixture.snapshots(ps)).isEqualTo(expected);
      // Absolute expiry: the hour-long addresses have 55 minutes left, not a fresh hour.
      List<PeerSnapshot.Addr> hourLong = expected.values().stream()
          .flatMap(s -> s.addrs().stream())
          .filter(a -> a.ttl().equals(Fixture.HOUR))
          .toList();
      assertThat(hourLong).hasSize(10);
      PeerId p = expected.values().stream()
          .filter(s -> s.addrs().stream().anyMatch(a -> a.ttl().equals(Fixture.HOUR)))
          .findFirst().orElseThrow().peer();
      List<org.peerstore.multiaddr.Multiaddr> hourAddrs = expected.get(p).addrs().stream()
          .filter(a -> a.ttl().equals(Fixture.HOUR)).map(PeerSnapshot.Addr::addr).toList();
      assertThat(ps.addrs(p)).containsAll(hourAddrs);
      fx.clock.advance(Duration.ofMinutes(55));
      assertThat(ps.addrs(p)).doesNotContainAnyElementsOf(hourAddrs);
    }
  }

  @Test
  void rocksToMemoryAndBackReproducesEveryBook() throws Exception {
    Path src = tmp.resolve("src");
    Map<PeerId, PeerSnapshot> expected = source(src);
    Path file = tmp.resolve("a.jsonl");
    assertThat(Tool.run(fx.clock, "export", "--db", src.toString(), "--out", file.toString())
        .code()).isZero();

    try (MemoryPeerstore mem = memory()) {
      Importer.Result r = Importer.importInto(mem, file, false, MaintenanceProgress.NONE);
      assertThat(r.imported()).isEqualTo(12);
      assertThat(r.badLines()).isEmpty();
      assertThat(Fixture.snapshots(mem)).isEqualTo(expected);
      for (PeerId p : expected.keySet()) {
        assertThat(mem.protocols(p)).isEqualTo(expected.get(p).protocols());
      }
      // And back: memory -> file -> a new RocksDB store through the tool.
      Path back = tmp.resolve("b.jsonl");
      assertThat(Exporter.export(mem, back, fx.clock.instant(), MaintenanceProgress.NONE))
          .isEqualTo(12);
      assertThat(Files.readAllLines(back).subList(1, 13))
          .isEqualTo(Files.readAllLines(file).subList(1, 13));
      Path dst = tmp.resolve("dst");
      Tool.Run im = Tool.run(fx.clock, "import", "--db", dst.toString(), "--in", back.toString());
      assertThat(im.code()).as(im.toString()).isZero();
    }
    try (RocksPeerstore ps = fx.open(tmp.resolve("dst"))) {
      assertThat(Fixture.snapshots(ps)).isEqualTo(expected);
    }
  }

  @Test
  void memoryToRocksReproducesReadsToo() throws Exception {
    try (MemoryPeerstore mem = memory()) {
      List<TestPeer> peers = fx.populate(mem, 5);
      Path file = tmp.resolve("m.jsonl");
      Exporter.export(mem, file, fx.clock.instant(), MaintenanceProgress.NONE);
      Path dst = tmp.resolve("dst");
      assertThat(Tool.run(fx.clock, "import", "--db", dst.toString(), "--in", file.toString())
          .code()).isZero();
      try (RocksPeerstore ps = fx.open(dst)) {
        assertThat(Fixture.snapshots(ps))
            .isEqualTo(Fixture.disconnected(Fixture.snapshots(mem), fx.clock.instant()));
        for (TestPeer t : peers) {
          assertThat(ps.addrs(t.id())).containsExactlyInAnyOrderElementsOf(mem.addrs(t.id()));
          assertThat(ps.peerRecord(t.id()).map(Envelope::marshal).orElseThrow())
              .isEqualTo(mem.peerRecord(t.id()).map(Envelope::marshal).orElseThrow());
          assertThat(ps.privKey(t.id())).isEqualTo(mem.privKey(t.id()));
          assertThat(ps.get(t.id(), "n")).isEqualTo(mem.get(t.id(), "n"));
        }
        fx.clock.advance(Fixture.SHORT);
        assertThat(ps.collectGarbage()).isEqualTo(mem.collectGarbage()).isEqualTo(5);
      }
    }
  }

  @Test
  void badLinesAreRefusedWithTheirNumbersAndNothingIsImported() throws Exception {
    Path src = tmp.resolve("src");
    source(src);
    Path file = tmp.resolve("e.jsonl");
    Tool.run(fx.clock, "export", "--db", src.toString(), "--out", file.toString());
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    List<Integer> withRecord = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).contains("\"record\"")) {
        withRecord.add(i);
      }
    }
    int forged = withRecord.get(0);
    ObjectMapper json = new ObjectMapper();
    ObjectNode o = (ObjectNode) json.readTree(lines.get(forged));
    byte[] record = Base64.getDecoder().decode(o.get("record").asText());
    record[record.length - 1] ^= 0x01; // the signature no longer verifies
    o.put("record", Base64.getEncoder().encodeToString(record));
    lines.set(forged, json.writeValueAsString(o));
    int badPeer = withRecord.get(1);
    lines.set(badPeer, "{\"peer\":\"not-a-peer\"}");
    int unknownField = withRecord.get(2);
    lines.set(unknownField, lines.get(unknownField).replace("\"addrs\":[", "\"adrs\":["));
    int twice = withRecord.get(3);
    // Before the trailer, whose count then includes it (else the file reads as incomplete).
    lines.add(lines.size() - 1, lines.get(twice));
    lines.set(lines.size() - 1, lines.get(lines.size() - 1).replace("\"peers\":12", "\"peers\":13"));
    Files.write(file, lines);
    Path dst = tmp.resolve("dst");
    Tool.Run r = Tool.run(fx.clock, "import", "--db", dst.toString(), "--in", file.toString());
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.err())
        .contains(file + ":" + (forged + 1) + ": record: ")
        .contains(file + ":" + (badPeer + 1) + ": peer: ")
        .contains(file + ":" + (unknownField + 1) + ": peer line: unknown field \"adrs\"")
        .contains(file + ":14: peer ").contains("is already on line " + (twice + 1));
    assertThat(r.out()).contains("import: 4 bad lines in " + file + ", nothing imported");
    try (RocksPeerstore ps = fx.open(dst)) {
      assertThat(ps.peers()).isEmpty();
    }
    Tool.Run skip = Tool.run(fx.clock, "import", "--skip-bad", "--db", dst.toString(), "--in",
        file.toString());
    assertThat(skip.code()).as(skip.toString()).isZero();
    assertThat(skip.out()).contains("import: imported 9 peers from " + file
        + " (4 bad lines skipped)");
    try (RocksPeerstore ps = fx.open(dst)) {
      assertThat(ps.peers().size() + ps.peersWithAddrs().size()).isPositive();
      assertThat(Fixture.snapshots(ps)).hasSize(9);
    }
  }

  @Test
  void aForgedRecordIsRefusedEvenWithValidJson() throws Exception {
    TestPeer alice = TestPeer.generate();
    TestPeer mallory = TestPeer.generate();
    Path file = tmp.resolve("f.jsonl");
    try (MemoryPeerstore mem = memory()) {
      mem.consumePeerRecord(mallory.record(1, List.of(Fixture.addr(1, 1))), Fixture.HOUR);
      Exporter.export(mem, file, fx.clock.instant(), MaintenanceProgress.NONE);
    }
    // Claim mallory's (validly signed) record is alice's.
    String text = Files.readString(file).replace(mallory.id().toString(), alice.id().toString());
    Files.writeString(file, text);
    try (MemoryPeerstore mem = memory()) {
      Importer.Result r = Importer.importInto(mem, file, false, MaintenanceProgress.NONE);
      assertThat(r.aborted()).isTrue();
      assertThat(r.badLines()).singleElement().satisfies(b -> {
        assertThat(b.line()).isEqualTo(2);
        assertThat(b.message()).contains("record");
      });
      assertThat(mem.peers()).isEmpty();
    }
  }

  @Test
  void importRespectsTheTargetStoresLimitsBeforeWritingAnything() throws Exception {
    Path file = tmp.resolve("p.jsonl");
    try (MemoryPeerstore mem = memory()) {
      PeerId p = TestPeer.generate().id();
      PeerId q = TestPeer.generate().id();
      mem.addProtocols(p, List.of("/a"));
      List<String> many = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        many.add("/m/" + i);
      }
      mem.addProtocols(q, many);
      mem.addAddr(q, Fixture.addr(1, 1), AddrTtl.PERMANENT);
      Exporter.export(mem, file, fx.clock.instant(), MaintenanceProgress.NONE);
    }
    try (MemoryPeerstore small = MemoryPeerstore.builder().clock(fx.clock).maxProtocols(3)
        .gcInterval(Duration.ZERO).build()) {
      Importer.Result r = Importer.importInto(small, file, false, MaintenanceProgress.NONE);
      assertThat(r.aborted()).isTrue();
      assertThat(r.badLines()).singleElement()
          .satisfies(b -> assertThat(b.message()).contains("too many protocols"));
      assertThat(small.peers()).isEmpty();
    }
  }

  @Test
  void unreadableExportFilesAreOneLineAndExitCodeTwo() throws Exception {
    Path dst = tmp.resolve("dst");
    Path missing = tmp.resolve("missing.jsonl");
    Path binary = tmp.resolve("binary.jsonl");
    Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, '\n'});
    Path notExport = tmp.resolve("other.json");
    Files.writeString(notExport, "{\"hello\":\"world\"}\n");
    Path newer = tmp.resolve("newer.jsonl");
    Files.writeString(newer, "{\"format\":\"peerstore-export\",\"version\":4}\n");
    Path empty = tmp.resolve("empty.jsonl");
    Files.writeString(empty, "");
    for (Object[] c : new Object[][] {
        {missing, "no such file"}, {binary, "not UTF-8 text"},
        {notExport, "is not a peerstore export file"}, {newer, "has format version 4"},
        {empty, "is empty"}, {tmp, "is a directory"}}) {
      Tool.Run r = Tool.run(fx.clock, "import", "--db", dst.toString(), "--in", c[0].toString());
      assertThat(r.code()).as(r.toString()).isEqualTo(2);
      UsageTest.assertOneLine(r.err());
      assertThat(r.err()).contains((String) c[1]);
    }
    assertThatThrownBy(() -> Importer.importInto(memory(), newer, true, MaintenanceProgress.NONE))
        .isInstanceOf(ExportFileException.class).hasMessageContaining("version 4");
  }

  @Test
  void exportReplacesTheFileOnlyWhenComplete() throws Exception {
    Path src = tmp.resolve("src");
    try (RocksPeerstore ps = fx.open(src)) {
      fx.populate(ps, 2);
    }
    Path file = tmp.resolve("e.jsonl");
    Files.writeString(file, "old contents\n");
    Tool.Run r = Tool.run(fx.clock, "export", "--db", src.toString(), "--out",
        tmp.resolve("no-such-dir").resolve("e.jsonl").toString());
    assertThat(r.code()).isEqualTo(2);
    UsageTest.assertOneLine(r.err());
    assertThat(r.err()).contains("cannot write export file");
    assertThat(Tool.run(fx.clock, "export", "--db", src.toString(), "--out", file.toString())
        .code()).isZero();
    assertThat(Files.readAllLines(file)).as("header, 2 peers, trailer").hasSize(4);
    assertThat(tmp.resolve("e.jsonl.partial")).doesNotExist();
  }
}
