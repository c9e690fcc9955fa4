package org.peerstore.crypto;

import java.util.Optional;

/** The libp2p key types, with their protobuf enum numbers (docs/WIRE.md §2.1). Thread-safe. */
public enum KeyType {
  /** RSA, 2048 to 8192 bits, PKCS#1 v1.5 SHA-256 signatures. */
  RSA(0),
  /** Ed25519 (RFC 8032). */
  ED25519(1),
  /** ECDSA on secp256k1 over SHA-256, DER signatures, low-S when signing. */
  SECP256K1(2),
  /** ECDSA on P-256 over SHA-256, DER signatures. */
  ECDSA(3);

  private final int number;

  KeyType(int number) {
    this.number = number;
  }

  /** The protobuf enum number. */
  public int number() {
    return number;
  }

  /**
   * The key type with protobuf enum number {@code number}.
   *
   * @param number the enum number from a {@code PublicKey}/{@code PrivateKey} protobuf
   * @return the type, or empty for a number libp2p does not define
   */
  public static Optional<KeyType> forNumber(long number) {
    for (KeyType t : values()) {
      if (t.number == number) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
