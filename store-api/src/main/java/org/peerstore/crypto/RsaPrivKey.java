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
    RSAPrivateKey k;
    try {
      k = RSAPrivateKey.getInstance(Rsa.parseDer(data, "RSA private key"));
    } catch (InvalidKeyDataException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new InvalidKeyDataException(
          "RSA private key is not a PKCS#1 RSAPrivateKey: " + e.getMessage(), e);
    }
    if (k.getVersion().signum() != 0) {
      throw new InvalidKeyDataException(
          "RSA private key version " + k.getVersion() + " (multi-prime) is not supported");
    }
    BigInteger n = k.getModulus();
    BigInteger e = k.getPublicExponent();
    Rsa.checkPublic(n, e);
    BigInteger d = k.getPrivateExponent();
    BigInteger p = k.getPrime1();
    BigInteger q = k.getPrime2();
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
    if (!k.getExponent1().equals(d.mod(p1)) || !k.getExponent2().equals(d.mod(q1))
        || !p.gcd(q).equals(BigInteger.ONE) || !k.getCoefficient().equals(q.modInverse(p))) {
      throw new InvalidKeyDataException(
          "RSA private key CRT values (exponent1, exponent2, coefficient) are inconsistent");
    }
    RSAPrivateCrtKeyParameters params;
    try {
      params = new RSAPrivateCrtKeyParameters(n, e, d, p, q, k.getExponent1(), k.getExponent2(),
          k.getCoefficient());
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
