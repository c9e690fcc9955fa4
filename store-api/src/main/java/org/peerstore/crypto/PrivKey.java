package org.peerstore.crypto;

/**
 * A private key of one of the libp2p {@link KeyType}s. {@code toString()} never shows key
 * material. Implementations are immutable and thread-safe.
 */
public interface PrivKey {

  /** The key type. */
  KeyType type();

  /** The libp2p {@code PrivateKey} protobuf (the on-disk form). */
  byte[] marshal();

  /** Signs {@code data} with this key type's scheme. */
  byte[] sign(byte[] data);

  /** The matching public key. */
  PubKey publicKey();
}
