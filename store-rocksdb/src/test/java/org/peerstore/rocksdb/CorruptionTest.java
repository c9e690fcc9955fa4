package org.peerstore.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerstore.AddrTtl;
import org.peerstore.conformance.Addrs;
import org.peerstore.conformance.MutableClock;
import org.peerstore.conformance.PeerstoreConformanceSuite;
import org.peerstore.conformance.TestPeer;
import org.peerstore.crypto.KeyType;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.record.Envelope;

/**
 * Damages stored values (garbage bytes, and wrong but well-formed values) through the raw
 * RocksDB API, one column family at a time, and shows that reads degrade as specified: the
 * entry is treated as absent, counted, logged once per column family, and left on disk; other
 * entries and other peers are unaffected. Runs with the cache on and off.
 */
class CorruptionTest {
  private static final byte[] GARBAGE = {(byte) 0xff, 0x00, 0x13, 0x37, (byte) 0xfe, 0x01};

  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(PeerstoreConformanceSuite.START);
  // ECDSA: its id is a sha2-256 hash, so pubKey() cannot fall back to a key inlined in the id.
  private final TestPeer damaged = TestPeer.generate(KeyType.ECDSA);
  private final TestPeer healthy = TestPeer.generate(KeyType.ECDSA);
  private final Multiaddr addr = Addrs.addr(4001);
  private StoreLog log;

  @BeforeEach
  void fill() {
    try (RocksPeerstore store = open(RocksPeerstoreBuilder.DEFAULT_CACHE_SIZE_BYTES)) {
      for (TestPeer t : List.of(damaged, healthy)) {
        store.addPubKey(t.id(), t.pubKey());
        store.addPrivKey(t.id(), t.privKey());
        store.addAddr(t.id(), addr, AddrTtl.ADDRESS);
        assertThat(store.consumePeerRecord(t.record(1, List.of(addr)), AddrTtl.ADDRESS)).isTrue();
        store.addProtocols(t.id(), List.of("/a/1", "/b/1"));
        store.put(t.id(), "agent", "x");
        store.put(t.id(), "n", 1);
      }
    }
    log = StoreLog.capture();
  }

  @AfterEach
  void unhook() {
    log.close();
  }

  private RocksPeerstore open(long cacheBytes) {
    return RocksPeerstore.builder(dir).clock(clock).gcInterval(Duration.ZERO)
        .cacheSizeBytes(cacheBytes).build();
  }

  private byte[] id() {
    return damaged.id().toBytes();
  }

  private void damage(ColumnFamily cf, byte[] key, byte[] value) throws Exception {
    try (RawRocks raw = RawRocks.open(dir)) {
      raw.put(cf, key, value);
    }
  }

  /** Asserts the damaged value is still on disk, byte for byte. */
  private void assertStillOnDisk(ColumnFamily cf, byte[] key, byte[] value) throws Exception {
    try (RawRocks raw = RawRocks.open(dir)) {
      assertThat(raw.get(cf, key)).as("damaged %s value left in place", cf.cfName())
          .isEqualTo(value);
    }
  }

  private void assertHealthyPeerIntact(RocksPeerstore store) {
    assertThat(store.addrs(healthy.id())).containsExactly(addr);
    assertThat(store.peerRecord(healthy.id())).isPresent();
    assertThat(store.pubKey(healthy.id())).contains(healthy.pubKey());
    assertThat(store.privKey(healthy.id())).isPresent();
    assertThat(store.protocols(healthy.id())).containsExactlyInAnyOrder("/a/1", "/b/1");
    assertThat(store.get(healthy.id(), "agent")).contains("x");
  }

  private long warnings(String cfName) {
    return log.records().stream()
        .filter(r -> r.getParameters() != null && List.of(r.getParameters()).contains(cfName))
        .count();
  }

  @ParameterizedTest(name = "cache {0}")
  @ValueSource(longs = {0, RocksPeerstoreBuilder.DEFAULT_CACHE_SIZE_BYTES})
  void garbageAddressesReadAsNoAddressesAndStayOnDisk(long cache) throws Exception {
    byte[] key = StoreKeys.peer(id());
    damage(ColumnFamily.ADDRS, key, GARBAGE);
    try (RocksPeerstore store = open(cache)) {
      assertThat(store.addrs(damaged.id())).isEmpty();
      assertThat(store.peerRecord(damaged.id())).as("no live address, no record").isEmpty();
      assertThat(store.peersWithAddrs()).containsExactly(healthy.id());
      assertThat(store.corruptValueCounts()).containsKey("addrs");
      clock.advance(Duration.ofHours(2));
      assertThatCode(store::collectGarbage).doesNotThrowAnyException();
      assertThat(store.addrs(healthy.id())).isEmpty();
    }
    assertStillOnDisk(ColumnFamily.ADDRS, key, GARBAGE);
    assertThat(warnings("addrs")).isEqualTo(1);
  }

