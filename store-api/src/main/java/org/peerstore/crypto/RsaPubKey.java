package org.peerstore.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.util.BigIntegers;
import org.peerstore.InvalidKeyDataException;

/**
 * An RSA public key (2048 to 8192 bits), marshalled as the DER SubjectPublicKeyInfo with
 * {@code rsaEncryption} and NULL parameters, as go's {@code x509.MarshalPKIXPublicKey}.
 * Verifies RSASSA-PKCS1-v1_5 with SHA-256, strictly: the signature must be exactly the modulus
 * length and the decoded block must equal the expected encoding byte for byte (as go's
 * {@code rsa.VerifyPKCS1v15}). Immutable, thread-safe.
 */
final class RsaPubKey extends AbstractPubKey {
  /** DER DigestInfo prefix for SHA-256 (RFC 8017 §9.2 note 1). */
  private static final byte[] SHA256_DIGEST_INFO =
      Hex.decode("3031300d060960864801650304020105000420");

  private final BigInteger n;
  private final BigInteger e;

  private RsaPubKey(BigInteger n, BigInteger e, byte[] spki) {
    super(KeyType.RSA, spki);
    this.n = n;
    this.e = e;
  }

  /** The key for a modulus and exponent that the caller has already checked. */
  static RsaPubKey of(BigInteger n, BigInteger e) {
    SubjectPublicKeyInfo spki = new SubjectPublicKeyInfo(
        new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
        Rsa.der(new RSAPublicKey(n, e)));
    return new RsaPubKey(n, e, Rsa.der(spki));
  }

  static RsaPubKey unmarshal(byte[] data) {
    ASN1Primitive outer = Rsa.parseDer(data, "RSA public key SubjectPublicKeyInfo");
    BigInteger[] ne;
    try {
      SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(outer);
      if (!PKCSObjectIdentifiers.rsaEncryption.equals(spki.getAlgorithm().getAlgorithm())) {
        throw new InvalidKeyDataException("not actually an RSA public key: algorithm "
            + spki.getAlgorithm().getAlgorithm());
      }
      if (!DERNull.INSTANCE.equals(spki.getAlgorithm().getParameters())) {
        throw new InvalidKeyDataException("RSA public key is missing its NULL parameters");
      }
      byte[] inner = spki.getPublicKeyData().getOctets();
      ne = Rsa.integers(Rsa.parseDer(inner, "RSAPublicKey"), "RSAPublicKey");
    } catch (InvalidKeyDataException ex) {
      throw ex;
    } catch (RuntimeException ex) {
      throw new InvalidKeyDataException(
          "RSA public key is not a SubjectPublicKeyInfo holding an RSAPublicKey: " + ex.getMessage(), ex);
    }
    if (ne.length != 2) {
      throw new InvalidKeyDataException("RSAPublicKey must hold 2 integers, has " + ne.length);
    }
    Rsa.checkPublic(ne[0], ne[1]);
    return new RsaPubKey(ne[0], ne[1], data);
  }

  int bits() {
    return n.bitLength();
  }

  @Override
  String describe() {
    return "RSA-" + bits();
  }

  @Override
  boolean verifyChecked(byte[] data, byte[] signature) {
    int k = (n.bitLength() + 7) / 8;
    if (signature.length != k) {
      return false;
    }
    BigInteger s = new BigInteger(1, signature);
    if (s.compareTo(n) >= 0) {
      return false;
    }
    byte[] em = BigIntegers.asUnsignedByteArray(k, s.modPow(e, n));
    return MessageDigest.isEqual(em, encode(Digests.sha256(data), k));
  }

  /** EMSA-PKCS1-v1_5: {@code 00 01 ff..ff 00 DigestInfo(SHA-256, hash)}, {@code k} bytes. */
  private static byte[] encode(byte[] hash, int k) {
    byte[] em = new byte[k];
    int t = SHA256_DIGEST_INFO.length + hash.length;
    em[1] = 0x01;
    for (int i = 2; i < k - t - 1; i++) {
      em[i] = (byte) 0xff;
    }
    System.arraycopy(SHA256_DIGEST_INFO, 0, em, k - t, SHA256_DIGEST_INFO.length);
    System.arraycopy(hash, 0, em, k - hash.length, hash.length);
    return em;
  }
}
