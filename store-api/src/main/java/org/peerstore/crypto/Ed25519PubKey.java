package org.peerstore.crypto;

import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.peerstore.InvalidKeyDataException;

/**
 * An Ed25519 public key: the raw 32-byte encoding (RFC 8032).
 *
 * <p>Like go-libp2p, any 32 bytes are accepted: a value that is not a valid curve point simply
 * never verifies a signature. Immutable, thread-safe.
 */
final class Ed25519PubKey extends AbstractPubKey {
  static final int SIZE = Ed25519.PUBLIC_KEY_SIZE;

  private Ed25519PubKey(byte[] raw) {
    super(KeyType.ED25519, raw);
  }

  static Ed25519PubKey unmarshal(byte[] data) {
    if (data.length != SIZE) {
      throw new InvalidKeyDataException(
          "Ed25519 public key must be " + SIZE + " bytes, got " + data.length);
    }
    return new Ed25519PubKey(data);
  }

  @Override
  boolean verifyChecked(byte[] data, byte[] signature) {
    if (signature.length != Ed25519.SIGNATURE_SIZE) {
      return false;
    }
    byte[] pk = raw();
    return Ed25519.verify(signature, 0, pk, 0, data, 0, data.length);
  }
}
