package org.peerstore.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.PeerSnapshot;
import org.peerstore.conformance.TestPeer;
import org.peerstore.peer.PeerId;
import org.peerstore.rocksdb.RocksPeerstore;

/**
 * {@code verify} on a store damaged on purpose through the raw RocksDB API: each problem is
 * reported with its peer id and column family (exit 1) and nothing is changed; then
 * {@code verify --repair} mends exactly the broken entries and leaves all good data alone.
 */
class VerifyTest {
  private final Fixture fx = new Fixture();

  @TempDir
  Path tmp;

  private static long nanos(Instant i) {
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  @Test
  void aHealthyStoreVerifies() {
    Path dir = tmp.resolve("store");
    try (RocksPeerstore ps = fx.open(dir)) {
      fx.populate(ps, 6);
    }
    Tool.Run r = Tool.run(fx.clock, "verify", "--db", dir.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("verify: no problems found" + System.lineSeparator());
    assertThat(r.err()).contains("verify: 100%");
  }

  @Test
  void damageIsReportedThenRepairedWithoutTouchingGoodData() throws Exception {
    Path dir = tmp.resolve("store");
    List<TestPeer> peers;
    Map<PeerId, PeerSnapshot> before;
    try (RocksPeerstore ps = fx.open(dir)) {
      peers = fx.populate(ps, 8);
    }
    before = fx.reopenedSnapshots(dir);
    PeerId badAddrs = peers.get(0).id();
    PeerId badKey = peers.get(1).id();
    PeerId badRecord = peers.get(2).id();
    PeerId dangling = peers.get(3).id();
    PeerId unindexed = peers.get(4).id();
    PeerId badMetadata = peers.get(5).id();
    byte[] danglingKey = RawStore.expiryKey(nanos(Fixture.START.plusSeconds(5 * 3600)), dangling);
    byte[] realIndexKey =
        RawStore.expiryKey(nanos(Fixture.START.plus(Fixture.SHORT)), unindexed);
    byte[] badPeerKey = {5, 1, 2, 3, 4, 5};
    List<Integer> countsBefore;
    try (RawStore raw = new RawStore(dir)) {
      raw.put("addrs", RawStore.peerKey(badAddrs), new byte[] {(byte) 0xff, 0x13, 0x37});
      raw.put("keys", RawStore.peerKey(badKey, (byte) 1), "garbage".getBytes(StandardCharsets.UTF_8));
      byte[] record = raw.get("records", RawStore.peerKey(badRecord));
      record[record.length - 1] ^= 0x01; // the signature no longer verifies
      raw.put("records", RawStore.peerKey(badRecord), record);
      raw.put("expiry", danglingKey, new byte[0]);
      assertThat(raw.get("expiry", realIndexKey)).isNotNull();
      raw.delete("expiry", realIndexKey);
      raw.put("metadata", RawStore.peerKey(badMetadata, "bad".getBytes(StandardCharsets.UTF_8)),
          new byte[] {0x42});
      raw.put("protocols", badPeerKey, new byte[0]);
      countsBefore = counts(raw);
    }

    Tool.Run r = Tool.run(fx.clock, "verify", "--db", dir.toString());
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out())
        .contains("PROBLEM peer " + badAddrs + " in column family \"addrs\": not an AddrSet")
        .contains("PROBLEM peer " + badKey + " in column family \"keys\": unusable public key")
        .contains("PROBLEM peer " + badRecord + " in column family \"records\": stored record"
            + " fails verification")
        .contains("PROBLEM peer " + dangling + " in column family \"expiry\": dangling expiry"
            + " index entry 2026-01-01T05:00:00Z")
        .contains("PROBLEM peer " + unindexed + " in column family \"expiry\": missing expiry"
            + " index entry for the earliest expiry 2026-01-01T00:01:00Z")
        .contains("PROBLEM peer " + badMetadata + " in column family \"metadata\": metadata bad:")
        .contains("PROBLEM unreadable peer id in column family \"protocols\": key holds no valid"
            + " peer id")
        .contains("verify: 7 problems found (run verify --repair to mend them)");
    for (PeerId healthy : List.of(peers.get(6).id(), peers.get(7).id())) {
      assertThat(r.out()).doesNotContain(healthy.toString());
    }
    try (RawStore raw = new RawStore(dir)) {
      assertThat(counts(raw)).as("verify changes nothing").isEqualTo(countsBefore);
    }

    Tool.Run repair = Tool.run(fx.clock, "verify", "--repair", "--db", dir.toString());
    assertThat(repair.code()).as(repair.toString()).isZero();
    assertThat(repair.out())
        .contains("repair: deleted 6 entries, added 1 expiry index entries")
        // Deleting the damaged address value left its record orphaned and index entry dangling.
        .contains("verify: 2 more problems revealed by the repair")
        .contains("PROBLEM peer " + badAddrs + " in column family \"records\": signed record"
            + " without any stored address")
        .contains("PROBLEM peer " + badAddrs + " in column family \"expiry\": dangling")
        .contains("repair: deleted 2 entries, added 0 expiry index entries")
        .contains("verify: store is consistent after repair (8 entries deleted, 1 index entries"
            + " added)");
    Tool.Run after = Tool.run(fx.clock, "verify", "--db", dir.toString());
    assertThat(after.code()).as(after.toString()).isZero();

    try (RocksPeerstore ps = fx.open(dir)) {
      Map<PeerId, PeerSnapshot> now = Fixture.snapshots(ps);
      assertThat(now).hasSize(8);
      for (PeerId healthy : List.of(peers.get(6).id(), peers.get(7).id(), dangling, unindexed,
          badMetadata)) {
        assertThat(now.get(healthy)).isEqualTo(before.get(healthy));
      }
      PeerSnapshot a = before.get(badAddrs);
      assertThat(now.get(badAddrs)).isEqualTo(new PeerSnapshot(badAddrs, List.of(), null,
          a.pubKey(), a.privKey(), a.protocols(), a.metadata()));
      PeerSnapshot k = before.get(badKey);
      assertThat(now.get(badKey)).isEqualTo(new PeerSnapshot(badKey, k.addrs(), k.record(),
          null, k.privKey(), k.protocols(), k.metadata()));
      PeerSnapshot rec = before.get(badRecord);
      assertThat(now.get(badRecord)).isEqualTo(new PeerSnapshot(badRecord, rec.addrs(), null,
          rec.pubKey(), rec.privKey(), rec.protocols(), rec.metadata()));
      // The re-added index entry lets garbage collection find the peer's short address.
      fx.clock.advance(Fixture.SHORT);
      assertThat(ps.collectGarbage()).isEqualTo(7);
      assertThat(ps.snapshot(unindexed).orElseThrow().addrs()).hasSize(2);
    }
  }

  /** The protocol index key of docs/STORAGE.md "Protocol index" (ASCII protocols only). */
  private static byte[] protocolIndexKey(String protocol, PeerId p) {
    byte[] name = protocol.getBytes(StandardCharsets.UTF_8);
    byte[] peer = RawStore.peerKey(p);
    byte[] key = new byte[4 + name.length + peer.length];
    key[3] = (byte) name.length;
    System.arraycopy(name, 0, key, 4, name.length);
    System.arraycopy(peer, 0, key, 4 + name.length, peer.length);
    return key;
  }

  @Test
  void aProtocolIndexThatDisagreesIsReportedThenRepaired() throws Exception {
    Path dir = tmp.resolve("store");
    List<TestPeer> peers;
    try (RocksPeerstore ps = fx.open(dir)) {
      peers = fx.populate(ps, 4);
    }
    PeerId missing = peers.get(0).id();
    PeerId dangling = peers.get(1).id();
    try (RawStore raw = new RawStore(dir)) {
      byte[] real = protocolIndexKey("/ipfs/kad/1.0.0", missing);
      assertThat(raw.get("protocol_index", real)).isNotNull();
      raw.delete("protocol_index", real);
      raw.put("protocol_index", protocolIndexKey("/not/spoken", dangling), new byte[0]);
    }
    Tool.Run r = Tool.run(fx.clock, "verify", "--db", dir.toString());
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out())
        .contains("PROBLEM peer " + missing + " in column family \"protocol_index\": missing"
            + " protocol index entry for protocol /ipfs/kad/1.0.0")
        .contains("PROBLEM peer " + dangling + " in column family \"protocol_index\": dangling"
            + " protocol index entry for protocol /not/spoken")
        .contains("verify: 2 problems found");
    Tool.Run repair = Tool.run(fx.clock, "verify", "--repair", "--db", dir.toString());
    assertThat(repair.code()).as(repair.toString()).isZero();
    assertThat(Tool.run(fx.clock, "verify", "--db", dir.toString()).code()).isZero();
    try (RocksPeerstore ps = fx.open(dir)) {
      assertThat(ps.peersWithProtocol("/ipfs/kad/1.0.0")).contains(missing).hasSize(4);
      assertThat(ps.peersWithProtocol("/not/spoken")).isEmpty();
    }
  }

  /** The number of keys in each column family. */
  private static List<Integer> counts(RawStore raw) {
    List<Integer> out = new ArrayList<>();
    for (String cf : List.of("default", "addrs", "records", "keys", "protocols", "metadata",
        "expiry")) {
      out.add(raw.keys(cf).size());
    }
    return out;
  }
}
