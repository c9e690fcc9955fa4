package org.peerstore.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.util.BigIntegers;
import org.peerstore.InvalidKeyDataException;

/**
 * An ECDSA private key on NIST P-256, marshalled as the DER SEC1 {@code ECPrivateKey} (RFC 5915)
 * exactly as go's {@code x509.MarshalECPrivateKey} writes it: version 1, the 32-byte scalar,
 * the named curve and the uncompressed public point. Only that exact form is read: go would also
 * parse variants (no curve, no or a wrong public point, a shorter scalar) but would not re-marshal
 * them to the same bytes. Signs SHA-256 of the message with RFC 6979 nonces, DER, S not
 * normalised (go does not normalise ECDSA either). Immutable, thread-safe.
 */
final class EcdsaPrivKey extends AbstractPrivKey {
  /** SEQUENCE (0x77 bytes) { INTEGER 1, OCTET STRING (32 bytes) ... */
  private static final byte[] HEAD = Hex.decode("30770201010420");
  /** ... [0] { prime256v1 }, [1] { BIT STRING (66 bytes: 00 04 X Y) } }. */
  private static final byte[] MIDDLE = Hex.decode("a00a06082a8648ce3d030107a144034200");
  private static final int SCALAR = 32;
  private static final int LENGTH = HEAD.length + SCALAR + MIDDLE.length + EcdsaPubKey.POINT;

  private final BigInteger d;

  private EcdsaPrivKey(BigInteger d, EcdsaPubKey pub) {
    super(KeyType.ECDSA, sec1(d, pub), pub);
    this.d = d;
  }

  private static byte[] sec1(BigInteger d, EcdsaPubKey pub) {
    byte[] spki = pub.raw();
    byte[] out = new byte[LENGTH];
    System.arraycopy(HEAD, 0, out, 0, HEAD.length);
    System.arraycopy(BigIntegers.asUnsignedByteArray(SCALAR, d), 0, out, HEAD.length, SCALAR);
    System.arraycopy(MIDDLE, 0, out, HEAD.length + SCALAR, MIDDLE.length);
    System.arraycopy(spki, EcdsaPubKey.SPKI_PREFIX.length, out,
        HEAD.length + SCALAR + MIDDLE.length, EcdsaPubKey.POINT);
    return out;
  }

  static EcdsaPrivKey generate(SecureRandom random) {
    BigInteger d = EcCurves.randomScalar(EcCurves.P256, random);
    return new EcdsaPrivKey(d, EcdsaPubKey.of(EcCurves.P256.getG().multiply(d)));
  }

  static EcdsaPrivKey unmarshal(byte[] data) {
    if (data.length != LENGTH
        || !Arrays.equals(data, 0, HEAD.length, HEAD, 0, HEAD.length)
        || !Arrays.equals(data, HEAD.length + SCALAR, HEAD.length + SCALAR + MIDDLE.length,
            MIDDLE, 0, MIDDLE.length)) {
      throw new InvalidKeyDataException(diagnose(data));
    }
    BigInteger d = new BigInteger(1, Arrays.copyOfRange(data, HEAD.length, HEAD.length + SCALAR));
    if (!EcCurves.validScalar(EcCurves.P256, d)) {
      throw new InvalidKeyDataException("ECDSA private key scalar must be in [1, N-1]");
    }
    EcdsaPubKey pub = EcdsaPubKey.of(EcCurves.P256.getG().multiply(d));
    if (!MessageDigest.isEqual(sec1(d, pub), data)) {
      throw new InvalidKeyDataException(
          "ECDSA private key's public point is not the one its scalar derives");
    }
    return new EcdsaPrivKey(d, pub);
  }

  private static String diagnose(byte[] data) {
    ECPrivateKey key;
    try {
      key = ECPrivateKey.getInstance(ASN1Primitive.fromByteArray(data));
    } catch (Exception e) {
      return "ECDSA private key is not a DER SEC1 ECPrivateKey";
    }
    try {
      Object curve = key.getParametersObject();
      if (curve != null && !EcdsaPubKey.P256_OID.equals(curve)) {
        return "ECDSA private key on curve " + curve
            + " is not supported; only P-256 (" + EcdsaPubKey.P256_OID + ") is accepted";
      }
    } catch (RuntimeException e) {
      return "ECDSA private key is not a DER SEC1 ECPrivateKey";
    }
    return "ECDSA private key is not a P-256 SEC1 ECPrivateKey in go's form"
        + " (version 1, 32-byte scalar, named curve, uncompressed public point)";
  }

  @Override
  byte[] signChecked(byte[] data) {
    return EcdsaSignatures.encode(EcdsaSignatures.sign(EcCurves.P256, d, data));
  }
}
