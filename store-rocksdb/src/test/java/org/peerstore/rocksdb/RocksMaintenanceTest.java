package org.peerstore.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.AddrTtl;
import org.peerstore.PeerSnapshot;
import org.peerstore.StorageException;
import org.peerstore.conformance.Addrs;
import org.peerstore.conformance.MutableClock;
import org.peerstore.conformance.PeerstoreConformanceSuite;
import org.peerstore.conformance.TestPeer;
import org.peerstore.crypto.KeyType;
import org.peerstore.internal.Ttl;
import org.peerstore.rocksdb.pb.RocksValues.AddrSet;

/**
 * {@link RocksMaintenance} on directories the test makes and damages through the raw RocksDB
 * API, and {@link RocksSnapshots} restoring over damaged values. (The operator tool's
 * end-to-end tests in store-tool exercise the same code through the command line.)
 */
class RocksMaintenanceTest {
  private static final Duration HOUR = Duration.ofHours(1);

  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(PeerstoreConformanceSuite.START);

  private RocksPeerstore open() {
    return RocksPeerstore.builder(dir).clock(clock).gcInterval(Duration.ZERO)
        .blockCacheSize(1L << 20).writeBufferSize(256L << 10).build();
  }

  @Test
  void refusesWhatIsNotAStoreAndCreatesNothing(@TempDir Path other) throws Exception {
    Path missing = other.resolve("missing");
    assertThatThrownBy(() -> RocksMaintenance.open(missing))
        .isInstanceOf(StorageException.class).hasMessageContaining("no such directory");
    assertThat(missing).doesNotExist();
    assertThatThrownBy(() -> RocksMaintenance.open(other))
        .isInstanceOf(StorageException.class).hasMessageContaining("no RocksDB database");
    Path plain = other.resolve("plain-db");
    try (org.rocksdb.Options o = new org.rocksdb.Options().setCreateIfMissing(true);
        org.rocksdb.RocksDB db = org.rocksdb.RocksDB.open(o, plain.toString())) {
      db.put(new byte[] {1}, new byte[] {2});
    }
    assertThatThrownBy(() -> RocksMaintenance.open(plain))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("is not a peerstore store: it lacks the column families");
  }

  @Test
  void refusesALockedStore() {
    try (RocksPeerstore running = open()) {
      assertThatThrownBy(() -> RocksMaintenance.open(dir))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("in use by another process");
      running.addAddr(TestPeer.generate().id(), Addrs.addr(1), HOUR);
    }
    try (RocksMaintenance m = RocksMaintenance.open(dir)) {
      assertThat(m.stats(clock.instant()).liveAddrs()).isEqualTo(1);
    }
  }

  @Test
  void closeIsIdempotentAndLaterCallsThrow() {
    open().close();
    RocksMaintenance m = RocksMaintenance.open(dir);
    m.close();
    m.close();
    assertThatThrownBy(() -> m.stats(clock.instant())).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> m.verify(MaintenanceProgress.NONE))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void gcDropsStaleIndexEntriesAndKeepsUnreadableOnes() throws Exception {
    TestPeer t = TestPeer.generate();
    TestPeer bad = TestPeer.generate();
    try (RocksPeerstore ps = open()) {
      ps.addAddr(t.id(), Addrs.addr(1), HOUR);
      ps.addAddr(bad.id(), Addrs.addr(2), Duration.ofMinutes(1));
    }
    long stale = Ttl.toEpochNanos(clock.instant().plusSeconds(30));
    try (RawRocks raw = RawRocks.open(dir)) {
      raw.put(ColumnFamily.EXPIRY, StoreKeys.expiry(stale, t.id().toBytes()), new byte[0]);
      raw.put(ColumnFamily.ADDRS, StoreKeys.peer(bad.id().toBytes()), new byte[] {(byte) 0xff});
    }
    clock.advance(Duration.ofMinutes(2));
    try (RocksMaintenance m = RocksMaintenance.open(dir)) {
      GcReport r = m.collectGarbage(clock.instant(), MaintenanceProgress.NONE);
      assertThat(r).isEqualTo(new GcReport(0, 0, 0, 0, 0, 1, 1));
      List<StoreProblem> problems = m.verify(MaintenanceProgress.NONE);
      assertThat(problems).extracting(StoreProblem::columnFamily).containsExactly("addrs");
    }
    try (RocksPeerstore ps = open()) {
      assertThat(ps.addrs(t.id())).containsExactly(Addrs.addr(1));
    }
  }

