package org.peerstore.crypto;

/**
 * A private key of one of the libp2p {@link KeyType}s. Get one from {@link Keys#generate} or
 * {@link Keys#unmarshalPrivateKey(byte[])}.
 *
 * <p>{@code toString()} never shows key material (only the key type). Implementations are
 * immutable, value-equal on {@link #marshal()}, and thread-safe.
 */
public interface PrivKey {

  /**
   * The key type.
   *
   * @return the type
   */
  KeyType type();

  /**
   * The libp2p {@code PrivateKey} protobuf (the on-disk form), as go-libp2p writes it.
   *
   * @return a fresh copy of the protobuf bytes; treat as secret
   */
  byte[] marshal();

  /**
   * Signs {@code data} with this key type's scheme (docs/WIRE.md §2.2): RSA PKCS#1 v1.5 over
   * SHA-256, pure Ed25519, or ECDSA over SHA-256 as DER (low-S for secp256k1).
   *
   * @param data the message
   * @return the signature
   * @throws NullPointerException if {@code data} is null
   */
  byte[] sign(byte[] data);

  /**
   * The matching public key.
   *
   * @return the public key
   */
  PubKey publicKey();
}
