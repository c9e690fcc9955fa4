package org.peerstore.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.AddrTtl;
import org.peerstore.StorageException;
import org.peerstore.conformance.Addrs;
import org.peerstore.conformance.MutableClock;
import org.peerstore.conformance.PeerstoreConformanceSuite;
import org.peerstore.conformance.TestPeer;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.rocksdb.pb.RocksValues.StoreInfo;

/** What only the RocksDB store has: its cache, its expiry index, its directory. */
class RocksPeerstoreTest {
  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(PeerstoreConformanceSuite.START);

  private RocksPeerstoreBuilder builder() {
    return RocksPeerstore.builder(dir).clock(clock).gcInterval(Duration.ZERO);
  }

  @Test
  void aReadOfACachedPeerMakesNoRocksDbCall() {
    TestPeer t = TestPeer.generate();
    try (RocksPeerstore store = builder().build()) {
      store.addAddr(t.id(), Addrs.addr(1), AddrTtl.ADDRESS);
      store.consumePeerRecord(t.record(1, List.of(Addrs.addr(2))), AddrTtl.ADDRESS);
      store.addPubKey(t.id(), t.pubKey());
      store.addProtocols(t.id(), List.of("/x/1"));
      store.put(t.id(), "agent", "test");
      long calls = store.parts().rocksCallCount();
      long loads = store.parts().loadCount();
      for (int i = 0; i < 3; i++) {
        assertThat(store.addrs(t.id())).hasSize(2);
        assertThat(store.peerRecord(t.id())).isPresent();
        assertThat(store.pubKey(t.id())).contains(t.pubKey());
        assertThat(store.privKey(t.id())).isEmpty();
        assertThat(store.protocols(t.id())).containsExactly("/x/1");
        assertThat(store.supportsProtocols(t.id(), List.of("/x/1", "/y/1"))).containsExactly("/x/1");
        assertThat(store.get(t.id(), "agent")).contains("test");
        assertThat(store.get(t.id(), "none")).isEmpty();
        assertThat(store.peerInfo(t.id()).addrs()).hasSize(2);
      }
      assertThat(store.parts().rocksCallCount()).isEqualTo(calls);
      assertThat(store.parts().loadCount()).isEqualTo(loads);
    }
  }

  @Test
  void aWriteToAnUncachedPeerReadsOnlyItsOwnBooksAndReadsStillSeeTheOthers() {
    TestPeer t = TestPeer.generate();
    try (RocksPeerstore store = builder().build()) {
      store.consumePeerRecord(t.record(1, List.of(Addrs.addr(2))), AddrTtl.ADDRESS);
      store.addPubKey(t.id(), t.pubKey());
      store.addProtocols(t.id(), List.of("/x/1"));
      store.put(t.id(), "agent", "test");
    }
    try (RocksPeerstore store = builder().build()) {
      long calls = store.parts().rocksCallCount();
      store.addAddr(t.id(), Addrs.addr(1), AddrTtl.ADDRESS);
      // One read of the address value (no metadata scan, no other book) and the batch.
      assertThat(store.parts().rocksCallCount() - calls).isEqualTo(2);
      // The snapshot cached by the write holds only the addresses: the other books are loaded
      // when asked for, never taken as empty.
      assertThat(store.addrs(t.id())).containsExactlyInAnyOrder(Addrs.addr(1), Addrs.addr(2));
      assertThat(store.peerRecord(t.id())).isPresent();
      assertThat(store.pubKey(t.id())).contains(t.pubKey());
      assertThat(store.protocols(t.id())).containsExactly("/x/1");
      assertThat(store.get(t.id(), "agent")).contains("test");
      assertThat(store.snapshot(t.id())).hasValueSatisfying(s -> {
        assertThat(s.record()).isNotNull();
        assertThat(s.metadata()).containsKey("agent");
      });
      calls = store.parts().rocksCallCount();
      assertThat(store.protocols(t.id())).containsExactly("/x/1");
      assertThat(store.peerRecord(t.id())).isPresent();
      assertThat(store.parts().rocksCallCount()).isEqualTo(calls);
    }
  }