  @Test
  void verifyFindsWellFormedButWrongValues() throws Exception {
    TestPeer a = TestPeer.generate(KeyType.ECDSA);
    TestPeer b = TestPeer.generate();
    try (RocksPeerstore ps = open()) {
      ps.consumePeerRecord(a.record(1, List.of(Addrs.addr(1))), HOUR);
      ps.consumePeerRecord(b.record(1, List.of(Addrs.addr(2))), HOUR);
      ps.addPubKey(a.id(), a.pubKey());
    }
    try (RawRocks raw = RawRocks.open(dir)) {
      byte[] bRecord = raw.get(ColumnFamily.RECORDS, StoreKeys.peer(b.id().toBytes()));
      raw.put(ColumnFamily.RECORDS, StoreKeys.peer(a.id().toBytes()), bRecord); // b's, valid
      raw.put(ColumnFamily.KEYS, StoreKeys.key(a.id().toBytes(), (byte) 9), new byte[] {1});
      raw.put(ColumnFamily.ADDRS, StoreKeys.peer(b.id().toBytes()),
          AddrSet.getDefaultInstance().toByteArray());
    }
    try (RocksMaintenance m = RocksMaintenance.open(dir)) {
      List<StoreProblem> problems = m.verify(MaintenanceProgress.NONE);
      assertThat(problems).extracting(StoreProblem::toString).anySatisfy(s -> assertThat(s)
          .contains("peer " + a.id() + " in column family \"records\": stored record is peer "
              + b.id()));
      assertThat(problems).extracting(StoreProblem::toString).anySatisfy(s -> assertThat(s)
          .contains("\"keys\": unknown key kind"));
      assertThat(problems).extracting(StoreProblem::toString).anySatisfy(s -> assertThat(s)
          .contains("peer " + b.id() + " in column family \"addrs\": address value holds no"
              + " address"));
      while (!problems.isEmpty()) {
        m.repair(problems);
        problems = m.verify(MaintenanceProgress.NONE);
      }
      PeerDump dump = m.dump(a.id(), clock.instant());
      assertThat(dump.lines()).noneMatch(PeerDump.Line::problem);
      assertThat(dump.lines()).extracting(PeerDump.Line::columnFamily)
          .contains("addrs", "keys", "expiry").doesNotContain("records");
    }
  }

  @Test
  void restoreReplacesDamagedValuesAndLeavesAConsistentStore() throws Exception {
    TestPeer t = TestPeer.generate();
    PeerSnapshot s;
    try (RocksPeerstore ps = open()) {
      ps.addAddr(t.id(), Addrs.addr(1), HOUR);
      ps.addAddr(t.id(), Addrs.addr(2), AddrTtl.CONNECTED);
      ps.consumePeerRecord(t.record(3, List.of(Addrs.addr(1))), HOUR);
      ps.addProtocols(t.id(), List.of("/a"));
      ps.put(t.id(), "k", "v");
      s = ps.snapshot(t.id()).orElseThrow();
    }
    for (long cache : new long[] {0, 1L << 20}) {
      try (RawRocks raw = RawRocks.open(dir)) {
        byte[] key = StoreKeys.peer(t.id().toBytes());
        raw.put(ColumnFamily.ADDRS, key, new byte[] {(byte) 0xff});
        raw.put(ColumnFamily.PROTOCOLS, key, new byte[] {(byte) 0xff});
        byte[] badName = java.util.Arrays.copyOf(key, key.length + 1);
        badName[key.length] = (byte) 0xc0; // not modified UTF-8
        raw.put(ColumnFamily.METADATA, badName, new byte[] {1});
      }
      try (RocksPeerstore ps = RocksPeerstore.builder(dir).clock(clock)
          .gcInterval(Duration.ZERO).cacheSizeBytes(cache).build()) {
        assertThat(ps.snapshot(t.id()).orElseThrow().addrs()).isEmpty();
        ps.restore(s);
        assertThat(ps.snapshot(t.id())).contains(s);
      }
      try (RocksMaintenance m = RocksMaintenance.open(dir)) {
        assertThat(m.verify(MaintenanceProgress.NONE)).isEmpty();
        assertThat(m.stats(clock.instant()).metadataEntries()).isEqualTo(1);
      }
    }
  }

  @Test
  void compactionKeepsTheStoreUsable() {
    TestPeer t = TestPeer.generate();
    try (RocksPeerstore ps = open()) {
      for (int i = 0; i < 50; i++) {
        ps.addAddr(t.id(), Addrs.addr(i), HOUR);
        if (i > 0) {
          ps.setAddr(t.id(), Addrs.addr(i - 1), Duration.ZERO); // deletes it
        }
      }
    }
    try (RocksMaintenance m = RocksMaintenance.open(dir)) {
      CompactionReport r = m.compact(MaintenanceProgress.NONE);
      assertThat(r.columnFamilies()).hasSize(ColumnFamily.values().length);
      assertThat(r.sizeOnDiskAfter()).isPositive();
    }
    assertThat(Files.exists(dir.resolve("CURRENT"))).isTrue();
    try (RocksPeerstore ps = open()) {
      assertThat(ps.addrs(t.id())).containsExactly(Addrs.addr(49));
    }
  }
}
