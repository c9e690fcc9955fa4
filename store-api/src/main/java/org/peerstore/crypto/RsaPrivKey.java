package org.peerstore.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.peerstore.InvalidKeyDataException;

/**
 * An RSA private key (2048 to 8192 bits), marshalled as the DER PKCS#1 {@code RSAPrivateKey}
 * (two primes, version 0), as go's {@code x509.MarshalPKCS1PrivateKey}. On reading, every CRT
 * value must be consistent with the primes (go would recompute them and so not re-marshal a
 * key whose stored values differ). Signs RSASSA-PKCS1-v1_5 with SHA-256 (deterministic, with
 * blinding). Immutable, thread-safe.
 */
final class RsaPrivKey extends AbstractPrivKey {
  private static final BigInteger F4 = BigInteger.valueOf(65537);
  /** Miller-Rabin certainty for generated primes: error probability below 2^-128. */
  private static final int CERTAINTY = 128;

  private final RSAPrivateCrtKeyParameters params;
  private final SecureRandom random;

  private RsaPrivKey(RSAPrivateCrtKeyParameters k, byte[] der, SecureRandom random) {
    super(KeyType.RSA, der, RsaPubKey.of(k.getModulus(), k.getPublicExponent()));
    this.params = k;
    this.random = random;
  }

  static RsaPrivKey generate(int bits, SecureRandom random) {
    if (bits < Rsa.MIN_BITS || bits > Rsa.MAX_BITS) {
      throw new IllegalArgumentException(
          "RSA key size must be in [" + Rsa.MIN_BITS + ", " + Rsa.MAX_BITS + "], got " + bits);
    }
    RSAKeyPairGenerator gen = new RSAKeyPairGenerator();
    gen.init(new RSAKeyGenerationParameters(F4, random, bits, CERTAINTY));
    AsymmetricCipherKeyPair pair = gen.generateKeyPair();
    RSAPrivateCrtKeyParameters k = (RSAPrivateCrtKeyParameters) pair.getPrivate();
    RSAPrivateKey asn1 = new RSAPrivateKey(k.getModulus(), k.getPublicExponent(),
        k.getExponent(), k.getP(), k.getQ(), k.getDP(), k.getDQ(), k.getQInv());
    return new RsaPrivKey(k, Rsa.der(asn1), random);
  }

  static RsaPrivKey unmarshal(byte[] data, SecureRandom random) {
    BigInteger[] v = Rsa.integers(Rsa.parseDer(data, "RSA private key"), "RSA private key");
    if (v.length == 0 || v[0].signum() != 0) {
      throw new InvalidKeyDataException("RSA private key must be a version 0 (two-prime) PKCS#1"
          + " RSAPrivateKey" + (v.length == 0 ? "" : ", got version " + v[0]));
    }
    if (v.length != 9) {
      throw new InvalidKeyDataException(
          "PKCS#1 RSAPrivateKey must hold 9 integers, has " + v.length);
    }
    // version, modulus, publicExponent, privateExponent, prime1, prime2, exponent1, exponent2,
    // coefficient (RFC 8017 A.1.2)
    BigInteger n = v[1];
    BigInteger e = v[2];
    Rsa.checkPublic(n, e);
    BigInteger d = v[3];
    BigInteger p = v[4];
    BigInteger q = v[5];
    BigInteger dp = v[6];
    BigInteger dq = v[7];
    BigInteger qinv = v[8];
    if (p.compareTo(BigInteger.ONE) <= 0 || q.compareTo(BigInteger.ONE) <= 0
        || !p.multiply(q).equals(n)) {
      throw new InvalidKeyDataException("RSA private key primes do not multiply to the modulus");
    }
    BigInteger p1 = p.subtract(BigInteger.ONE);
    BigInteger q1 = q.subtract(BigInteger.ONE);
    if (d.signum() <= 0 || d.compareTo(n) >= 0
        || !e.multiply(d).mod(p1).equals(BigInteger.ONE)
        || !e.multiply(d).mod(q1).equals(BigInteger.ONE)) {
      throw new InvalidKeyDataException(
          "RSA private exponent is not the inverse of the public exponent");
    }
    if (!dp.equals(d.mod(p1)) || !dq.equals(d.mod(q1))
        || !p.gcd(q).equals(BigInteger.ONE) || !qinv.equals(q.modInverse(p))) {
      throw new InvalidKeyDataException(
          "RSA private key CRT values (exponent1, exponent2, coefficient) are inconsistent");
    }
    RSAPrivateCrtKeyParameters params;
    try {
      params = new RSAPrivateCrtKeyParameters(n, e, d, p, q, dp, dq, qinv);
    } catch (RuntimeException ex) {
      throw new InvalidKeyDataException("RSA private key rejected: " + ex.getMessage(), ex);
    }
    return new RsaPrivKey(params, data, random);
  }

  @Override
  byte[] signChecked(byte[] data) {
    RSADigestSigner signer = new RSADigestSigner(new SHA256Digest());
    signer.init(true, new ParametersWithRandom(params, random));
    signer.update(data, 0, data.length);
    try {
      return signer.generateSignature();
    } catch (CryptoException e) {
      throw new IllegalStateException("RSA signing failed", e);
    }
  }
}