  @ParameterizedTest(name = "cache {0}")
  @ValueSource(booleans = {true, false})
  void aWriteOfAPeerWithoutAnAddressValueReadsNothingButTheWrite(boolean cache) throws Exception {
    TestPeer fresh = TestPeer.generate();
    TestPeer orphan = TestPeer.generate();
    TestPeer corrupt = TestPeer.generate();
    TestPeer other = TestPeer.generate();
    try (RocksPeerstore store = builder().build()) {
      store.addAddr(orphan.id(), Addrs.addr(9), AddrTtl.ADDRESS);
      store.addAddr(corrupt.id(), Addrs.addr(9), AddrTtl.ADDRESS);
    }
    try (RawRocks raw = RawRocks.open(dir)) {
      // A record without an address value (damage the verifier reports) with a high seq, and
      // an address value that does not decode.
      byte[] orphanKey = StoreKeys.peer(orphan.id().toBytes());
      raw.delete(ColumnFamily.ADDRS, orphanKey);
      raw.put(ColumnFamily.RECORDS, orphanKey,
          orphan.record(50, List.of(Addrs.addr(7))).marshal());
      raw.put(ColumnFamily.ADDRS, StoreKeys.peer(corrupt.id().toBytes()),
          new byte[] {(byte) 0xff, (byte) 0xff, 0x01});
    }
    RocksPeerstoreBuilder b = builder();
    if (!cache) {
      b.cacheSizeBytes(0);
    }
    try (RocksPeerstore store = b.build()) {
      long calls = store.parts().rocksCallCount();
      store.addAddr(fresh.id(), Addrs.addr(1), AddrTtl.ADDRESS);
      assertThat(store.parts().rocksCallCount() - calls).as("addAddr of a new peer").isEqualTo(1);
      calls = store.parts().rocksCallCount();
      assertThat(store.consumePeerRecord(other.record(1, List.of(Addrs.addr(2))), AddrTtl.ADDRESS))
          .isTrue();
      assertThat(store.parts().rocksCallCount() - calls).as("record of a new peer").isEqualTo(1);

      // The orphaned record is invisible and replaced, whatever its seq, as when it was read.
      assertThat(store.peerRecord(orphan.id())).isEmpty();
      assertThat(store.consumePeerRecord(orphan.record(3, List.of(Addrs.addr(3))),
          AddrTtl.ADDRESS)).isTrue();
      assertThat(store.peerRecord(orphan.id()).orElseThrow().peerRecord().seq()).isEqualTo(3);

      // A value that does not decode is still read (and reported), not taken as absent.
      calls = store.parts().rocksCallCount();
      store.addAddr(corrupt.id(), Addrs.addr(4), AddrTtl.ADDRESS);
      assertThat(store.parts().rocksCallCount() - calls).as("addAddr over a corrupt value")
          .isEqualTo(2);
      assertThat(store.addrs(corrupt.id())).containsExactly(Addrs.addr(4));
    }
    try (RocksPeerstore store = builder().build()) {
      assertThat(store.addrs(fresh.id())).containsExactly(Addrs.addr(1));
      assertThat(store.peerRecord(orphan.id()).orElseThrow().peerRecord().seq()).isEqualTo(3);
      assertThat(store.addrs(orphan.id())).containsExactly(Addrs.addr(3));
      assertThat(store.peersWithAddrs()).contains(fresh.id(), other.id(), orphan.id(), corrupt.id());
    }
  }

  @Test
  void withTheCacheOffEveryReadGoesToRocksDb() {
    TestPeer t = TestPeer.generate();
    try (RocksPeerstore store = builder().cacheSizeBytes(0).build()) {
      store.addAddr(t.id(), Addrs.addr(1), AddrTtl.ADDRESS);
      long calls = store.parts().rocksCallCount();
      store.addrs(t.id());
      store.addrs(t.id());
      assertThat(store.parts().rocksCallCount()).isEqualTo(calls + 2);
      assertThat(store.parts().cachedPeerCount()).isZero();
    }
  }

  @Test
  void readsOfUnknownPeersStayWithinTheCacheBudget() {
    long budget = 64L << 10;
    Random random = new Random(7);
    try (RocksPeerstore store = builder().cacheSizeBytes(budget).build()) {
      for (int i = 0; i < 20_000; i++) {
        assertThat(store.addrs(RandomPeerIds.next(random))).isEmpty();
      }
      assertThat(store.parts().cachedPeerCount())
          .isPositive()
          .isLessThanOrEqualTo(budget / PeerState.BASE_WEIGHT);
      assertThat(store.parts().cacheMapsAgree()).isTrue();
    }
  }

