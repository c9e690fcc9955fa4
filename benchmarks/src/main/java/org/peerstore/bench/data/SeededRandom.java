package org.peerstore.bench.data;

import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * A {@link SecureRandom} whose bytes come from a seeded {@link SplittableRandom}: the same seed
 * always yields the same keys. For generating benchmark identities only; it is not secure.
 *
 * <p>Not thread-safe: one instance per generating thread.
 */
final class SeededRandom extends SecureRandom {
  private static final long serialVersionUID = 1L;

  private final transient SplittableRandom random;

  SeededRandom(long seed) {
    this.random = new SplittableRandom(seed);
  }

  @Override
  public void nextBytes(byte[] bytes) {
    int i = 0;
    while (i < bytes.length) {
      long v = random.nextLong();
      for (int b = 0; b < Long.BYTES && i < bytes.length; b++, i++) {
        bytes[i] = (byte) v;
        v >>>= 8;
      }
    }
  }

  @Override
  public int nextInt() {
    return random.nextInt();
  }

  @Override
  public long nextLong() {
    return random.nextLong();
  }
}
