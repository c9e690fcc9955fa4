package org.peerstore.tool.simulate;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import org.peerstore.crypto.KeyType;
import org.peerstore.crypto.Keys;
import org.peerstore.crypto.PrivKey;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;
import org.peerstore.record.PeerRecord;

/**
 * One simulated remote peer: an Ed25519 key pair derived from the simulation's seed and the
 * peer's number (so runs are repeatable), its listen addresses, and its first signed peer
 * record. Immutable and thread-safe.
 *
 * @param id the peer id
 * @param key the peer's private key (signs its records)
 * @param addrs its listen addresses (TCP and QUIC)
 * @param firstRecord its record with seq 1, signed
 */
record SimPeer(PeerId id, PrivKey key, List<Multiaddr> addrs, Envelope firstRecord) {

  /** Peer number {@code n} of the simulation seeded with {@code seed}. */
  static SimPeer make(long seed, int n) {
    SecureRandom random;
    try {
      random = SecureRandom.getInstance("SHA1PRNG");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA1PRNG", e);
    }
    // Seeding before the first use makes SHA1PRNG deterministic.
    random.setSeed(ByteBuffer.allocate(16).putLong(seed).putLong(n).array());
    PrivKey key = Keys.generate(KeyType.ED25519, random);
    PeerId id = PeerId.fromPublicKey(key.publicKey());
    String ip = "10." + ((n >> 16) & 0xff) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
    int port = 4001 + (n >>> 24);
    List<Multiaddr> addrs = List.of(
        Multiaddr.fromString("/ip4/" + ip + "/tcp/" + port),
        Multiaddr.fromString("/ip4/" + ip + "/udp/" + port + "/quic-v1"));
    return new SimPeer(id, key, addrs, record(id, key, addrs, 1));
  }

  /** This peer's record with {@code seq}, signed now. */
  Envelope record(long seq) {
    return record(id, key, addrs, seq);
  }

  private static Envelope record(PeerId id, PrivKey key, List<Multiaddr> addrs, long seq) {
    return Envelope.seal(new PeerRecord(id, seq, addrs), key);
  }
}