  @Test
  void garbageCollectionVisitsOnlyPeersWithSomethingExpired() {
    try (RocksPeerstore store = builder().cacheSizeBytes(0).build()) {
      List<PeerId> shortLived = new ArrayList<>();
      Random random = new Random(11);
      for (int i = 0; i < 400; i++) {
        PeerId p = RandomPeerIds.next(random);
        store.addAddr(p, Addrs.addr(1), i % 80 == 0 ? AddrTtl.TEMP : AddrTtl.ADDRESS);
        store.addAddr(p, Addrs.addr(2), AddrTtl.PERMANENT);
        if (i % 80 == 0) {
          shortLived.add(p);
        }
      }
      clock.advance(AddrTtl.TEMP);
      long loads = store.parts().loadCount();
      assertThat(store.collectGarbage()).isEqualTo(shortLived.size());
      assertThat(store.parts().loadCount() - loads).isEqualTo(shortLived.size());
      for (PeerId p : shortLived) {
        assertThat(store.addrs(p)).containsExactly(Addrs.addr(2));
      }
      assertThat(store.collectGarbage()).isZero();
    }
  }

  @Test
  void aPassResumesAtThePreviousBoundYetSeesEntriesWrittenBehindIt() throws Exception {
    TestPeer a = TestPeer.generate();
    TestPeer b = TestPeer.generate();
    try (RocksPeerstore store = builder().build()) {
      store.addAddr(a.id(), Addrs.addr(1), Duration.ofSeconds(5));
      clock.advance(Duration.ofSeconds(10));
      assertThat(store.collectGarbage()).isEqualTo(1);
      // The clock goes back and an address is written with an expiry before that pass's bound.
      clock.advance(Duration.ofSeconds(-8));
      store.addAddr(b.id(), Addrs.addr(2), Duration.ofSeconds(1));
      store.addAddr(a.id(), Addrs.addr(3), Duration.ofHours(1));
      clock.advance(Duration.ofSeconds(9));
      assertThat(store.collectGarbage()).isEqualTo(1);
      assertThat(store.addrs(b.id())).isEmpty();
      assertThat(store.addrs(a.id())).containsExactly(Addrs.addr(3));
      // Many passes later (some of them full ones), nothing is left behind or collected twice.
      for (int i = 0; i < 2 * ExpiryCollector.FULL_PASS_EVERY; i++) {
        store.addAddr(b.id(), Addrs.addr(i + 10), Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(2));
        assertThat(store.collectGarbage()).as("pass %d", i).isEqualTo(1);
      }
      clock.advance(Duration.ofHours(2));
      assertThat(store.collectGarbage()).isEqualTo(1);
      assertThat(store.addrs(a.id())).isEmpty();
    }
    StoreInvariants.check(dir, false);
  }

  @Test
  void theExpiryIndexFollowsEveryKindOfChange() throws Exception {
    TestPeer a = TestPeer.generate();
    TestPeer b = TestPeer.generate();
    TestPeer c = TestPeer.generate();
    try (RocksPeerstore store = builder().maxAddrsPerPeer(3).build()) {
      store.addAddrs(a.id(), Addrs.range(1, 5), AddrTtl.TEMP); // cap evicts
      store.addAddr(a.id(), Addrs.addr(9), AddrTtl.CONNECTED);
      store.setAddr(a.id(), Addrs.addr(4), Duration.ofSeconds(10));
      store.updateAddrs(a.id(), AddrTtl.CONNECTED, AddrTtl.RECENTLY_CONNECTED);
      store.addAddr(b.id(), Addrs.addr(1), AddrTtl.PERMANENT);
      store.consumePeerRecord(b.record(1, List.of(Addrs.addr(2))), AddrTtl.ADDRESS);
      store.consumePeerRecord(b.record(2, List.of(Addrs.addr(3))), AddrTtl.TEMP);
      store.addAddr(c.id(), Addrs.addr(1), AddrTtl.ADDRESS);
      store.clearAddrs(c.id());
      clock.advance(Duration.ofSeconds(30));
      store.collectGarbage();
      store.setAddr(b.id(), Addrs.addr(3), Duration.ZERO);
    }
    StoreInvariants.check(dir, false);
    try (RocksPeerstore store = builder().build()) {
      assertThat(store.addrs(a.id())).containsExactlyInAnyOrder(
          Addrs.addr(3), Addrs.addr(5), Addrs.addr(9));
      assertThat(store.addrs(b.id())).containsExactly(Addrs.addr(1));
      assertThat(store.peerRecord(b.id())).isPresent();
      assertThat(store.addrs(c.id())).isEmpty();
    }
  }

