package org.peerstore.rocksdb;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.peerstore.peer.PeerId;

/**
 * Peer ids made of random sha2-256 multihashes, cheap in bulk (no key generation), for tests
 * that need many distinct peers. Stateless.
 */
final class RandomPeerIds {
  private RandomPeerIds() {}

  /** A peer id whose 32-byte digest comes from {@code random}. */
  static PeerId next(Random random) {
    byte[] mh = new byte[34];
    mh[0] = 0x12; // sha2-256
    mh[1] = 32;
    for (int i = 2; i < mh.length; i++) {
      mh[i] = (byte) random.nextInt();
    }
    return PeerId.fromBytes(mh);
  }

  /** {@code n} peer ids from a {@link Random} seeded with {@code seed}. */
  static List<PeerId> list(int n, long seed) {
    Random random = new Random(seed);
    List<PeerId> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(next(random));
    }
    return out;
  }
}
