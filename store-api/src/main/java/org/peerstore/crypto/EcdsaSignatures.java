package org.peerstore.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;

/**
 * ECDSA over SHA-256 with strict DER {@code SEQUENCE { r INTEGER, s INTEGER }} signatures, for
 * the 256-bit curves (secp256k1 and P-256).
 *
 * <p>Signing uses deterministic RFC 6979 nonces (HMAC-SHA-256), as go does for secp256k1; for
 * P-256 go uses random nonces, but any valid nonce gives a valid signature and a deterministic
 * one cannot be ruined by a weak random source. Parsing accepts only strict DER (BIP 66 rules:
 * short-form lengths, minimal positive integers, nothing trailing) with r and s in [1, N-1], as
 * decred's {@code ParseDERSignature}; it does not care whether s is low or high.
 */
final class EcdsaSignatures {
  /** 256-bit integers take at most 33 DER content bytes (a leading 0x00 for the sign). */
  private static final int MAX_INT_LEN = 33;

  private EcdsaSignatures() {}

  /** The components of a parsed signature. */
  record Rs(BigInteger r, BigInteger s) {}

  static Rs sign(ECDomainParameters domain, BigInteger d, byte[] data) {
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, new ECPrivateKeyParameters(d, domain));
    BigInteger[] rs = signer.generateSignature(Digests.sha256(data));
    return new Rs(rs[0], rs[1]);
  }

  static boolean verify(ECDomainParameters domain, ECPoint q, byte[] data, byte[] signature) {
    Optional<Rs> rs = parse(signature, domain.getN());
    if (rs.isEmpty()) {
      return false;
    }
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, new ECPublicKeyParameters(q, domain));
    return verifier.verifySignature(Digests.sha256(data), rs.get().r(), rs.get().s());
  }

  /** {@code s} replaced by {@code N - s} when it is in the upper half of the group order. */
  static Rs lowS(Rs rs, BigInteger n) {
    return rs.s().compareTo(n.shiftRight(1)) > 0 ? new Rs(rs.r(), n.subtract(rs.s())) : rs;
  }

  static byte[] encode(Rs rs) {
    byte[] r = rs.r().toByteArray();
    byte[] s = rs.s().toByteArray();
    byte[] out = new byte[6 + r.length + s.length];
    out[0] = 0x30;
    out[1] = (byte) (4 + r.length + s.length);
    out[2] = 0x02;
    out[3] = (byte) r.length;
    System.arraycopy(r, 0, out, 4, r.length);
    out[4 + r.length] = 0x02;
    out[5 + r.length] = (byte) s.length;
    System.arraycopy(s, 0, out, 6 + r.length, s.length);
    return out;
  }

  /** Parses a strict-DER signature; empty when malformed or r, s are outside [1, N-1]. */
  static Optional<Rs> parse(byte[] sig, BigInteger n) {
    // 30 len 02 rlen r 02 slen s, every length in short form.
    if (sig.length < 8 || sig[0] != 0x30 || (sig[1] & 0xff) != sig.length - 2) {
      return Optional.empty();
    }
    int rLen = sig[3] & 0xff;
    if (sig[2] != 0x02 || rLen == 0 || rLen > MAX_INT_LEN || 4 + rLen + 2 > sig.length) {
      return Optional.empty();
    }
    int sAt = 4 + rLen;
    int sLen = sig[sAt + 1] & 0xff;
    if (sig[sAt] != 0x02 || sLen == 0 || sLen > MAX_INT_LEN || sAt + 2 + sLen != sig.length) {
      return Optional.empty();
    }
    Optional<BigInteger> r = derInteger(Arrays.copyOfRange(sig, 4, 4 + rLen));
    Optional<BigInteger> s = derInteger(Arrays.copyOfRange(sig, sAt + 2, sig.length));
    if (r.isEmpty() || s.isEmpty() || !inRange(r.get(), n) || !inRange(s.get(), n)) {
      return Optional.empty();
    }
    return Optional.of(new Rs(r.get(), s.get()));
  }

  private static Optional<BigInteger> derInteger(byte[] content) {
    if ((content[0] & 0x80) != 0) {
      return Optional.empty(); // negative
    }
    if (content.length > 1 && content[0] == 0 && (content[1] & 0x80) == 0) {
      return Optional.empty(); // superfluous leading zero
    }
    return Optional.of(new BigInteger(1, content));
  }

  private static boolean inRange(BigInteger v, BigInteger n) {
    return v.signum() > 0 && v.compareTo(n) < 0;
  }
}
