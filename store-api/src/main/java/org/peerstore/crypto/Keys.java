package org.peerstore.crypto;

import org.peerstore.InvalidKeyDataException;

/** Entry point for keys: generation and unmarshalling of the libp2p protobuf forms. */
public final class Keys {
  private Keys() {}

  /** Generates a fresh key pair (RSA 2048 bits, ECDSA on P-256). */
  public static PrivKey generate(KeyType type) {
    throw new UnsupportedOperationException("not implemented");
  }

  /**
   * Parses a {@code PublicKey} protobuf.
   *
   * @throws InvalidKeyDataException if the protobuf or key data is malformed
   */
  public static PubKey unmarshalPublicKey(byte[] bytes) {
    throw new UnsupportedOperationException("not implemented");
  }

  /**
   * Parses a {@code PrivateKey} protobuf.
   *
   * @throws InvalidKeyDataException if the protobuf or key data is malformed
   */
  public static PrivKey unmarshalPrivateKey(byte[] bytes) {
    throw new UnsupportedOperationException("not implemented");
  }
}
