package org.peerstore.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.peerstore.InvalidKeyDataException;

/**
 * An Ed25519 private key, marshalled as go does: 32-byte seed followed by the 32-byte public
 * key. The legacy 96-byte form (seed, public key, public key) is read when both public-key
 * copies are equal, and written back as 64 bytes. The public half must be the one the seed
 * derives. Immutable, thread-safe.
 */
final class Ed25519PrivKey extends AbstractPrivKey {
  private static final int SEED = Ed25519.SECRET_KEY_SIZE;
  private static final int PUB = Ed25519.PUBLIC_KEY_SIZE;

  private final byte[] seed;
  private final byte[] pub;

  private Ed25519PrivKey(byte[] seed, byte[] pub) {
    super(KeyType.ED25519, concat(seed, pub), Ed25519PubKey.unmarshal(pub));
    this.seed = seed;
    this.pub = pub;
  }

  static Ed25519PrivKey generate(SecureRandom random) {
    byte[] seed = new byte[SEED];
    random.nextBytes(seed);
    return new Ed25519PrivKey(seed, derivePublic(seed));
  }

  static Ed25519PrivKey unmarshal(byte[] data) {
    if (data.length != SEED + PUB && data.length != SEED + 2 * PUB) {
      throw new InvalidKeyDataException(
          "Ed25519 private key must be 64 bytes (seed || public key) or the legacy 96 bytes,"
              + " got " + data.length);
    }
    byte[] seed = Arrays.copyOfRange(data, 0, SEED);
    byte[] pub = Arrays.copyOfRange(data, SEED, SEED + PUB);
    if (data.length == SEED + 2 * PUB
        && !Arrays.equals(pub, Arrays.copyOfRange(data, SEED + PUB, data.length))) {
      throw new InvalidKeyDataException(
          "legacy 96-byte Ed25519 private key has two different public key copies");
    }
    if (!MessageDigest.isEqual(pub, derivePublic(seed))) {
      throw new InvalidKeyDataException(
          "Ed25519 private key's public half is not the key its seed derives");
    }
    return new Ed25519PrivKey(seed, pub);
  }

  private static byte[] derivePublic(byte[] seed) {
    byte[] pub = new byte[PUB];
    Ed25519.generatePublicKey(seed, 0, pub, 0);
    return pub;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Override
  byte[] signChecked(byte[] data) {
    byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
    Ed25519.sign(seed, 0, pub, 0, data, 0, data.length, sig, 0);
    return sig;
  }
}
