package org.peerstore.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.conformance.MutableClock;
import org.peerstore.conformance.PeerstoreConformanceSuite;
import org.peerstore.conformance.TestPeer;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.rocksdb.pb.RocksValues.StoreInfo;

/**
 * What the RocksDB protocol index adds to the conformance suite: a store of schema 2 (no
 * {@code protocol_index}) gets its index built when a store opens it, offline maintenance reads
 * it as it is, and {@code verify} finds and {@code repair} mends an index that disagrees with the
 * protocol sets (docs/STORAGE.md, "Protocol index").
 */
class ProtocolIndexTest {
  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(PeerstoreConformanceSuite.START);

  private RocksPeerstore open() {
    return RocksPeerstore.builder(dir).clock(clock).gcInterval(Duration.ZERO)
        .blockCacheSize(1L << 20).writeBufferSize(256L << 10).build();
  }

  private static int schemaVersion(RawRocks raw) throws Exception {
    return StoreInfo.parseFrom(raw.get(ColumnFamily.DEFAULT, StoreKeys.SCHEMA)).getSchemaVersion();
  }

  @Test
  void aSchemaTwoStoreGetsItsIndexBuiltAtOpen() throws Exception {
    List<PeerId> peers = new ArrayList<>();
    try (RocksPeerstore ps = open()) {
      for (int i = 0; i < 30; i++) {
        PeerId p = TestPeer.generate().id();
        peers.add(p);
        ps.addProtocols(p, i % 2 == 0 ? List.of("/even", "/all") : List.of("/all"));
      }
      ps.addAddr(peers.get(0), Multiaddr.fromString("/ip4/1.2.3.4/tcp/1"), Duration.ofHours(1));
    }
    // Make the directory look like one written before the protocol index.
    try (RawRocks raw = RawRocks.open(dir)) {
      raw.dropColumnFamily(ColumnFamily.PROTOCOL_INDEX.cfName());
      raw.put(ColumnFamily.DEFAULT, StoreKeys.SCHEMA,
          StoreInfo.newBuilder().setSchemaVersion(2).build().toByteArray());
    }
    // Maintenance neither creates nor needs the index of an older store.
    try (RocksMaintenance m = RocksMaintenance.open(dir)) {
      assertThat(m.verify(MaintenanceProgress.NONE)).isEmpty();
    }
    // A read-only open cannot build it: the protocol sets are read instead.
    try (RocksPeerstore ps = RocksPeerstore.builder(dir).clock(clock).gcInterval(Duration.ZERO)
        .readOnly(true).build()) {
      assertThat(ps.peersWithProtocol("/all")).containsExactlyInAnyOrderElementsOf(peers);
    }
    try (RawRocks raw = RawRocks.open(dir)) {
      assertThat(schemaVersion(raw)).isEqualTo(2);
    }
    try (RocksPeerstore ps = open()) {
      assertThat(ps.peersWithProtocol("/all")).containsExactlyInAnyOrderElementsOf(peers);
      assertThat(ps.peersWithProtocol("/even")).hasSize(15);
      assertThat(ps.peersWithProtocol("/all", null, 7).peers()).hasSize(7);
      ps.removePeer(peers.get(0));
      assertThat(ps.peersWithProtocol("/even")).hasSize(14).doesNotContain(peers.get(0));
    }
    try (RawRocks raw = RawRocks.open(dir)) {
      assertThat(schemaVersion(raw)).isEqualTo(StoreDb.SCHEMA_VERSION).isEqualTo(3);
      assertThat(raw.keys(ColumnFamily.PROTOCOL_INDEX)).hasSize(29 + 14);
    }
    StoreInvariants.check(dir, false);
    try (RocksMaintenance m = RocksMaintenance.open(dir)) {
      assertThat(m.verify(MaintenanceProgress.NONE)).isEmpty();
    }
  }

  @Test
  void verifyReportsAndRepairMendsAnIndexThatDisagrees() throws Exception {
    PeerId a = TestPeer.generate().id();
    PeerId b = TestPeer.generate().id();
    try (RocksPeerstore ps = open()) {
      ps.addProtocols(a, List.of("/x", "/y"));
      ps.addProtocols(b, List.of("/x"));
    }
    try (RawRocks raw = RawRocks.open(dir)) {
      raw.delete(ColumnFamily.PROTOCOL_INDEX, ProtocolIndex.key("/y", a.toBytes()));
      raw.put(ColumnFamily.PROTOCOL_INDEX, ProtocolIndex.key("/z", b.toBytes()), new byte[0]);
    }
    try (RocksMaintenance m = RocksMaintenance.open(dir)) {
      List<StoreProblem> problems = m.verify(MaintenanceProgress.NONE);
      assertThat(problems).hasSize(2)
          .allMatch(p -> p.columnFamily().equals("protocol_index"));
      assertThat(problems).extracting(StoreProblem::repair).containsExactlyInAnyOrder(
          StoreProblem.Repair.ADD_INDEX_ENTRY, StoreProblem.Repair.DELETE_ENTRY);
      m.repair(problems);
      assertThat(m.verify(MaintenanceProgress.NONE)).isEmpty();
    }
    try (RocksPeerstore ps = open()) {
      assertThat(ps.peersWithProtocol("/y")).containsExactly(a);
      assertThat(ps.peersWithProtocol("/z")).isEmpty();
      assertThat(ps.peersWithProtocol("/x")).isEqualTo(Set.of(a, b));
    }
  }

  @Test
  void aCorruptProtocolValueIsReplacedWithItsIndexEntries() throws Exception {
    PeerId a = TestPeer.generate().id();
    try (RocksPeerstore ps = open()) {
      ps.addProtocols(a, List.of("/x", "/y"));
    }
    try (RawRocks raw = RawRocks.open(dir)) {
      raw.put(ColumnFamily.PROTOCOLS, StoreKeys.peer(a.toBytes()), new byte[] {(byte) 0xff});
    }
    try (RocksPeerstore ps = open()) {
      assertThat(ps.protocols(a)).isEmpty();
      ps.setProtocols(a, List.of("/z"));
      assertThat(ps.peersWithProtocol("/x")).isEmpty();
      assertThat(ps.peersWithProtocol("/z")).containsExactly(a);
    }
    StoreInvariants.check(dir, false);
  }
}
