package org.peerstore.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerstore.AddrTtl;
import org.peerstore.InvalidKeyDataException;
import org.peerstore.KeyProtectionException;
import org.peerstore.PeerSnapshot;
import org.peerstore.conformance.Addrs;
import org.peerstore.conformance.KeySecrets;
import org.peerstore.conformance.MutableClock;
import org.peerstore.conformance.PeerstoreConformanceSuite;
import org.peerstore.conformance.TestPeer;
import org.peerstore.crypto.KeyType;
import org.peerstore.crypto.PrivKey;
import org.peerstore.multiaddr.Multiaddr;

/**
 * {@code privateKeyProtection}: private keys encrypted at rest with Argon2id and AES-256-GCM.
 * Round trips, what is on disk (read with the raw RocksDB API), wrong and missing passphrases,
 * altered and moved values, fresh salts and nonces, stores written before protection, moving
 * encrypted keys between stores, and that no text shows key material. Cheap Argon2 parameters
 * keep it fast; {@link #productionDefaults} uses the real ones once.
 */
class KeyProtectionTest {
  /** Argon2id at its minimum cost: the format and logic are the same, the derivation instant. */
  static final Argon2Params CHEAP = new Argon2Params(64, 1, 1);
  private static final char[] PASS = "correct horse battery staple".toCharArray();
  private static final char[] OTHER = "correct horse battery stapler".toCharArray();

  @TempDir Path root;

  private final MutableClock clock = new MutableClock(PeerstoreConformanceSuite.START);
  private final Multiaddr addr = Addrs.addr(4001);
  private int dirs;

  private Path newDir() {
    return root.resolve("store-" + dirs++);
  }

  private RocksPeerstore open(Path dir, char[] passphrase, long cacheBytes) {
    RocksPeerstoreBuilder b = RocksPeerstore.builder(dir)
        .clock(clock)
        .cacheSizeBytes(cacheBytes)
        .blockCacheSize(1L << 20)
        .writeBufferSize(256L << 10)
        .keyProtectionParams(CHEAP);
    if (passphrase != null) {
      b.privateKeyProtection(passphrase);
    }
    return b.build();
  }

  private RocksPeerstore open(Path dir, char[] passphrase) {
    return open(dir, passphrase, RocksPeerstoreBuilder.DEFAULT_CACHE_SIZE_BYTES);
  }

  /** Stores every book of {@code t} in a new protected store; returns its directory. */
  private Path storeAll(TestPeer t) {
    Path dir = newDir();
    try (RocksPeerstore ps = open(dir, PASS)) {
      fill(ps, t);
    }
    return dir;
  }

  private void fill(RocksPeerstore ps, TestPeer t) {
    ps.addAddr(t.id(), addr, AddrTtl.PERMANENT);
    assertThat(ps.consumePeerRecord(t.record(1, List.of(addr)), AddrTtl.PERMANENT)).isTrue();
    ps.addPubKey(t.id(), t.pubKey());
    ps.addPrivKey(t.id(), t.privKey());
    ps.addProtocols(t.id(), List.of("/ipfs/id/1.0.0"));
    ps.put(t.id(), "agent", "test/1");
  }

  private static byte[] rawPrivValue(Path dir, TestPeer t) throws Exception {
    try (RawRocks raw = RawRocks.open(dir)) {
      return raw.get(ColumnFamily.KEYS, StoreKeys.key(t.id().toBytes(), StoreKeys.KIND_PRIVATE));
    }
  }

  private static void putRawPrivValue(Path dir, TestPeer t, byte[] value) throws Exception {
    try (RawRocks raw = RawRocks.open(dir)) {
      raw.put(ColumnFamily.KEYS, StoreKeys.key(t.id().toBytes(), StoreKeys.KIND_PRIVATE), value);
    }
  }

  /** Every other book of {@code t} reads as stored. */
  private void assertOtherBooksWork(RocksPeerstore ps, TestPeer t) {
    assertThat(ps.addrs(t.id())).containsExactly(addr);
    assertThat(ps.peerRecord(t.id())).isPresent();
    assertThat(ps.pubKey(t.id())).contains(t.pubKey());
    assertThat(ps.protocols(t.id())).containsExactly("/ipfs/id/1.0.0");
    assertThat(ps.get(t.id(), "agent")).contains("test/1");
    assertThat(ps.peersWithKeys()).contains(t.id());
    assertThat(ps.peers()).contains(t.id());
  }

