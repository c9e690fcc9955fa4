package org.peerstore.internal;

import java.util.Objects;
import org.peerstore.KeyMismatchException;
import org.peerstore.crypto.PrivKey;
import org.peerstore.crypto.PubKey;
import org.peerstore.peer.PeerId;

/**
 * The key book's admission rule (docs/CONTRACT.md §5), shared by every store: a key is accepted for
 * a peer only if the peer's id is derived from it. Stateless and thread-safe.
 */
public final class KeyRules {
  private KeyRules() {}

  /**
   * Checks that {@code k} is {@code p}'s public key.
   *
   * @throws KeyMismatchException if it is not
   * @throws NullPointerException if an argument is null
   */
  public static void checkPubKey(PeerId p, PubKey k) {
    Objects.requireNonNull(p, "peer id");
    Objects.requireNonNull(k, "public key");
    if (!p.matchesPublicKey(k)) {
      throw new KeyMismatchException("public key does not match peer id " + p);
    }
  }

  /**
   * Checks that {@code k} is {@code p}'s private key. The message never shows key material.
   *
   * @throws KeyMismatchException if it is not
   * @throws NullPointerException if an argument is null
   */
  public static void checkPrivKey(PeerId p, PrivKey k) {
    Objects.requireNonNull(p, "peer id");
    Objects.requireNonNull(k, "private key");
    if (!p.matchesPublicKey(k.publicKey())) {
      throw new KeyMismatchException("private key does not match peer id " + p);
    }
  }
}
