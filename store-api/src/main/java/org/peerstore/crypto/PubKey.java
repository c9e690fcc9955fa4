package org.peerstore.crypto;

/**
 * A public key of one of the libp2p {@link KeyType}s. Implementations are immutable and
 * value-equal on {@link #marshal()}; thread-safe.
 */
public interface PubKey {

  /** The key type. */
  KeyType type();

  /** The libp2p {@code PublicKey} protobuf, byte for byte as go-libp2p writes it. */
  byte[] marshal();

  /** The key data (the protobuf's {@code Data} field). */
  byte[] raw();

  /**
   * Verifies {@code signature} over {@code data} with this key type's scheme. Returns false for
   * a wrong or malformed signature; never throws for bad signature bytes.
   */
  boolean verify(byte[] data, byte[] signature);
}
