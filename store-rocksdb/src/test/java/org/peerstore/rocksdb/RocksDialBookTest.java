package org.peerstore.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.AddrTtl;
import org.peerstore.DialHistory;
import org.peerstore.conformance.MutableClock;
import org.peerstore.conformance.PeerstoreConformanceSuite;
import org.peerstore.conformance.TestPeer;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.rocksdb.pb.RocksValues.StoreInfo;

/**
 * What the RocksDB dial book adds to the conformance suite: reads and backoff checks make no
 * RocksDB call, a dial event is one write of one {@code dials} key, a damaged entry is counted
 * and left out, a removed or collected history leaves no key, and a directory of schema 2
 * (without the {@code dials} column family) still opens, offline too, and is upgraded.
 */
class RocksDialBookTest {
  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(PeerstoreConformanceSuite.START);
  private final Multiaddr a = Multiaddr.fromString("/ip4/1.2.3.4/tcp/1");

  private RocksPeerstore open() {
    return RocksPeerstore.builder(dir).clock(clock).gcInterval(Duration.ZERO)
        .blockCacheSize(1L << 20).writeBufferSize(256L << 10).build();
  }

  @Test
  void readsMakeNoRocksDbCallAndAnEventIsOneWrite() throws Exception {
    try (RocksPeerstore ps = open()) {
      PeerId p = TestPeer.generate().id();
      ps.recordDialFailure(p, a, "x");
      long calls = ps.parts().rocksCallCount();
      assertThat(ps.dialHistory(p)).isPresent();
      assertThat(ps.inBackoff(p)).isTrue();
      assertThat(ps.backoffUntil(p, a)).isPresent();
      assertThat(ps.parts().rocksCallCount()).isEqualTo(calls);
      ps.recordDialAttempt(p, a);
      assertThat(ps.parts().rocksCallCount()).isEqualTo(calls + 1);
    }
    try (RawRocks raw = RawRocks.open(dir)) {
      assertThat(raw.keys(ColumnFamily.DIALS)).hasSize(1);
    }
  }

  @Test
  void removedAndCollectedHistoriesLeaveNoKey() throws Exception {
    PeerId kept = TestPeer.generate().id();
    try (RocksPeerstore ps = open()) {
      PeerId removed = TestPeer.generate().id();
      PeerId old = TestPeer.generate().id();
      ps.addAddr(removed, a, AddrTtl.PERMANENT);
      ps.addProtocols(removed, java.util.List.of("/x/1"));
      ps.recordDialSuccess(removed, a);
      ps.recordDialSuccess(old, a);
      clock.advance(Duration.ofDays(7));
      ps.recordConnected(kept);
      ps.removePeer(removed);
      assertThat(ps.protocols(removed)).isEmpty();
      assertThat(ps.collectGarbage()).isZero();
    }
    try (RawRocks raw = RawRocks.open(dir)) {
      assertThat(raw.keys(ColumnFamily.DIALS)).containsExactly(DialCodec.key(kept));
    }
  }

  @Test
  void aDamagedEntryIsCountedAndLeftOut() throws Exception {
    PeerId p = TestPeer.generate().id();
    PeerId q = TestPeer.generate().id();
    try (RocksPeerstore ps = open()) {
      ps.recordDialSuccess(p, a);
      ps.recordDialSuccess(q, a);
    }
    try (RawRocks raw = RawRocks.open(dir)) {
      raw.put(ColumnFamily.DIALS, DialCodec.key(q), new byte[] {1, 2, 3});
    }
    try (RocksPeerstore ps = open()) {
      assertThat(ps.corruptValueCounts()).containsEntry("dials", 1L);
      assertThat(ps.dialHistory(p)).isPresent();
      assertThat(ps.dialHistory(q)).isEmpty();
      ps.recordDialAttempt(q, a);
      DialHistory h = ps.dialHistory(q).orElseThrow();
      assertThat(h.entry().attempts()).isEqualTo(1);
    }
    try (RocksPeerstore ps = open()) {
      assertThat(ps.corruptValueCount()).isZero();
      assertThat(ps.dialHistory(q)).isPresent();
    }
  }

  @Test
  void aSchemaTwoDirectoryOpensOfflineAndIsUpgradedByTheStore() throws Exception {
    PeerId p = TestPeer.generate().id();
    try (RocksPeerstore ps = open()) {
      ps.addAddr(p, a, Duration.ofHours(1));
    }
    try (RawRocks raw = RawRocks.open(dir)) {
      raw.dropColumnFamily("dials");
      raw.put(ColumnFamily.DEFAULT, StoreKeys.SCHEMA,
          StoreInfo.newBuilder().setSchemaVersion(2).build().toByteArray());
    }
    try (RocksMaintenance m = RocksMaintenance.open(dir)) {
      assertThat(m.verify(MaintenanceProgress.NONE)).isEmpty();
      assertThat(m.stats(clock.instant()).unreadableEntries()).isZero();
    }
    try (RocksPeerstore ps = open()) {
      assertThat(ps.dialHistory(p)).isEmpty();
      ps.recordDialSuccess(p, a);
    }
    try (RawRocks raw = RawRocks.open(dir)) {
      assertThat(StoreInfo.parseFrom(raw.get(ColumnFamily.DEFAULT, StoreKeys.SCHEMA))
          .getSchemaVersion()).isEqualTo(3);
      assertThat(raw.keys(ColumnFamily.DIALS)).hasSize(1);
    }
    try (RocksPeerstore ps = open()) {
      assertThat(ps.dialHistory(p).orElseThrow().entry().lastSuccess())
          .contains(PeerstoreConformanceSuite.START);
    }
  }
}
