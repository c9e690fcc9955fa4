package org.peerstore.crypto;

/**
 * A public key of one of the libp2p {@link KeyType}s. Get one from
 * {@link Keys#unmarshalPublicKey(byte[])} or {@link PrivKey#publicKey()}.
 *
 * <p>Implementations are immutable, value-equal on {@link #marshal()}, and thread-safe.
 */
public interface PubKey {

  /**
   * The key type.
   *
   * @return the type
   */
  KeyType type();

  /**
   * The libp2p {@code PublicKey} protobuf, byte for byte as go-libp2p writes it (the bytes a
   * peer id is derived from).
   *
   * @return a fresh copy of the protobuf bytes
   */
  byte[] marshal();

  /**
   * The key data (the protobuf's {@code Data} field): raw Ed25519 key, compressed secp256k1
   * point, or DER SubjectPublicKeyInfo for RSA and ECDSA.
   *
   * @return a fresh copy of the key data
   */
  byte[] raw();

  /**
   * Verifies {@code signature} over {@code data} with this key type's scheme (docs/WIRE.md §2.2).
   * Returns false for a wrong or malformed signature; never throws for bad signature bytes.
   *
   * @param data the signed message
   * @param signature the signature bytes
   * @return whether the signature is valid
   * @throws NullPointerException if an argument is null
   */
  boolean verify(byte[] data, byte[] signature);
}
