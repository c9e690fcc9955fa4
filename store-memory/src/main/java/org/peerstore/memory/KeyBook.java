package org.peerstore.memory;

import java.util.Collections;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.peerstore.crypto.PrivKey;
import org.peerstore.crypto.PubKey;
import org.peerstore.internal.KeyRules;
import org.peerstore.peer.PeerId;

/**
 * The key book of the memory store (docs/CONTRACT.md §5).
 * Thread-safe.
 */
final class KeyBook {
  private final PeerWrites writes;

  KeyBook(PeerWrites writes) {
    this.writes = writes;
  }

  Optional<PubKey> pubKey(PeerId peer) {
    writes.checkOpen();
    MemoryPeer state = writes.get(peer);
    PubKey key = state == null ? null : state.pubKey;
    return key != null ? Optional.of(key) : peer.extractPublicKey();
  }

  void addPubKey(PeerId peer, PubKey key) {
    writes.checkOpen();
    KeyRules.checkPubKey(peer, key);
    writes.write(peer, state -> state.pubKey = key);
  }

  Optional<PrivKey> privKey(PeerId peer) {
    writes.checkOpen();
    MemoryPeer state = writes.get(peer);
    return state == null ? Optional.empty() : Optional.ofNullable(state.privKey);
  }

  void addPrivKey(PeerId peer, PrivKey key) {
    writes.checkOpen();
    KeyRules.checkPrivKey(peer, key);
    writes.write(peer, state -> state.privKey = key);
  }

  Set<PeerId> peersWithKeys() {
    writes.checkOpen();
    Set<PeerId> out = new HashSet<>();
    for (MemoryPeer state : writes.all()) {
      if (state.pubKey != null || state.privKey != null) {
        out.add(state.id);
      }
    }
    return Collections.unmodifiableSet(out);
  }
}
