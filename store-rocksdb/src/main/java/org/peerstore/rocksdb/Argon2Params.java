package org.peerstore.rocksdb;

/**
 * The Argon2id cost parameters that derive a private key's encryption key from the store's
 * passphrase (docs/STORAGE.md, "Encrypted private keys"). Every encrypted value carries the
 * parameters it was made with, so a store reads values written with other parameters.
 *
 * <p>Decoding accepts only parameters within the bounds below, so that a damaged or crafted
 * value cannot make a read allocate gigabytes or run for minutes.
 *
 * @param memoryKiB memory cost in KiB ({@code m}), at least 8 per lane
 * @param iterations time cost ({@code t})
 * @param parallelism lanes ({@code p})
 */
record Argon2Params(int memoryKiB, int iterations, int parallelism) {

  /**
   * What new values are written with: OWASP's recommended Argon2id configuration
   * (m = 19 MiB, t = 2, p = 1), which takes tens of milliseconds per key on a current core.
   */
  static final Argon2Params DEFAULT = new Argon2Params(19 * 1024, 2, 1);

  /** Largest memory cost a stored value may ask for: 256 MiB. */
  static final int MAX_MEMORY_KIB = 256 * 1024;
  /** Largest time cost a stored value may ask for. */
  static final int MAX_ITERATIONS = 16;
  /** Largest number of lanes a stored value may ask for. */
  static final int MAX_PARALLELISM = 16;

  /**
   * Checks the bounds.
   *
   * @throws IllegalArgumentException naming the parameter out of range
   */
  Argon2Params {
    if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
      throw new IllegalArgumentException("Argon2 parallelism " + parallelism
          + " is outside 1.." + MAX_PARALLELISM);
    }
    if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
      throw new IllegalArgumentException("Argon2 memory " + Integer.toUnsignedString(memoryKiB)
          + " KiB is outside " + 8 * parallelism + ".." + MAX_MEMORY_KIB + " KiB");
    }
    if (iterations < 1 || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException("Argon2 iterations " + Integer.toUnsignedString(iterations)
          + " is outside 1.." + MAX_ITERATIONS);
    }
  }

  /** {@code m=19456 KiB, t=2, p=1}. */
  @Override
  public String toString() {
    return "m=" + memoryKiB + " KiB, t=" + iterations + ", p=" + parallelism;
  }
}