  // ------------------------------------------------------------------------ round trips

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void everyKeyTypeRoundTripsAndIsNotOnDiskInTheClear(KeyType type) throws Exception {
    TestPeer t = TestPeer.generate(type);
    Path dir = storeAll(t);
    for (long cache : new long[] {RocksPeerstoreBuilder.DEFAULT_CACHE_SIZE_BYTES, 0}) {
      try (RocksPeerstore ps = open(dir, PASS, cache)) {
        assertThat(ps.privKey(t.id())).contains(t.privKey());
        assertOtherBooksWork(ps, t);
      }
    }
    byte[] raw = rawPrivValue(dir, t);
    assertThat(raw[0]).isEqualTo(EncryptedPrivKey.MARKER);
    assertThat(EncryptedPrivKey.decode(raw).params()).isEqualTo(CHEAP);
    assertNotContained(raw, t.privKey().marshal());
    for (byte[] secret : KeySecrets.secretParts(t.privKey())) {
      assertNotContained(raw, secret);
    }
    // Nothing else in the column family (public key, other values) holds it either.
    try (RawRocks db = RawRocks.open(dir)) {
      for (byte[] v : db.values(ColumnFamily.KEYS)) {
        for (byte[] secret : KeySecrets.secretParts(t.privKey())) {
          assertNotContained(v, secret);
        }
      }
    }
  }

