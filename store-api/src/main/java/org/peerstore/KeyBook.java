package org.peerstore;

import java.util.Optional;
import java.util.Set;
import org.peerstore.crypto.PrivKey;
import org.peerstore.crypto.PubKey;
import org.peerstore.peer.PeerId;

/** Public and private keys of peers (docs/CONTRACT.md §5). Thread-safe. */
public interface KeyBook {

  /** The stored public key, else the key inlined in an identity peer id, else empty. */
  Optional<PubKey> pubKey(PeerId peer);

  /**
   * Stores {@code peer}'s public key.
   *
   * @throws KeyMismatchException if {@code key} is not {@code peer}'s key
   */
  void addPubKey(PeerId peer, PubKey key);

  /** The stored private key, or empty. */
  Optional<PrivKey> privKey(PeerId peer);

  /**
   * Stores {@code peer}'s private key.
   *
   * @throws KeyMismatchException if {@code key} is not {@code peer}'s key
   */
  void addPrivKey(PeerId peer, PrivKey key);

  /** Peers with a public or a private key stored. */
  Set<PeerId> peersWithKeys();
}