  @Test
  void aRecordGoesWithTheLastAddressInTheSameBatch() throws Exception {
    TestPeer t = TestPeer.generate();
    try (RocksPeerstore store = builder().build()) {
      store.consumePeerRecord(t.record(5, List.of(Addrs.addr(1))), AddrTtl.TEMP);
      clock.advance(AddrTtl.TEMP);
      assertThat(store.collectGarbage()).isEqualTo(1);
    }
    try (RawRocks raw = RawRocks.open(dir)) {
      assertThat(raw.keys(ColumnFamily.ADDRS)).isEmpty();
      assertThat(raw.keys(ColumnFamily.RECORDS)).isEmpty();
      assertThat(raw.keys(ColumnFamily.EXPIRY)).isEmpty();
    }
  }

  @Test
  void globalCapsCountWhatIsOnDiskWhenReopened() {
    List<TestPeer> peers = List.of(TestPeer.generate(), TestPeer.generate(), TestPeer.generate());
    try (RocksPeerstore store = builder().maxUnconnectedAddrs(3).maxSignedRecords(1).build()) {
      store.addAddrs(peers.get(0).id(), Addrs.range(1, 2), AddrTtl.ADDRESS);
      store.consumePeerRecord(peers.get(1).record(1, List.of(Addrs.addr(1))), AddrTtl.ADDRESS);
    }
    try (RocksPeerstore store = builder().maxUnconnectedAddrs(3).maxSignedRecords(1).build()) {
      store.addAddr(peers.get(2).id(), Addrs.addr(1), AddrTtl.ADDRESS);
      assertThat(store.addrs(peers.get(2).id())).as("global address cap reached").isEmpty();
      assertThatThrownBy(() ->
              store.consumePeerRecord(peers.get(2).record(1, List.of()), AddrTtl.ADDRESS))
          .hasMessageContaining("too many signed peer records");
      store.clearAddrs(peers.get(0).id());
      store.addAddr(peers.get(2).id(), Addrs.addr(1), AddrTtl.ADDRESS);
      assertThat(store.addrs(peers.get(2).id())).containsExactly(Addrs.addr(1));
    }
  }

  @Test
  @SuppressWarnings("deprecation") // the alias of durability(Durability.SYNC) still works
  void syncWritesPersist() {
    TestPeer t = TestPeer.generate();
    try (RocksPeerstore store = builder().syncWrites(true).build()) {
      store.addAddr(t.id(), Addrs.addr(1), AddrTtl.PERMANENT);
    }
    try (RocksPeerstore store = builder().build()) {
      assertThat(store.addrs(t.id())).containsExactly(Addrs.addr(1));
    }
  }

  @Test
  void aSecondStoreOnTheSameDirectoryFailsClearly() {
    try (RocksPeerstore first = builder().build()) {
      assertThatThrownBy(() -> builder().build())
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("in use by another process");
      assertThat(first.peers()).isEmpty();
    }
  }

  @Test
  void aStoreWrittenByANewerSchemaIsRefused() throws Exception {
    builder().build().close();
    try (RawRocks raw = RawRocks.open(dir)) {
      raw.put(ColumnFamily.DEFAULT, StoreKeys.SCHEMA,
          StoreInfo.newBuilder().setSchemaVersion(99).build().toByteArray());
    }
    assertThatThrownBy(() -> builder().build())
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("newer peerstore (schema version 99)");
  }

