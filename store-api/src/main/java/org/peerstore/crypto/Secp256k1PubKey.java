package org.peerstore.crypto;

import org.bouncycastle.math.ec.ECPoint;
import org.peerstore.InvalidKeyDataException;

/**
 * A secp256k1 public key, marshalled as the 33-byte compressed SEC1 point.
 *
 * <p>Reads the compressed form and the 65-byte uncompressed form ({@code 04 || X || Y}), which
 * it re-marshals compressed (as go does); the hybrid form ({@code 06}/{@code 07}) and points not
 * on the curve are rejected. Verification accepts low-S and high-S signatures alike, with r and
 * s in [1, N-1] and strict DER. Immutable, thread-safe.
 */
final class Secp256k1PubKey extends AbstractPubKey {
  static final int COMPRESSED = 33;
  static final int UNCOMPRESSED = 65;

  private final ECPoint q;

  private Secp256k1PubKey(ECPoint q) {
    super(KeyType.SECP256K1, q.getEncoded(true));
    this.q = q;
  }

  static Secp256k1PubKey of(ECPoint q) {
    return new Secp256k1PubKey(q.normalize());
  }

  static Secp256k1PubKey unmarshal(byte[] data) {
    boolean compressed = data.length == COMPRESSED && (data[0] == 0x02 || data[0] == 0x03);
    boolean uncompressed = data.length == UNCOMPRESSED && data[0] == 0x04;
    if (!compressed && !uncompressed) {
      throw new InvalidKeyDataException(
          "secp256k1 public key must be a 33-byte compressed or 65-byte uncompressed SEC1 point,"
              + " got " + data.length + " bytes"
              + (data.length > 0 ? String.format(" with prefix 0x%02x", data[0]) : ""));
    }
    ECPoint q;
    try {
      q = EcCurves.SECP256K1.getCurve().decodePoint(data);
    } catch (RuntimeException e) {
      throw new InvalidKeyDataException(
          "secp256k1 public key is not a point on the curve: " + e.getMessage(), e);
    }
    if (q.isInfinity() || !q.isValid()) {
      throw new InvalidKeyDataException("secp256k1 public key is not a valid curve point");
    }
    return of(q);
  }

  @Override
  boolean verifyChecked(byte[] data, byte[] signature) {
    return EcdsaSignatures.verify(EcCurves.SECP256K1, q, data, signature);
  }
}