  private static void assertNotContained(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        throw new AssertionError("stored value contains the secret at offset " + i);
      }
    }
  }

  @Test
  void theDecryptedKeyIsCachedAndOtherReadsNeverDecrypt() {
    TestPeer t = TestPeer.generate(KeyType.ED25519);
    Path dir = storeAll(t);
    try (RocksPeerstore ps = open(dir, PASS)) {
      assertOtherBooksWork(ps, t);
      assertThat(ps.parts().keyDerivationCount()).isZero();
      assertThat(ps.privKey(t.id())).contains(t.privKey());
      assertThat(ps.parts().keyDerivationCount()).isEqualTo(1);
      for (int i = 0; i < 5; i++) {
        assertThat(ps.privKey(t.id())).contains(t.privKey());
      }
      assertThat(ps.parts().keyDerivationCount()).isEqualTo(1);
    }
    // A key just written is cached with its plaintext: no derivation to read it back.
    try (RocksPeerstore ps = open(newDir(), PASS)) {
      ps.addPrivKey(t.id(), t.privKey());
      long afterWrite = ps.parts().keyDerivationCount();
      assertThat(ps.privKey(t.id())).contains(t.privKey());
      assertThat(ps.parts().keyDerivationCount()).isEqualTo(afterWrite);
    }
  }

  @Test
  void productionDefaults() throws Exception {
    TestPeer t = TestPeer.generate(KeyType.SECP256K1);
    Path dir = newDir();
    try (RocksPeerstore ps = RocksPeerstore.builder(dir).privateKeyProtection(PASS).build()) {
      ps.addPrivKey(t.id(), t.privKey());
    }
    EncryptedPrivKey stored = EncryptedPrivKey.decode(rawPrivValue(dir, t));
    assertThat(stored.params()).isEqualTo(new Argon2Params(19456, 2, 1));
    assertThat(stored.params()).isEqualTo(Argon2Params.DEFAULT);
    try (RocksPeerstore ps = RocksPeerstore.builder(dir).privateKeyProtection(PASS).build()) {
      assertThat(ps.privKey(t.id())).contains(t.privKey());
    }
    try (RocksPeerstore ps = RocksPeerstore.builder(dir).privateKeyProtection(OTHER).build()) {
      assertThatThrownBy(() -> ps.privKey(t.id())).isInstanceOf(KeyProtectionException.class);
    }
  }

  // ------------------------------------------------------------ wrong or missing passphrase

  @ParameterizedTest
  @ValueSource(longs = {RocksPeerstoreBuilder.DEFAULT_CACHE_SIZE_BYTES, 0})
  void aWrongPassphraseFailsOnPrivateKeyReadsOnly(long cache) {
    TestPeer t = TestPeer.generate(KeyType.ECDSA);
    Path dir = storeAll(t);
    try (RocksPeerstore ps = open(dir, OTHER, cache)) {
      assertOtherBooksWork(ps, t);
      assertThatThrownBy(() -> ps.privKey(t.id()))
          .isInstanceOf(KeyProtectionException.class)
          .hasMessageContaining(t.id().toString())
          .hasMessageContaining("wrong passphrase");
      // Again (remembered with the cache on: no second derivation), and still nothing else.
      long derivations = ps.parts().keyDerivationCount();
      assertThatThrownBy(() -> ps.privKey(t.id())).isInstanceOf(KeyProtectionException.class);
      if (cache > 0) {
        assertThat(ps.parts().keyDerivationCount()).isEqualTo(derivations);
      }
      assertThatThrownBy(() -> ps.snapshot(t.id())).isInstanceOf(KeyProtectionException.class);
      assertOtherBooksWork(ps, t);
      assertThat(ps.corruptValueCount()).isZero();
    }
    try (RocksPeerstore ps = open(dir, PASS, cache)) {
      assertThat(ps.privKey(t.id())).contains(t.privKey());
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {RocksPeerstoreBuilder.DEFAULT_CACHE_SIZE_BYTES, 0})
  void anEncryptedStoreOpenedWithoutPassphraseFailsTheSameWay(long cache) throws Exception {
    TestPeer t = TestPeer.generate(KeyType.ED25519);
    Path dir = storeAll(t);
    byte[] before = rawPrivValue(dir, t);
    try (RocksPeerstore ps = open(dir, null, cache)) {
      assertOtherBooksWork(ps, t);
      assertThatThrownBy(() -> ps.privKey(t.id()))
          .isInstanceOf(KeyProtectionException.class)
          .hasMessageContaining("without privateKeyProtection");
      assertThatThrownBy(() -> ps.snapshot(t.id())).isInstanceOf(KeyProtectionException.class);
      // Never downgraded: adding the key unencrypted over the encrypted one is refused.
      assertThatThrownBy(() -> ps.addPrivKey(t.id(), t.privKey()))
          .isInstanceOf(KeyProtectionException.class);
      assertOtherBooksWork(ps, t);
      assertThat(ps.corruptValueCount()).isZero();
      // The encrypted form moves without the passphrase.
      EncryptedSnapshot s = ps.snapshotEncrypted(t.id()).orElseThrow();
      assertThat(s.encryptedPrivKey().toBytes()).isEqualTo(before);
      assertThat(s.books().privKey()).isNull();
      assertThat(s.books().pubKey()).isEqualTo(t.pubKey());
    }
    assertThat(rawPrivValue(dir, t)).isEqualTo(before);
  }

  // ------------------------------------------------------------- altered and moved values

  /**
   * Each region of the value changed: Argon2 memory (64 -> 65 KiB), iterations (1 -> 3) and
   * parallelism (1 -> 2), all still in range; salt, nonce, ciphertext and tag. Every change
   * makes GCM authentication fail.
   */
  @ParameterizedTest
  @CsvSource({"6,1", "10,2", "11,3", "12,90", "27,90", "28,90", "39,90", "40,90", "-1,90"})
  void anAlteredValueIsRejectedAsUndecryptable(int offset, int mask) throws Exception {
    TestPeer t = TestPeer.generate(KeyType.ED25519);
    Path dir = storeAll(t);
    byte[] v = rawPrivValue(dir, t);
    v[offset < 0 ? v.length - 1 : offset] ^= (byte) mask;
    EncryptedPrivKey.decode(v.clone()); // still well-formed
    putRawPrivValue(dir, t, v);
    try (RocksPeerstore ps = open(dir, PASS)) {
      assertThatThrownBy(() -> ps.privKey(t.id()))
          .isInstanceOf(KeyProtectionException.class)
          .hasMessageContaining("cannot be decrypted");
      assertOtherBooksWork(ps, t);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void aValueWithABrokenStructureIsCorrupt(int offset) throws Exception {
    TestPeer t = TestPeer.generate(KeyType.ED25519);
    Path dir = storeAll(t);
    byte[] v = rawPrivValue(dir, t);
    v[offset] ^= 0x40; // marker, format version, Argon2 version
    putRawPrivValue(dir, t, v);
    try (RocksPeerstore ps = open(dir, PASS)) {
      assertThat(ps.privKey(t.id())).isEmpty();
      assertThat(ps.corruptValueCounts()).containsEntry("keys", 1L);
      assertOtherBooksWork(ps, t);
    }
  }

  @Test
  void aTruncatedValueAndOutOfRangeParametersAreCorrupt() throws Exception {
    TestPeer t = TestPeer.generate(KeyType.ED25519);
    Path dir = storeAll(t);
    byte[] v = rawPrivValue(dir, t);
    putRawPrivValue(dir, t, Arrays.copyOf(v, EncryptedPrivKey.HEADER_BYTES + 16));
    try (RocksPeerstore ps = open(dir, PASS, 0)) {
      assertThat(ps.privKey(t.id())).isEmpty();
      assertThat(ps.corruptValueCount()).isEqualTo(1);
    }
    byte[] huge = v.clone();
    ByteBuffer.wrap(huge).putInt(3, 4 << 20); // 4 GiB of Argon2 memory
    putRawPrivValue(dir, t, huge);
    try (RocksPeerstore ps = open(dir, PASS, 0)) {
      assertThat(ps.privKey(t.id())).isEmpty();
      assertThat(ps.corruptValueCount()).isEqualTo(1);
      assertThat(ps.parts().keyDerivationCount()).isZero();
    }
  }

  @Test
  void aValueCopiedIntoAnotherPeersSlotDoesNotDecrypt() throws Exception {
    TestPeer a = TestPeer.generate(KeyType.ED25519);
    TestPeer b = TestPeer.generate(KeyType.ED25519);
    Path dir = newDir();
    try (RocksPeerstore ps = open(dir, PASS)) {
      fill(ps, a);
      fill(ps, b);
    }
    putRawPrivValue(dir, b, rawPrivValue(dir, a));
    try (RocksPeerstore ps = open(dir, PASS)) {
      assertThat(ps.privKey(a.id())).contains(a.privKey());
      // Rejected by GCM (the peer id is associated data), before the key could be compared.
      assertThatThrownBy(() -> ps.privKey(b.id()))
          .isInstanceOf(KeyProtectionException.class)
          .hasMessageContaining(b.id().toString())
          .hasMessageContaining("cannot be decrypted");
      assertOtherBooksWork(ps, b);
    }
  }

  @Test
  void everyWriteUsesAFreshSaltAndNonce() throws Exception {
    TestPeer t = TestPeer.generate(KeyType.ED25519);
    Path one = storeAll(t);
    Path two = storeAll(t);
    EncryptedPrivKey first = EncryptedPrivKey.decode(rawPrivValue(one, t));
    EncryptedPrivKey second = EncryptedPrivKey.decode(rawPrivValue(two, t));
    assertThat(first.salt()).isNotEqualTo(second.salt());
    assertThat(first.nonce()).isNotEqualTo(second.nonce());
    assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
    // Also within one store: removing and adding the key again encrypts it anew.
    try (RocksPeerstore ps = open(one, PASS)) {
      ps.removePeer(t.id());
      ps.addPrivKey(t.id(), t.privKey());
    }
    EncryptedPrivKey third = EncryptedPrivKey.decode(rawPrivValue(one, t));
    assertThat(third.salt()).isNotEqualTo(first.salt());
    assertThat(third.nonce()).isNotEqualTo(first.nonce());
  }

  // ------------------------------------------------------- stores written before protection

  @Test
  void plaintextKeysStayReadableAndAreEncryptedWhenAddedAgain() throws Exception {
    TestPeer t = TestPeer.generate(KeyType.ED25519);
    Path dir = newDir();
    try (RocksPeerstore ps = open(dir, null)) {
      fill(ps, t);
    }
    byte[] plain = rawPrivValue(dir, t);
    assertThat(plain).isEqualTo(t.privKey().marshal());
    try (RocksPeerstore ps = open(dir, PASS)) {
      assertThat(ps.privKey(t.id())).contains(t.privKey());
    }
    assertThat(rawPrivValue(dir, t)).isEqualTo(plain); // reads never rewrite
    try (RocksPeerstore ps = open(dir, PASS)) {
      ps.addPrivKey(t.id(), t.privKey());
      assertThat(ps.privKey(t.id())).contains(t.privKey());
    }
    byte[] before = rawPrivValue(dir, t);
    assertThat(EncryptedPrivKey.isEncrypted(before)).isTrue();
    try (RocksPeerstore ps = open(dir, PASS)) {
      assertThat(ps.privKey(t.id())).contains(t.privKey());
      ps.addPrivKey(t.id(), t.privKey()); // the same key, already encrypted: nothing written
    }
    assertThat(rawPrivValue(dir, t)).isEqualTo(before);
  }

  @Test
  void aStoreWithAnotherPassphraseReplacesAKeyItIsGivenAgain() throws Exception {
    TestPeer t = TestPeer.generate(KeyType.ED25519);
    Path dir = storeAll(t);
    try (RocksPeerstore ps = open(dir, OTHER)) {
      ps.addPrivKey(t.id(), t.privKey()); // the caller holds the key: re-encrypted with OTHER
      assertThat(ps.privKey(t.id())).contains(t.privKey());
    }
    try (RocksPeerstore ps = open(dir, OTHER)) {
      assertThat(ps.privKey(t.id())).contains(t.privKey());
    }
    try (RocksPeerstore ps = open(dir, PASS)) {
      assertThatThrownBy(() -> ps.privKey(t.id())).isInstanceOf(KeyProtectionException.class);
    }
  }

  // ------------------------------------------------------------------ snapshots and moves

  @Test
  void restoringASnapshotIntoAProtectedStoreEncryptsTheKey() throws Exception {
    TestPeer t = TestPeer.generate(KeyType.ED25519);
    Path plainDir = newDir();
    PeerSnapshot s;
    try (RocksPeerstore ps = open(plainDir, null)) {
      fill(ps, t);
      s = ps.snapshot(t.id()).orElseThrow();
    }
    Path dir = newDir();
    try (RocksPeerstore ps = open(dir, PASS)) {
      ps.restore(s);
      assertThat(ps.snapshot(t.id())).contains(s);
    }
    assertThat(EncryptedPrivKey.isEncrypted(rawPrivValue(dir, t))).isTrue();
    try (RocksPeerstore ps = open(dir, PASS, 0)) {
      assertThat(ps.snapshot(t.id())).contains(s);
    }
  }

  @Test
  void encryptedKeysMoveBetweenStoresByteForByte() throws Exception {
    TestPeer t = TestPeer.generate(KeyType.ECDSA);
    Path from = storeAll(t);
    EncryptedSnapshot s;
    try (RocksPeerstore ps = open(from, null)) {
      s = ps.snapshotEncrypted(t.id()).orElseThrow();
    }
    // Into a store without a passphrase: stored as given, unreadable there, readable later.
    Path to = newDir();
    try (RocksPeerstore ps = open(to, null)) {
      ps.checkRestore(s);
      ps.restore(s);
      assertOtherBooksWork(ps, t);
      assertThatThrownBy(() -> ps.privKey(t.id())).isInstanceOf(KeyProtectionException.class);
    }
    assertThat(rawPrivValue(to, t)).isEqualTo(rawPrivValue(from, t));
    try (RocksPeerstore ps = open(to, PASS)) {
      assertThat(ps.privKey(t.id())).contains(t.privKey());
      assertThat(ps.snapshotEncrypted(t.id())).contains(s);
    }
    // Into a store with another passphrase: refused, nothing written.
    Path other = newDir();
    try (RocksPeerstore ps = open(other, OTHER)) {
      assertThatThrownBy(() -> ps.checkRestore(s)).isInstanceOf(KeyProtectionException.class);
      assertThatThrownBy(() -> ps.restore(s)).isInstanceOf(KeyProtectionException.class);
      assertThat(ps.peers()).isEmpty();
    }
    // Into a store with the same passphrase: checked, stored, readable from the cache at once.
    Path same = newDir();
    try (RocksPeerstore ps = open(same, PASS)) {
      ps.restore(s);
      long derivations = ps.parts().keyDerivationCount();
      assertThat(ps.privKey(t.id())).contains(t.privKey());
      assertThat(ps.parts().keyDerivationCount()).isEqualTo(derivations);
    }
  }

  @Test
  void snapshotEncryptedOfAPlaintextKeyCarriesItInTheBooks() {
    TestPeer t = TestPeer.generate(KeyType.ED25519);
    try (RocksPeerstore ps = open(newDir(), null)) {
      assertThat(ps.snapshotEncrypted(t.id())).isEmpty();
      ps.addPrivKey(t.id(), t.privKey());
      EncryptedSnapshot s = ps.snapshotEncrypted(t.id()).orElseThrow();
      assertThat(s.encryptedPrivKey()).isNull();
      assertThat(s.books().privKey()).isEqualTo(t.privKey());
      assertThatThrownBy(() -> new EncryptedSnapshot(s.books(),
          EncryptedPrivKey.fromBytes(new byte[EncryptedPrivKey.HEADER_BYTES + 17])))
          .isInstanceOf(InvalidKeyDataException.class);
    }
  }

  // ------------------------------------------------------------------------- the builder

  @Test
  void theBuilderCopiesAndChecksThePassphrase() {
    assertThatThrownBy(() -> RocksPeerstore.builder(newDir()).privateKeyProtection(new char[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> RocksPeerstore.builder(newDir())
        .privateKeyProtection(new char[] {'a', '\ud800', 'b'}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("surrogate");
    assertThatThrownBy(() -> RocksPeerstore.builder(newDir()).privateKeyProtection(null))
        .isInstanceOf(NullPointerException.class);
    TestPeer t = TestPeer.generate(KeyType.ED25519);
    Path dir = newDir();
    char[] mine = PASS.clone();
    RocksPeerstoreBuilder b = RocksPeerstore.builder(dir).keyProtectionParams(CHEAP)
        .privateKeyProtection(mine);
    Arrays.fill(mine, '\0'); // as the Javadoc asks; the builder kept its own copy
    try (RocksPeerstore ps = b.build()) {
      ps.addPrivKey(t.id(), t.privKey());
    }
    try (RocksPeerstore ps = open(dir, PASS)) {
      assertThat(ps.privKey(t.id())).contains(t.privKey());
    }
  }

  @Test
  void aNonAsciiPassphraseIsItsUtf8Bytes() {
    TestPeer t = TestPeer.generate(KeyType.ED25519);
    Path dir = newDir();
    char[] pass = "pässwörd 🔑".toCharArray();
    try (RocksPeerstore ps = open(dir, pass)) {
      ps.addPrivKey(t.id(), t.privKey());
    }
    try (RocksPeerstore ps = open(dir, "pässwörd 🔑".toCharArray())) {
      assertThat(ps.privKey(t.id())).contains(t.privKey());
    }
    try (RocksPeerstore ps = open(dir, "passwort 🔑".toCharArray())) {
      assertThatThrownBy(() -> ps.privKey(t.id())).isInstanceOf(KeyProtectionException.class);
    }
  }

  // -------------------------------------------------------------------- nothing leaks

  @Test
  void noTextShowsKeyMaterial() throws Exception {
    List<String> texts = new ArrayList<>();
    try (StoreLog log = StoreLog.captureAll()) {
      for (KeyType type : KeyType.values()) {
        TestPeer t = TestPeer.generate(type);
        Path dir = storeAll(t);
        byte[] v = rawPrivValue(dir, t);
        EncryptedPrivKey enc = EncryptedPrivKey.decode(v);
        texts.add(enc.toString());
        texts.add(enc.describe());
        texts.add(StoredPrivKey.decode(t.id(), v).toString());
        texts.add(StoredPrivKey.plain(t.id(), t.privKey()).toString());
        try (RocksPeerstore ps = open(dir, OTHER)) {
          texts.add(KeySecrets.fullText(catchThrowable(() -> ps.privKey(t.id()))));
          EncryptedSnapshot s = ps.snapshotEncrypted(t.id()).orElseThrow();
          texts.add(s.toString());
          texts.add(KeySecrets.fullText(catchThrowable(() -> ps.restore(s))));
        }
        try (RocksPeerstore ps = open(dir, null)) {
          texts.add(KeySecrets.fullText(catchThrowable(() -> ps.privKey(t.id()))));
          texts.add(KeySecrets.fullText(
              catchThrowable(() -> ps.addPrivKey(t.id(), t.privKey()))));
        }
        byte[] bad = v.clone();
        bad[1] = 9;
        putRawPrivValue(dir, t, bad);
        try (RocksPeerstore ps = open(dir, PASS)) {
          assertThat(ps.privKey(t.id())).isEmpty(); // corrupt: logged once
        }
        try (RocksMaintenance m = RocksMaintenance.open(dir)) {
          texts.add(m.dump(t.id(), clock.instant()).toString());
          texts.add(m.verify(MaintenanceProgress.NONE).toString());
        }
        putRawPrivValue(dir, t, v);
        try (RocksMaintenance m = RocksMaintenance.open(dir)) {
          texts.add(m.dump(t.id(), clock.instant()).toString());
        }
        for (LogRecord r : log.records()) {
          texts.add(String.valueOf(r.getMessage()) + " " + Arrays.toString(r.getParameters())
              + (r.getThrown() == null ? "" : KeySecrets.fullText(r.getThrown())));
        }
        log.clear();
        String all = String.join("\n", texts);
        assertThat(KeySecrets.leakIn(all, t.privKey())).isEmpty();
        assertThat(all).contains("encrypted").contains("AES-256-GCM");
      }
    }
  }

  private static Throwable catchThrowable(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("expected an exception");
  }

  @Test
  void encryptedPrivKeyRejectsMalformedBytesWithItsDocumentedException() {
    for (byte[] bad : List.of(new byte[0], new byte[] {0}, new byte[60],
        new byte[EncryptedPrivKey.HEADER_BYTES + EncryptedPrivKey.TAG_BYTES + 1])) {
      assertThatThrownBy(() -> EncryptedPrivKey.fromBytes(bad))
          .isInstanceOf(InvalidKeyDataException.class)
          .hasMessageStartingWith("not an encrypted private key");
    }
    TestPeer t = TestPeer.generate(KeyType.ED25519);
    KeyProtector p = new KeyProtector(PASS, CHEAP, new java.security.SecureRandom());
    EncryptedPrivKey sealed = p.seal(t.id(), t.privKey());
    byte[] bytes = sealed.toBytes();
    assertThat(EncryptedPrivKey.fromBytes(bytes)).isEqualTo(sealed);
    assertThat(bytes).hasSize(EncryptedPrivKey.HEADER_BYTES + t.privKey().marshal().length
        + EncryptedPrivKey.TAG_BYTES);
    bytes[0] = 1;
    assertThat(sealed.toBytes()[0]).isZero(); // a copy
    PrivKey opened = p.open(t.id(), sealed);
    assertThat(opened).isEqualTo(t.privKey());
    p.destroy();
    assertThatThrownBy(() -> p.open(t.id(), sealed)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aProtectedStoreKeepsEveryOtherBehaviourOfPlainKeys() {
    // Remove, re-add and peersWithKeys with encrypted keys and the cache off.
    TestPeer t = TestPeer.generate(KeyType.ED25519);
    try (RocksPeerstore ps = open(newDir(), PASS, 0)) {
      ps.addPrivKey(t.id(), t.privKey());
      assertThat(ps.peersWithKeys()).containsExactly(t.id());
      ps.removePeer(t.id());
      assertThat(ps.privKey(t.id())).isEqualTo(Optional.empty());
      assertThat(ps.peersWithKeys()).isEqualTo(Set.of());
      assertThat(ps.snapshot(t.id())).isEmpty();
      assertThat(ps.corruptValueCounts()).isEqualTo(Map.of());
    }
  }
}
