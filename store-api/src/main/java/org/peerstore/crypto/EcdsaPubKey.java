package org.peerstore.crypto;

import java.util.Arrays;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.math.ec.ECPoint;
import org.peerstore.InvalidKeyDataException;

/**
 * An ECDSA public key on NIST P-256, marshalled as the DER SubjectPublicKeyInfo with the named
 * curve and an uncompressed point, exactly as go's {@code x509.MarshalPKIXPublicKey} writes it.
 *
 * <p><b>Curves:</b> only P-256 is accepted. go would also read P-224/P-384/P-521 keys, but it
 * only generates P-256, rust-libp2p accepts only P-256, and interop needs P-256 (docs/WIRE.md
 * §2.2); any other curve is rejected with a message naming its OID. Verification accepts DER
 * signatures with high or low S. Immutable, thread-safe.
 */
final class EcdsaPubKey extends AbstractPubKey {
  /** SEQUENCE { SEQUENCE { id-ecPublicKey, prime256v1 }, BIT STRING (66 bytes: 00 04 X Y) }. */
  static final byte[] SPKI_PREFIX = Hex.decode(
      "3059301306072a8648ce3d020106082a8648ce3d030107034200");
  static final int POINT = 65;
  static final ASN1ObjectIdentifier P256_OID = X9ObjectIdentifiers.prime256v1;

  private final ECPoint q;

  private EcdsaPubKey(ECPoint q) {
    super(KeyType.ECDSA, spki(q));
    this.q = q;
  }

  static EcdsaPubKey of(ECPoint q) {
    return new EcdsaPubKey(q.normalize());
  }

  private static byte[] spki(ECPoint q) {
    byte[] point = q.getEncoded(false);
    byte[] out = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + point.length);
    System.arraycopy(point, 0, out, SPKI_PREFIX.length, point.length);
    return out;
  }

  static EcdsaPubKey unmarshal(byte[] data) {
    if (data.length != SPKI_PREFIX.length + POINT
        || !Arrays.equals(data, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)
        || data[SPKI_PREFIX.length] != 0x04) {
      throw new InvalidKeyDataException(diagnose(data));
    }
    ECPoint q;
    try {
      q = EcCurves.P256.getCurve().decodePoint(Arrays.copyOfRange(data, SPKI_PREFIX.length, data.length));
    } catch (RuntimeException e) {
      throw new InvalidKeyDataException("ECDSA public key is not a point on P-256: " + e.getMessage(), e);
    }
    if (q.isInfinity() || !q.isValid()) {
      throw new InvalidKeyDataException("ECDSA public key is not a valid P-256 point");
    }
    return of(q);
  }

  /** Why {@code data} is not the one SubjectPublicKeyInfo form we accept. */
  private static String diagnose(byte[] data) {
    SubjectPublicKeyInfo spki;
    try {
      spki = SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(data));
    } catch (Exception e) {
      return "ECDSA public key is not a DER SubjectPublicKeyInfo";
    }
    try {
      ASN1ObjectIdentifier alg = spki.getAlgorithm().getAlgorithm();
      if (!X9ObjectIdentifiers.id_ecPublicKey.equals(alg)) {
        return "ECDSA public key has algorithm " + alg + ", not id-ecPublicKey";
      }
      Object params = spki.getAlgorithm().getParameters();
      if (params instanceof ASN1ObjectIdentifier curve
          && !X9ObjectIdentifiers.prime256v1.equals(curve)) {
        return "ECDSA public key on curve " + curve
            + " is not supported; only P-256 (" + X9ObjectIdentifiers.prime256v1 + ") is accepted";
      }
    } catch (RuntimeException e) {
      return "ECDSA public key is not a DER SubjectPublicKeyInfo";
    }
    return "ECDSA public key is not the DER SubjectPublicKeyInfo of an uncompressed P-256 point"
        + " with the named curve";
  }

  @Override
  boolean verifyChecked(byte[] data, byte[] signature) {
    return EcdsaSignatures.verify(EcCurves.P256, q, data, signature);
  }
}