  @Test
  void builderRejectsBadOptions() {
    RocksPeerstoreBuilder b = RocksPeerstore.builder(dir);
    assertThatThrownBy(() -> b.cacheSizeBytes(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cacheSizeBytes");
    assertThatThrownBy(() -> b.blockCacheSize(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blockCacheSize");
    assertThatThrownBy(() -> b.writeBufferSize(1024)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("writeBufferSize");
    assertThatThrownBy(() -> b.bloomBitsPerKey(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bloomBitsPerKey");
    assertThatThrownBy(() -> b.bloomBitsPerKey(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RocksPeerstore.builder(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("dir");
  }

  @Test
  void theBackgroundCollectorRunsOnItsOwnNamedThreadAndStopsOnClose() throws Exception {
    TestPeer t = TestPeer.generate();
    RocksPeerstore store = builder().gcInterval(Duration.ofMillis(5)).build();
    try {
      store.addAddr(t.id(), Addrs.addr(1), AddrTtl.TEMP);
      store.addAddr(t.id(), Addrs.addr(2), AddrTtl.ADDRESS);
      clock.advance(AddrTtl.TEMP);
      assertThat(store.addrs(t.id())).containsExactly(Addrs.addr(2)); // invisible at once
      // Waits for the collector thread to get scheduled; the test clock decides what expired.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (store.parts().backgroundCollectedCount() == 0) {
        assertThat(System.nanoTime()).as("collected in the background").isLessThan(deadline);
        Thread.sleep(5);
      }
      assertThat(store.parts().backgroundCollectedCount()).isEqualTo(1);
      assertThat(threadsNamed(RocksPeerstore.GC_THREAD_PREFIX)).isNotEmpty();
    } finally {
      store.close();
    }
    assertThat(threadsNamed(RocksPeerstore.GC_THREAD_PREFIX)).isEmpty();
    try (RawRocks raw = RawRocks.open(dir)) {
      assertThat(ValueCodec.decodeAddrs(raw.values(ColumnFamily.ADDRS).get(0)).size()).isOne();
    }
  }

  private static List<String> threadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(n -> n.startsWith(prefix))
        .toList();
  }

  @Test
  void closingWhileOtherThreadsWorkNeverCrashes() throws Exception {
    RocksPeerstore store = builder().build();
    List<TestPeer> peers = List.of(TestPeer.generate(), TestPeer.generate());
    // Counted down by each worker after its first complete round, so close() lands while every
    // worker is busy in the store.
    CountDownLatch working = new CountDownLatch(4);
    AtomicReference<Throwable> unexpected = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      int id = w;
      Thread th = new Thread(() -> {
        for (int i = 0; ; i++) {
          TestPeer t = peers.get(i % peers.size());
          try {
            if (id % 2 == 0) {
              store.addAddr(t.id(), Addrs.addr(i % 1000), AddrTtl.ADDRESS);
              store.put(t.id(), "i", i);
            } else {
              store.addrs(t.id());
              store.peers();
              store.collectGarbage();
            }
            if (i == 0) {
              working.countDown();
            }
          } catch (IllegalStateException closed) {
            return;
          } catch (Throwable e) {
            unexpected.set(e);
            return;
          }
        }
      });
      th.start();
      threads.add(th);
    }
    assertThat(working.await(30, TimeUnit.SECONDS)).as("every worker did a round").isTrue();
    store.close();
    for (Thread th : threads) {
      th.join(TimeUnit.SECONDS.toMillis(30));
      assertThat(th.isAlive()).isFalse();
    }
    assertThat(unexpected.get()).isNull();
    assertThatThrownBy(() -> store.addrs(peers.get(0).id()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void reopenedStoreContinuesEveryTtlFromItsAbsoluteExpiry() {
    TestPeer t = TestPeer.generate();
    Multiaddr a = Addrs.addr(1);
    try (RocksPeerstore store = builder().build()) {
      store.addAddr(t.id(), a, Duration.ofMinutes(10));
    }
    clock.advance(Duration.ofMinutes(9));
    try (RocksPeerstore store = builder().build()) {
      assertThat(store.addrs(t.id())).containsExactly(a);
      clock.advance(Duration.ofMinutes(1));
      assertThat(store.addrs(t.id())).isEmpty();
      assertThat(store.collectGarbage()).isEqualTo(1);
    }
  }
}
