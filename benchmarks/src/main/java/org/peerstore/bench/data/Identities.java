package org.peerstore.bench.data;

import org.peerstore.crypto.KeyType;
import org.peerstore.crypto.Keys;
import org.peerstore.crypto.PrivKey;
import org.peerstore.peer.PeerId;

/**
 * Deterministic Ed25519 identities: the key of index {@code i} under seed {@code s} is always
 * the same, so a benchmark can regenerate any peer instead of holding all of them.
 *
 * <p>Stateless and thread-safe.
 */
public final class Identities {
  private Identities() {}

  /**
   * The Ed25519 private key number {@code index} of the family {@code seed}.
   *
   * @throws IllegalArgumentException if {@code index} is negative
   */
  public static PrivKey key(long seed, long index) {
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative: " + index);
    }
    return Keys.generate(KeyType.ED25519, new SeededRandom(mix(seed, index)));
  }

  /**
   * The peer id of {@link #key(long, long)}.
   *
   * @throws IllegalArgumentException if {@code index} is negative
   */
  public static PeerId peer(long seed, long index) {
    return PeerId.fromPublicKey(key(seed, index).publicKey());
  }

  private static long mix(long seed, long index) {
    // SplitMix64 finaliser of the pair, so neighbouring indices give unrelated streams.
    long z = seed * 0x9E3779B97F4A7C15L + index;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