  @ParameterizedTest(name = "cache {0}")
  @ValueSource(longs = {0, RocksPeerstoreBuilder.DEFAULT_CACHE_SIZE_BYTES})
  void garbageRecordReadsAsNoRecord(long cache) throws Exception {
    byte[] key = StoreKeys.peer(id());
    damage(ColumnFamily.RECORDS, key, GARBAGE);
    try (RocksPeerstore store = open(cache)) {
      assertThat(store.peerRecord(damaged.id())).isEmpty();
      assertThat(store.peerRecord(damaged.id())).isEmpty();
      // Counted per load: each read without the cache, once with it.
      assertThat(store.corruptValueCount()).isEqualTo(cache == 0 ? 2 : 1);
      assertThat(store.corruptValueCounts()).containsOnlyKeys("records");
      assertThat(store.addrs(damaged.id())).containsExactly(addr);
      assertHealthyPeerIntact(store);
    }
    assertStillOnDisk(ColumnFamily.RECORDS, key, GARBAGE);
    assertThat(warnings("records")).as("logged once").isEqualTo(1);
  }

  @ParameterizedTest(name = "cache {0}")
  @ValueSource(longs = {0, RocksPeerstoreBuilder.DEFAULT_CACHE_SIZE_BYTES})
  void recordWhoseSignatureNoLongerVerifiesReadsAsNoRecord(long cache) throws Exception {
    byte[] key = StoreKeys.peer(id());
    byte[] tampered = damaged.record(1, List.of(addr)).marshal();
    tampered[tampered.length - 1] ^= 0x01; // the signature is the last field
    damage(ColumnFamily.RECORDS, key, tampered);
    try (RocksPeerstore store = open(cache)) {
      assertThat(store.peerRecord(damaged.id())).isEmpty();
      assertThat(store.corruptValueCounts()).containsOnlyKeys("records");
      // A newer record replaces the damaged one; a stale one is not needed to do so.
      Envelope fresh = damaged.record(1, List.of(addr));
      assertThat(store.consumePeerRecord(fresh, AddrTtl.ADDRESS)).isTrue();
      assertThat(store.peerRecord(damaged.id())).isPresent();
    }
  }

  @ParameterizedTest(name = "cache {0}")
  @ValueSource(longs = {0, RocksPeerstoreBuilder.DEFAULT_CACHE_SIZE_BYTES})
  void anotherPeersValidRecordUnderThisPeerReadsAsNoRecord(long cache) throws Exception {
    byte[] key = StoreKeys.peer(id());
    damage(ColumnFamily.RECORDS, key, healthy.record(7, List.of(addr)).marshal());
    try (RocksPeerstore store = open(cache)) {
      assertThat(store.peerRecord(damaged.id())).isEmpty();
      assertThat(store.corruptValueCounts()).containsOnlyKeys("records");
    }
  }

  @ParameterizedTest(name = "cache {0}")
  @ValueSource(longs = {0, RocksPeerstoreBuilder.DEFAULT_CACHE_SIZE_BYTES})
  void garbageKeysReadAsNoKeys(long cache) throws Exception {
    byte[] pub = StoreKeys.key(id(), StoreKeys.KIND_PUBLIC);
    byte[] priv = StoreKeys.key(id(), StoreKeys.KIND_PRIVATE);
    damage(ColumnFamily.KEYS, pub, GARBAGE);
    damage(ColumnFamily.KEYS, priv, GARBAGE);
    try (RocksPeerstore store = open(cache)) {
      assertThat(store.pubKey(damaged.id())).isEmpty();
      assertThat(store.privKey(damaged.id())).isEmpty();
      assertThat(store.peersWithKeys()).containsExactly(healthy.id());
      assertThat(store.corruptValueCounts()).containsOnlyKeys("keys");
      assertHealthyPeerIntact(store);
    }
    assertStillOnDisk(ColumnFamily.KEYS, pub, GARBAGE);
    assertStillOnDisk(ColumnFamily.KEYS, priv, GARBAGE);
    assertThat(warnings("keys")).isEqualTo(1);
  }

