package org.peerstore.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.util.BigIntegers;

/** The two elliptic curves libp2p uses, from Bouncy Castle's lightweight curve table. */
final class EcCurves {
  private EcCurves() {}

  static final ECDomainParameters SECP256K1 = domain("secp256k1");
  static final ECDomainParameters P256 = domain("secp256r1");

  private static ECDomainParameters domain(String name) {
    X9ECParameters x9 = CustomNamedCurves.getByName(name);
    return new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH(), x9.getSeed());
  }

  /** A uniformly random scalar in [1, N-1]. */
  static BigInteger randomScalar(ECDomainParameters domain, SecureRandom random) {
    return BigIntegers.createRandomInRange(BigInteger.ONE, domain.getN().subtract(BigInteger.ONE), random);
  }

  static boolean validScalar(ECDomainParameters domain, BigInteger d) {
    return d.signum() > 0 && d.compareTo(domain.getN()) < 0;
  }
}
