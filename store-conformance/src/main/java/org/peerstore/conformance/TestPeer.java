package org.peerstore.conformance;

import java.util.List;
import java.util.Objects;
import org.peerstore.crypto.KeyType;
import org.peerstore.crypto.Keys;
import org.peerstore.crypto.PrivKey;
import org.peerstore.crypto.PubKey;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;
import org.peerstore.record.PeerRecord;

/**
 * A peer made from a real key pair, for tests: its private key and its id.
 *
 * @param privKey the peer's private key
 * @param id the id derived from its public key
 */
public record TestPeer(PrivKey privKey, PeerId id) {

  /** Checks that neither part is null. */
  public TestPeer {
    Objects.requireNonNull(privKey, "privKey");
    Objects.requireNonNull(id, "id");
  }

  /** A peer with a freshly generated key of {@code type}. */
  public static TestPeer generate(KeyType type) {
    PrivKey priv = Keys.generate(type);
    return new TestPeer(priv, PeerId.fromPublicKey(priv.publicKey()));
  }

  /** A peer with a fresh Ed25519 key (cheap to make; its id inlines the public key). */
  public static TestPeer generate() {
    return generate(KeyType.ED25519);
  }

  /** The peer's public key. */
  public PubKey pubKey() {
    return privKey.publicKey();
  }

  /** A peer record of this peer with {@code seq} and {@code addrs}, signed by this peer. */
  public Envelope record(long seq, List<Multiaddr> addrs) {
    return Envelope.seal(new PeerRecord(id, seq, addrs), privKey);
  }

  /** {@code addr} followed by {@code /p2p/<this peer's id>}. */
  public Multiaddr withP2p(Multiaddr addr) {
    return addr.encapsulate(Multiaddr.fromString("/p2p/" + id));
  }
}
