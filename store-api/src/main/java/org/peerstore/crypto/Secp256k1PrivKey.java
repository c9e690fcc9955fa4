package org.peerstore.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.util.BigIntegers;
import org.peerstore.InvalidKeyDataException;

/**
 * A secp256k1 private key: the 32-byte big-endian scalar, which must lie in [1, N-1] (go's
 * decred library would silently reduce a larger value, which then would not re-marshal to the
 * same bytes). Signs SHA-256 of the message with RFC 6979 nonces and always emits low-S strict
 * DER, as go-libp2p does. Immutable, thread-safe.
 */
final class Secp256k1PrivKey extends AbstractPrivKey {
  static final int SIZE = 32;

  private final BigInteger d;

  private Secp256k1PrivKey(BigInteger d) {
    super(KeyType.SECP256K1, BigIntegers.asUnsignedByteArray(SIZE, d),
        Secp256k1PubKey.of(EcCurves.SECP256K1.getG().multiply(d)));
    this.d = d;
  }

  static Secp256k1PrivKey generate(SecureRandom random) {
    return new Secp256k1PrivKey(EcCurves.randomScalar(EcCurves.SECP256K1, random));
  }

  static Secp256k1PrivKey unmarshal(byte[] data) {
    if (data.length != SIZE) {
      throw new InvalidKeyDataException(
          "secp256k1 private key must be " + SIZE + " bytes, got " + data.length);
    }
    BigInteger d = new BigInteger(1, data);
    if (!EcCurves.validScalar(EcCurves.SECP256K1, d)) {
      throw new InvalidKeyDataException(
          "secp256k1 private key scalar must be in [1, N-1] (zero or not below the group order)");
    }
    return new Secp256k1PrivKey(d);
  }

  @Override
  byte[] signChecked(byte[] data) {
    EcdsaSignatures.Rs rs = EcdsaSignatures.sign(EcCurves.SECP256K1, d, data);
    return EcdsaSignatures.encode(EcdsaSignatures.lowS(rs, EcCurves.SECP256K1.getN()));
  }
}
