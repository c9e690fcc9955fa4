package org.peerstore.fuzz;

import static org.peerstore.fuzz.FuzzAssertions.assertBytes;
import static org.peerstore.fuzz.FuzzAssertions.assertEqual;
import static org.peerstore.fuzz.FuzzAssertions.assertMessage;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.peerstore.InvalidKeyDataException;
import org.peerstore.crypto.KeyType;
import org.peerstore.crypto.Keys;
import org.peerstore.crypto.PrivKey;
import org.peerstore.crypto.PubKey;
import org.peerstore.peer.PeerId;

/**
 * Key decoders: {@link Keys#unmarshalPublicKey(byte[])}, {@link Keys#unmarshalPrivateKey(byte[])}
 * and their typed raw forms throw only {@link InvalidKeyDataException}; an accepted key
 * re-marshals to the same bytes, verifies what it signs (private keys) and has a peer id. The
 * one accepted non-canonical input is the legacy 96-byte Ed25519 private key (seed, public key,
 * public key again), which re-marshals to the 64-byte form.
 */
class KeyFuzzTest {

  private static final byte[] MESSAGE = "fuzz".getBytes(StandardCharsets.UTF_8);

  @FuzzTest
  void publicKey(byte[] data) {
    PubKey k;
    try {
      k = Keys.unmarshalPublicKey(data);
    } catch (InvalidKeyDataException e) {
      assertMessage(e);
      return;
    }
    assertBytes(data, k.marshal(), "public key round trip");
    checkPublic(k);
  }

  @FuzzTest
  void privateKey(byte[] data) {
    PrivKey k;
    try {
      k = Keys.unmarshalPrivateKey(data);
    } catch (InvalidKeyDataException e) {
      assertMessage(e);
      return;
    }
    if (!isLegacyEd25519(k, data)) {
      assertBytes(data, k.marshal(), "private key round trip");
    }
    checkPrivate(k);
  }

  /** First byte picks the key type; the rest is the raw key, tried as public and as private. */
  @FuzzTest
  void rawKey(byte[] data) {
    if (data.length == 0) {
      return;
    }
    KeyType type = KeyType.values()[(data[0] & 0xff) % KeyType.values().length];
    byte[] raw = Arrays.copyOfRange(data, 1, data.length);
    try {
      PubKey k = Keys.unmarshalPublicKey(type, raw);
      assertBytes(raw, k.raw(), "raw public key round trip");
      checkPublic(k);
    } catch (InvalidKeyDataException e) {
      assertMessage(e);
    }
    try {
      checkPrivate(Keys.unmarshalPrivateKey(type, raw));
    } catch (InvalidKeyDataException e) {
      assertMessage(e);
    }
  }

  /** An Ed25519 private key protobuf whose Data is 96 bytes: {@code 08 01 12 60 <96 bytes>}. */
  private static boolean isLegacyEd25519(PrivKey k, byte[] data) {
    return k.type() == KeyType.ED25519 && data.length == 4 + 96 && data[3] == 96;
  }

  private static void checkPublic(PubKey k) {
    assertEqual(k, Keys.unmarshalPublicKey(k.marshal()), "unmarshal(marshal())");
    PeerId id = PeerId.fromPublicKey(k);
    if (!id.matchesPublicKey(k)) {
      throw new AssertionError("key does not match its own peer id");
    }
    k.verify(MESSAGE, new byte[0]);
    k.verify(MESSAGE, MESSAGE);
  }

  private static void checkPrivate(PrivKey k) {
    PrivKey again = Keys.unmarshalPrivateKey(k.marshal());
    assertEqual(k, again, "unmarshal(marshal())");
    assertBytes(k.marshal(), again.marshal(), "marshal is canonical");
    if (!k.publicKey().verify(MESSAGE, k.sign(MESSAGE))) {
      throw new AssertionError(k.type() + " key does not verify its own signature");
    }
    checkPublic(k.publicKey());
  }
}
