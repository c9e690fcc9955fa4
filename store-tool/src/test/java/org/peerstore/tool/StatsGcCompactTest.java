package org.peerstore.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.AddrTtl;
import org.peerstore.PeerSnapshot;
import org.peerstore.conformance.TestPeer;
import org.peerstore.peer.PeerId;
import org.peerstore.rocksdb.RocksPeerstore;

/** {@code stats}, {@code gc} and {@code compact} on a store made by the test. */
class StatsGcCompactTest {
  private static final int PEERS = 12;
  private final Fixture fx = new Fixture();

  @TempDir
  Path tmp;

  private Path populated() {
    Path dir = tmp.resolve("store");
    try (RocksPeerstore ps = fx.open(dir)) {
      fx.populate(ps, PEERS);
    }
    return dir;
  }

  @Test
  void statsCountsEveryBook() {
    Path dir = populated();
    fx.clock.advance(Fixture.SHORT); // each peer's short-lived address is now expired
    Tool.Run r = Tool.run(fx.clock, "stats", "--db", dir.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    // Per peer: 1h, connected, short; every third a permanent one (peers 0, 3, 6, 9).
    // Connected and permanent addresses never expire.
    assertThat(r.out())
        .contains("peers             12")
        .contains("addresses         28 live (16 never expire), 12 expired awaiting gc")
        .contains("signed records    12")
        .contains("keys              12 public, 4 private")
        .contains("protocols         36")
        .contains("metadata entries  36")
        .contains("expiry index      12 entries")
        .contains("protocol index    36 entries")
        .containsPattern("size on disk +[0-9.]+ (KiB|MiB)")
        .containsPattern("addrs +12 ")
        .contains("est. keys");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void statsAsJson() throws Exception {
    Path dir = populated();
    Tool.Run r = Tool.run(fx.clock, "stats", "--db", dir.toString(), "--json");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.get("peers").asLong()).isEqualTo(PEERS);
    assertThat(j.get("liveAddrs").asLong()).isEqualTo(40);
    assertThat(j.get("expiredAddrs").asLong()).isZero();
    assertThat(j.get("privateKeys").asLong()).isEqualTo(4);
    assertThat(j.get("store").asText()).isEqualTo(dir.toAbsolutePath().toString());
    assertThat(j.get("columnFamilies")).hasSize(columnFamilies(dir));
    assertThat(j.get("protocolIndexEntries").asLong()).isEqualTo(j.get("protocols").asLong())
        .isPositive();
    JsonNode addrs = j.get("columnFamilies").get(1);
    assertThat(addrs.get("name").asText()).isEqualTo("addrs");
    assertThat(addrs.get("entries").asLong()).isEqualTo(PEERS);
    assertThat(addrs.get("keyValueBytes").asLong()).isPositive();
    assertThat(j.get("sizeOnDiskBytes").asLong()).isPositive();
  }

  @Test
  void gcRemovesExpiredAddressesAndOrphanedRecordsAndReportsThem() throws Exception {
    Path dir = tmp.resolve("store");
    TestPeer gone = TestPeer.generate();
    TestPeer orphan = TestPeer.generate();
    List<TestPeer> peers;
    try (RocksPeerstore ps = fx.open(dir)) {
      peers = fx.populate(ps, PEERS);
      ps.consumePeerRecord(gone.record(1, List.of(Fixture.addr(999, 1))), Fixture.SHORT);
      ps.consumePeerRecord(orphan.record(1, List.of(Fixture.addr(998, 1))), Fixture.HOUR);
    }
    try (RawStore raw = new RawStore(dir)) {
      // An orphaned record: its peer's address value is gone (the index entry goes too).
      raw.delete("addrs", RawStore.peerKey(orphan.id()));
      for (byte[] k : raw.keys("expiry")) {
        if (java.util.Arrays.equals(k, 8, k.length, orphan.id().toBytes(), 0,
            orphan.id().toBytes().length)) {
          raw.delete("expiry", k);
        }
      }
    }
    fx.clock.advance(Fixture.SHORT);
    Tool.Run r = Tool.run(fx.clock, "gc", "--db", dir.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("gc: removed 13 expired addresses of 13 peers (1 peers left without addresses,"
            + " 1 signed records with them)")
        .contains("gc: removed 1 orphaned signed records and 0 stale expiry index entries");
    assertThat(r.err()).contains("gc: 100%");
    try (RocksPeerstore ps = fx.open(dir)) {
      for (int i = 0; i < PEERS; i++) {
        PeerSnapshot s = ps.snapshot(peers.get(i).id()).orElseThrow();
        assertThat(s.addrs()).extracting(PeerSnapshot.Addr::addr)
            .doesNotContain(Fixture.addr(i, 4))
            .contains(Fixture.addr(i, 1), Fixture.addr(i, 2));
        assertThat(s.record()).isNotNull();
      }
      assertThat(ps.snapshot(gone.id())).isEmpty();
      assertThat(ps.snapshot(orphan.id())).isEmpty();
      assertThat(ps.collectGarbage()).isZero();
    }
    Tool.Run again = Tool.run(fx.clock, "gc", "--db", dir.toString());
    assertThat(again.out()).contains("gc: removed 0 expired addresses of 0 peers");
    Tool.Run verify = Tool.run(fx.clock, "verify", "--db", dir.toString());
    assertThat(verify.code()).as(verify.toString()).isZero();
  }

  @Test
  void compactShrinksAStoreWithDeletedDataAndKeepsItsContent() throws Exception {
    Path dir = tmp.resolve("store");
    Map<PeerId, PeerSnapshot> before;
    try (RocksPeerstore ps = fx.open(dir)) {
      List<TestPeer> peers = fx.populate(ps, 40);
      for (int round = 0; round < 30; round++) {
        for (TestPeer t : peers) {
          ps.put(t.id(), "blob", new byte[512 + round]);
          ps.setAddrs(t.id(), List.of(Fixture.addr(round, 9)), Duration.ofMinutes(round + 1));
        }
      }
      for (TestPeer t : peers.subList(0, 30)) {
        ps.clearAddrs(t.id());
        ps.removePeer(t.id());
      }
      ps.addAddr(peers.get(39).id(), Fixture.addr(1, 1), AddrTtl.PERMANENT);
    }
    before = fx.reopenedSnapshots(dir);
    Tool.Run r = Tool.run(fx.clock, "compact", "--db", dir.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).containsPattern("compact: size on disk [0-9.]+ (KiB|MiB) -> [0-9.]+ "
        + "(KiB|MiB)").containsPattern("metadata +sst files +[0-9.]+ \\S+ -> ");
    int n = columnFamilies(dir);
    assertThat(r.err()).contains("compact: 100% (" + n + "/" + n + " column families)");
    long[] sizes = sizes(r.out());
    assertThat(sizes[1]).isLessThan(sizes[0]);
    try (RocksPeerstore ps = fx.open(dir)) {
      assertThat(Fixture.snapshots(ps)).isEqualTo(before).hasSize(10);
    }
  }

  /** The two sizes of "size on disk A -> B", in bytes (approximately). */
  private static long[] sizes(String out) {
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("size on disk ([0-9.]+) (B|KiB|MiB) -> ([0-9.]+) (B|KiB|MiB)").matcher(out);
    assertThat(m.find()).isTrue();
    return new long[] {bytes(m.group(1), m.group(2)), bytes(m.group(3), m.group(4))};
  }

  private static long bytes(String n, String unit) {
    double v = Double.parseDouble(n);
    return (long) (v * switch (unit) {
      case "KiB" -> 1024;
      case "MiB" -> 1024 * 1024;
      default -> 1;
    });
  }

  /** How many column families the store directory has, as RocksDB lists them. */
  private static int columnFamilies(Path dir) throws org.rocksdb.RocksDBException {
    try (org.rocksdb.Options o = new org.rocksdb.Options()) {
      return org.rocksdb.RocksDB.listColumnFamilies(o, dir.toString()).size();
    }
  }
}
