package org.peerstore.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.BanBook;
import org.peerstore.BanTarget;
import org.peerstore.Subnet;
import org.peerstore.conformance.MutableClock;
import org.peerstore.conformance.PeerstoreConformanceSuite;
import org.peerstore.conformance.TestPeer;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.rocksdb.pb.RocksValues.StoreInfo;

/**
 * What the RocksDB ban book adds to the conformance suite: checks make no RocksDB call, garbage
 * collection removes only what expired, a damaged ban is counted and left on disk, and a
 * directory of schema 1 (without the {@code bans} column family) still opens, offline too.
 */
class RocksBanBookTest {
  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(PeerstoreConformanceSuite.START);

  private RocksPeerstore open() {
    return RocksPeerstore.builder(dir).clock(clock).gcInterval(Duration.ZERO)
        .blockCacheSize(1L << 20).writeBufferSize(256L << 10).build();
  }

  @Test
  void checksMakeNoRocksDbCall() throws Exception {
    try (RocksPeerstore ps = open()) {
      PeerId p = TestPeer.generate().id();
      ps.banPeer(p, "", Duration.ofHours(1));
      ps.banSubnet(Subnet.parse("10.0.0.0/8"), "", Duration.ofHours(1));
      long calls = ps.parts().rocksCallCount();
      assertThat(ps.isBanned(p)).isTrue();
      assertThat(ps.isBanned(TestPeer.generate().id())).isFalse();
      assertThat(ps.isBanned(InetAddress.getByName("10.1.2.3"))).isTrue();
      assertThat(ps.isBanned(Multiaddr.fromString("/ip4/11.0.0.1/tcp/1"))).isFalse();
      assertThat(ps.bans()).hasSize(2);
      assertThat(ps.parts().rocksCallCount()).isEqualTo(calls);
    }
  }

  @Test
  void collectionRemovesOnlyWhatExpiredFromDiskAndIndex() throws Exception {
    try (RocksPeerstore ps = open()) {
      for (int i = 0; i < 50; i++) {
        ps.banPeer(TestPeer.generate().id(), "", Duration.ofMinutes(1));
      }
      for (int i = 0; i < 5; i++) {
        ps.banIp(InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) i}), "", BanBook.PERMANENT);
      }
      ps.banSubnet(Subnet.parse("192.168.0.0/16"), "", Duration.ofMinutes(2));
      assertThat(ps.parts().storedBanCount()).isEqualTo(56);
      clock.advance(Duration.ofMinutes(1));
      assertThat(ps.parts().storedBanCount()).isEqualTo(56);
      ps.collectGarbage();
      assertThat(ps.parts().storedBanCount()).isEqualTo(6);
    }
    try (RawRocks raw = RawRocks.open(dir)) {
      assertThat(raw.keys(ColumnFamily.BANS)).hasSize(6);
    }
  }

  @Test
  void aDamagedBanIsCountedLeftOnDiskAndReportedByVerify() throws Exception {
    PeerId p = TestPeer.generate().id();
    PeerId q = TestPeer.generate().id();
    try (RocksPeerstore ps = open()) {
      ps.banPeer(p, "fine", Duration.ofHours(1));
      ps.banPeer(q, "to be damaged", Duration.ofHours(1));
    }
    byte[] damagedKey = BanCodec.key(BanTarget.peer(q));
    try (RawRocks raw = RawRocks.open(dir)) {
      raw.put(ColumnFamily.BANS, damagedKey, new byte[] {9, 9, 9});
      raw.put(ColumnFamily.BANS, new byte[] {7, 1, 2}, new byte[0]);
    }
    try (RocksPeerstore ps = open()) {
      assertThat(ps.isBanned(p)).isTrue();
      assertThat(ps.isBanned(q)).isFalse();
      assertThat(ps.corruptValueCounts()).containsEntry("bans", 2L);
    }
    try (RocksMaintenance m = RocksMaintenance.open(dir)) {
      List<StoreProblem> problems = m.verify(MaintenanceProgress.NONE);
      assertThat(problems).hasSize(2).allMatch(pr -> pr.columnFamily().equals("bans"))
          .allMatch(pr -> pr.repair() == StoreProblem.Repair.DELETE_ENTRY);
      assertThat(m.stats(clock.instant()).unreadableEntries()).isEqualTo(2);
      m.repair(problems);
      assertThat(m.verify(MaintenanceProgress.NONE)).isEmpty();
    }
    try (RocksPeerstore ps = open()) {
      assertThat(ps.corruptValueCount()).isZero();
      assertThat(ps.bans()).extracting(b -> b.target()).containsExactly(BanTarget.peer(p));
    }
  }

  @Test
  void aSchemaOneDirectoryOpensOfflineAndIsUpgradedByTheStore() throws Exception {
    PeerId p = TestPeer.generate().id();
    try (RocksPeerstore ps = open()) {
      ps.addAddr(p, Multiaddr.fromString("/ip4/1.2.3.4/tcp/1"), Duration.ofHours(1));
    }
    // Make the directory look like one written before the ban book.
    try (RawRocks raw = RawRocks.open(dir)) {
      raw.dropColumnFamily("bans");
      raw.put(ColumnFamily.DEFAULT, StoreKeys.SCHEMA,
          StoreInfo.newBuilder().setSchemaVersion(1).build().toByteArray());
    }
    try (RocksMaintenance m = RocksMaintenance.open(dir)) {
      assertThat(m.verify(MaintenanceProgress.NONE)).isEmpty();
      assertThat(m.stats(clock.instant()).unreadableEntries()).isZero();
      m.compact(MaintenanceProgress.NONE);
    }
    try (RocksPeerstore ps = open()) {
      assertThat(ps.addrs(p)).hasSize(1);
      assertThat(ps.bans()).isEmpty();
      ps.banPeer(p, "after the upgrade", Duration.ofHours(1));
    }
    try (RawRocks raw = RawRocks.open(dir)) {
      assertThat(StoreInfo.parseFrom(raw.get(ColumnFamily.DEFAULT, StoreKeys.SCHEMA))
          .getSchemaVersion()).isEqualTo(StoreDb.SCHEMA_VERSION).isGreaterThanOrEqualTo(2);
      assertThat(raw.keys(ColumnFamily.BANS)).hasSize(1);
    }
    try (RocksPeerstore ps = open()) {
      assertThat(ps.isBanned(p)).isTrue();
      assertThat(ps.banOf(BanTarget.peer(p)).orElseThrow().created())
          .isEqualTo(Instant.from(PeerstoreConformanceSuite.START));
    }
  }
}
