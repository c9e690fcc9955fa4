package org.peerstore.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.peerstore.InvalidKeyDataException;

/** RSA rules shared by the public and private key: sizes, exponent, strict DER. */
final class Rsa {
  /** go-libp2p {@code MinRsaKeyBits}. */
  static final int MIN_BITS = 2048;
  /** go-libp2p {@code maxRsaKeyBits}, js {@code MAX_RSA_KEY_SIZE}. */
  static final int MAX_BITS = 8192;
  /** go's {@code crypto/rsa} refuses larger public exponents. */
  private static final BigInteger MAX_EXPONENT = BigInteger.valueOf(Integer.MAX_VALUE);

  private Rsa() {}

  /** Checks modulus size and shape, and the public exponent. */
  static void checkPublic(BigInteger n, BigInteger e) {
    if (n.signum() <= 0) {
      throw new InvalidKeyDataException("RSA modulus is not a positive number");
    }
    if (n.bitLength() < MIN_BITS) {
      throw new InvalidKeyDataException(
          "RSA key of " + n.bitLength() + " bits is too small; at least " + MIN_BITS + " required");
    }
    if (n.bitLength() > MAX_BITS) {
      throw new InvalidKeyDataException(
          "RSA key of " + n.bitLength() + " bits is too big; at most " + MAX_BITS + " allowed");
    }
    if (!n.testBit(0)) {
      throw new InvalidKeyDataException("RSA modulus is even");
    }
    if (e.compareTo(BigInteger.valueOf(3)) < 0 || e.compareTo(MAX_EXPONENT) > 0 || !e.testBit(0)) {
      throw new InvalidKeyDataException(
          "RSA public exponent must be odd and in [3, 2^31-1], got " + e);
    }
  }

  /**
   * Parses DER and insists that re-encoding gives the same bytes, so that a key re-marshals
   * exactly (rejects BER, non-minimal lengths and integers, trailing bytes).
   */
  /** The parser's message, or the kind of failure when it gave none. */
  private static String reason(Exception e) {
    return e.getMessage() != null ? e.getMessage() : "malformed encoding ("
        + e.getClass().getSimpleName() + ")";
  }

  static ASN1Primitive parseDer(byte[] der, String what) {
    ASN1Primitive p;
    try {
      p = ASN1Primitive.fromByteArray(der);
    } catch (IOException | RuntimeException e) {
      throw new InvalidKeyDataException(what + " is not valid DER: " + reason(e), e);
    }
    requireDer(p, der, what);
    return p;
  }

  static void requireDer(ASN1Encodable value, byte[] der, String what) {
    byte[] again;
    try {
      again = value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
    } catch (IOException | RuntimeException e) {
      throw new InvalidKeyDataException(what + " is not valid DER: " + reason(e), e);
    }
    if (!Arrays.equals(again, der)) {
      throw new InvalidKeyDataException(what + " is not in canonical DER form");
    }
  }

  /**
   * The signed values of a DER {@code SEQUENCE} of {@code INTEGER}s. (Bouncy Castle's
   * {@code RSAPublicKey} would silently read a negative modulus as a positive one.)
   */
  static BigInteger[] integers(ASN1Primitive p, String what) {
    if (!(p instanceof ASN1Sequence seq)) {
      throw new InvalidKeyDataException(what + " is not a DER SEQUENCE");
    }
    BigInteger[] out = new BigInteger[seq.size()];
    for (int i = 0; i < out.length; i++) {
      if (!(seq.getObjectAt(i) instanceof ASN1Integer v)) {
        throw new InvalidKeyDataException(what + " element " + i + " is not an INTEGER");
      }
      out[i] = v.getValue();
    }
    return out;
  }

  static byte[] der(ASN1Encodable value) {
    try {
      return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException("DER encoding failed", e);
    }
  }
}
