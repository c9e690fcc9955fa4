package org.peerstore.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.AddrTtl;
import org.peerstore.conformance.Addrs;
import org.peerstore.conformance.MutableClock;
import org.peerstore.conformance.PeerstoreConformanceSuite;
import org.peerstore.conformance.TestPeer;
import org.peerstore.crypto.KeyType;
import org.peerstore.peer.PeerId;

/**
 * A write-ahead log cut in half before the next open (a power loss, a full disk, a copy that
 * stopped): RocksDB recovers in point-in-time mode to the last intact record, and the peers
 * written after it are gone. That used to happen without a word; now the store says so
 * (docs/STORAGE.md, "Write-ahead log recovery"): {@link RocksPeerstore#walRecovery()} counts
 * it, and a WARNING is logged.
 */
class TruncatedWalTest {
  private static final int PEERS = 300;

  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(PeerstoreConformanceSuite.START);

  private RocksPeerstore open() {
    return RocksPeerstore.builder(dir).clock(clock).gcInterval(Duration.ZERO).build();
  }

  private List<PeerId> fill() {
    List<PeerId> ids = new ArrayList<>();
    try (RocksPeerstore store = open()) {
      for (int i = 0; i < PEERS; i++) {
        TestPeer t = TestPeer.generate(KeyType.ED25519);
        store.addAddr(t.id(), Addrs.addr(4001), AddrTtl.ADDRESS);
        store.addPubKey(t.id(), t.pubKey());
        store.addProtocols(t.id(), List.of("/a/1", "/b/" + i));
        ids.add(t.id());
      }
    }
    return ids;
  }

  private Path newestWal() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".log"))
          .max(Path::compareTo).orElseThrow();
    }
  }

  @Test
  void aLogCutInHalfIsReportedAsLostWrites() throws Exception {
    List<PeerId> ids = fill();
    Path wal = newestWal();
    try (RandomAccessFile f = new RandomAccessFile(wal.toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }
    try (StoreLog log = StoreLog.capture(); RocksPeerstore store = open()) {
      long kept = ids.stream().filter(p -> !store.protocols(p).isEmpty()).count();
      assertThat(kept).as("the cut lost peers").isLessThan(PEERS);
      WalRecovery r = store.walRecovery();
      assertThat(r.lostWrites()).as(r.toString()).isTrue();
      assertThat(r.droppedRecords()).isPositive();
      assertThat(r.droppedBytes()).isPositive();
      assertThat(r.messages()).anySatisfy(m -> assertThat(m).contains(wal.getFileName().toString()));
      assertThat(r.describe()).contains("writes logged after that point are lost");
      assertThat(log.records()).anySatisfy(rec -> {
        assertThat(rec.getLevel()).isEqualTo(Level.WARNING);
        assertThat(rec.getMessage()).contains("write-ahead log recovery dropped");
      });
    }
    // Recovered once: the next open finds an intact log.
    try (RocksPeerstore store = open()) {
      assertThat(store.walRecovery().lostWrites()).isFalse();
    }
  }

  @Test
  void aCleanReopenReportsNothing() {
    List<PeerId> ids = fill();
    try (StoreLog log = StoreLog.capture(); RocksPeerstore store = open()) {
      assertThat(store.walRecovery().lostWrites()).isFalse();
      assertThat(store.walRecovery().describe()).isEmpty();
      assertThat(ids).allSatisfy(p -> assertThat(store.protocols(p)).hasSize(2));
      assertThat(log.records()).noneSatisfy(
          rec -> assertThat(rec.getMessage()).contains("write-ahead log"));
    }
  }
}