  @ParameterizedTest(name = "cache {0}")
  @ValueSource(longs = {0, RocksPeerstoreBuilder.DEFAULT_CACHE_SIZE_BYTES})
  void anotherPeersKeyUnderThisPeerReadsAsNoKey(long cache) throws Exception {
    damage(ColumnFamily.KEYS, StoreKeys.key(id(), StoreKeys.KIND_PUBLIC),
        healthy.pubKey().marshal());
    damage(ColumnFamily.KEYS, StoreKeys.key(id(), StoreKeys.KIND_PRIVATE),
        healthy.privKey().marshal());
    try (RocksPeerstore store = open(cache)) {
      assertThat(store.pubKey(damaged.id())).isEmpty();
      assertThat(store.privKey(damaged.id())).isEmpty();
      assertThat(store.corruptValueCounts()).containsOnlyKeys("keys");
    }
  }

  @ParameterizedTest(name = "cache {0}")
  @ValueSource(longs = {0, RocksPeerstoreBuilder.DEFAULT_CACHE_SIZE_BYTES})
  void garbageProtocolsReadAsNone(long cache) throws Exception {
    byte[] key = StoreKeys.peer(id());
    damage(ColumnFamily.PROTOCOLS, key, GARBAGE);
    try (RocksPeerstore store = open(cache)) {
      assertThat(store.protocols(damaged.id())).isEmpty();
      assertThat(store.supportsProtocols(damaged.id(), List.of("/a/1"))).isEmpty();
      assertThat(store.corruptValueCounts()).containsOnlyKeys("protocols");
      assertHealthyPeerIntact(store);
    }
    assertStillOnDisk(ColumnFamily.PROTOCOLS, key, GARBAGE);
  }

  @ParameterizedTest(name = "cache {0}")
  @ValueSource(longs = {0, RocksPeerstoreBuilder.DEFAULT_CACHE_SIZE_BYTES})
  void garbageMetadataValueReadsAsAbsentAndOtherKeysStayReadable(long cache) throws Exception {
    byte[] key = StoreKeys.metadata(id(), "agent");
    damage(ColumnFamily.METADATA, key, GARBAGE);
    try (RocksPeerstore store = open(cache)) {
      assertThat(store.get(damaged.id(), "agent")).isEmpty();
      assertThat(store.get(damaged.id(), "n")).contains(1);
      assertThat(store.corruptValueCounts()).containsOnlyKeys("metadata");
      assertHealthyPeerIntact(store);
    }
    assertStillOnDisk(ColumnFamily.METADATA, key, GARBAGE);
  }

  @ParameterizedTest(name = "cache {0}")
  @ValueSource(longs = {0, RocksPeerstoreBuilder.DEFAULT_CACHE_SIZE_BYTES})
  void garbageKeysInEveryColumnFamilyAreSkippedByScansAndCollection(long cache)
      throws Exception {
    byte[] misframed = {40, 1, 2};
    byte[] notAPeerId = StoreKeys.peer(new byte[] {0x55, 0x01, 0x02});
    for (ColumnFamily cf : List.of(ColumnFamily.ADDRS, ColumnFamily.KEYS, ColumnFamily.PROTOCOLS,
        ColumnFamily.METADATA)) {
      damage(cf, misframed, GARBAGE);
      damage(cf, notAPeerId, GARBAGE);
    }
    damage(ColumnFamily.EXPIRY, new byte[] {1, 2, 3}, new byte[0]);
    damage(ColumnFamily.EXPIRY, StoreKeys.expiry(0, new byte[] {0x55, 0x01}), new byte[0]);
    try (RocksPeerstore store = open(cache)) {
      assertThat(store.peers()).containsExactlyInAnyOrder(damaged.id(), healthy.id());
      assertThat(store.peersWithAddrs()).containsExactlyInAnyOrder(damaged.id(), healthy.id());
      assertThat(store.peersWithKeys()).containsExactlyInAnyOrder(damaged.id(), healthy.id());
      assertThat(store.collectGarbage()).isZero();
      Map<String, Long> counts = store.corruptValueCounts();
      assertThat(counts).containsKeys("addrs", "keys", "protocols", "metadata", "expiry");
      assertHealthyPeerIntact(store);
    }
    assertStillOnDisk(ColumnFamily.EXPIRY, new byte[] {1, 2, 3}, new byte[0]);
  }
}
