package org.peerstore.rocksdb;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;
import org.peerstore.crypto.Keys;
import org.peerstore.crypto.PrivKey;
import org.peerstore.internal.AddrState;
import org.peerstore.peer.PeerId;

/**
 * Jazzer fuzz tests of every stored value and key format of {@link RocksPeerstore} (what it
 * reads back from a disk that may be damaged): address sets, protocol sets, signed records,
 * public and private keys (unencrypted and encrypted), framed keys and modified-UTF-8
 * strings. Each decoder may throw only {@link CorruptValueException}; what decodes re-encodes
 * to something that decodes to the same value. Regression inputs live in
 * {@code src/test/resources/org/peerstore/rocksdb/StoredValueFuzzTestInputs/<method>/}; fuzz one
 * target with {@code JAZZER_FUZZ=1 mvn -pl store-rocksdb -am test
 * -Dtest='StoredValueFuzzTest#addrSet' -Dsurefire.failIfNoSpecifiedTests=false
 * -Djazzer.max_duration=10m} (see docs/RELIABILITY.md).
 */
class StoredValueFuzzTest {

  /** The Ed25519 key of libp2p/specs peer-ids.md (keys.json): records and keys claim this peer. */
  private static final PrivKey KEY = Keys.unmarshalPrivateKey(HexFormat.of().parseHex(
      "080112407e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d"
          + "1ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e"));
  private static final PeerId PEER = PeerId.fromPublicKey(KEY.publicKey());

  @FuzzTest
  void addrSet(byte[] data) throws Exception {
    AddrState state;
    try {
      state = ValueCodec.decodeAddrs(data);
    } catch (CorruptValueException e) {
      return;
    }
    int count = ValueCodec.addrCount(data);
    if (count != state.entries().size()) {
      throw new AssertionError("addrCount " + count + " but " + state.entries().size()
          + " entries decoded");
    }
    ValueCodec.unconnectedCount(data);
    byte[] again = ValueCodec.encodeAddrs(state);
    if (!ValueCodec.decodeAddrs(again).entries().equals(state.entries())) {
      throw new AssertionError("address set does not survive a re-encoding");
    }
  }

  @FuzzTest
  void protocolSet(byte[] data) throws Exception {
    Set<String> protocols;
    try {
      protocols = ValueCodec.decodeProtocols(data);
    } catch (CorruptValueException e) {
      return;
    }
    Set<String> again = ValueCodec.decodeProtocols(ValueCodec.encodeProtocols(protocols));
    if (!again.equals(protocols)) {
      throw new AssertionError("protocol set does not survive a re-encoding: " + protocols);
    }
  }

  @FuzzTest
  void record(byte[] data) {
    try {
      ValueCodec.decodeRecord(PEER, data);
    } catch (CorruptValueException e) {
      // documented
    }
  }

  @FuzzTest
  void keys(byte[] data) {
    try {
      ValueCodec.decodePubKey(PEER, data);
    } catch (CorruptValueException e) {
      // documented
    }
    try {
      ValueCodec.decodePrivKey(PEER, data);
    } catch (CorruptValueException e) {
      // documented
    }
  }

  /** Decrypts values written with these cheap parameters (others are only decoded). */
  private static final KeyProtector PROTECTOR = new KeyProtector(
      "fuzz".toCharArray(), new Argon2Params(8, 1, 1), new java.security.SecureRandom());

  /**
   * Encrypted private keys ({@code privateKeyProtection}): the structure decoder may throw only
   * {@link CorruptValueException} (and {@link EncryptedPrivKey#fromBytes} only
   * {@link org.peerstore.InvalidKeyDataException}); what decodes is rebuilt from its parts to
   * the same bytes; values with the cheapest parameters are also decrypted, which may throw
   * only {@link org.peerstore.KeyProtectionException}. Seeds: the {@code keys.json} key sealed
   * by {@link KeyProtector#seal} for {@code PEER} with passphrase {@code fuzz} and m=8 KiB,
   * t=1, p=1 ({@code seed-valid}), with passphrase {@code other} ({@code seed-other-passphrase})
   * and with {@code fuzz} and the default parameters ({@code seed-default-params}).
   */
  @FuzzTest
  void encryptedPrivKey(byte[] data) {
    try {
      EncryptedPrivKey.fromBytes(data);
    } catch (org.peerstore.InvalidKeyDataException e) {
      // documented
    }
    StoredPrivKey stored;
    try {
      stored = StoredPrivKey.decode(PEER, data.clone());
    } catch (CorruptValueException e) {
      return;
    }
    if (!stored.isEncrypted()) {
      return;
    }
    EncryptedPrivKey v = stored.encryptedValue();
    byte[] again = EncryptedPrivKey.of(v.params(), v.salt(), v.nonce(), v.ciphertext()).bytes();
    if (!Arrays.equals(again, data)) {
      throw new AssertionError("encrypted private key does not survive a re-encoding");
    }
    if (v.params().equals(PROTECTOR.params())) {
      try {
        PrivKey k = stored.key(PROTECTOR);
        if (!PEER.matchesPublicKey(k.publicKey())) {
          throw new AssertionError("decrypted another peer's key");
        }
      } catch (org.peerstore.KeyProtectionException e) {
        // documented
      }
    }
  }

  @FuzzTest
  void storeKeyAndString(byte[] data) throws Exception {
    try {
      byte[] id = StoreKeys.peerIdOf(data);
      byte[] suffix = StoreKeys.suffixOf(data);
      if (id.length + suffix.length > data.length) {
        throw new AssertionError("framed key parts longer than the key");
      }
    } catch (CorruptValueException e) {
      // documented
    }
    String s;
    try {
      s = JavaStrings.decode(data, 0);
    } catch (CorruptValueException e) {
      return;
    }
    if (!Arrays.equals(JavaStrings.encode(s), data)) {
      throw new AssertionError("modified UTF-8 does not round-trip");
    }
  }
}
