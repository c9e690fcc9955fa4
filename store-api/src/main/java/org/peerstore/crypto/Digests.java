package org.peerstore.crypto;

import org.bouncycastle.crypto.digests.SHA256Digest;

/** SHA-256 via Bouncy Castle's lightweight API. */
final class Digests {
  private Digests() {}

  static byte[] sha256(byte[] data) {
    SHA256Digest d = new SHA256Digest();
    d.update(data, 0, data.length);
    byte[] out = new byte[d.getDigestSize()];
    d.doFinal(out, 0);
    return out;
  }
}
