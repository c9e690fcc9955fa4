package org.peerstore.internal;

import java.util.Random;
import org.peerstore.internal.codec.Multihash;
import org.peerstore.peer.PeerId;

/** Peer ids from random bytes, cheap in bulk (no key generation), for the tests here. */
final class TestPeerIds {
  private TestPeerIds() {}

  /** A sha2-256 peer id (34 multihash bytes) whose digest comes from {@code random}. */
  static PeerId sha256(Random random) {
    byte[] mh = new byte[34];
    random.nextBytes(mh);
    mh[0] = 0x12;
    mh[1] = 0x20;
    return PeerId.fromBytes(mh);
  }

  /** An identity peer id of {@code payload} random bytes (at most 42). */
  static PeerId identity(Random random, int payload) {
    byte[] data = new byte[payload];
    random.nextBytes(data);
    return PeerId.fromBytes(Multihash.identity(data));
  }
}
