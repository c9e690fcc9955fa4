package org.peerstore.crypto;

import java.security.MessageDigest;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Shared state of the private key implementations: the marshalled protobuf (the canonical,
 * on-disk form) and the matching public key. Equality is on the protobuf bytes (compared in
 * constant time); {@link #toString()} shows only the key type. Immutable, thread-safe.
 */
abstract class AbstractPrivKey implements PrivKey {
  private final KeyType type;
  private final byte[] marshalled;
  private final PubKey publicKey;

  AbstractPrivKey(KeyType type, byte[] data, PubKey publicKey) {
    this.type = type;
    this.marshalled = KeyProtos.encodePrivate(type, data);
    this.publicKey = publicKey;
  }

  @Override
  public final KeyType type() {
    return type;
  }

  @Override
  public final byte[] marshal() {
    return marshalled.clone();
  }

  @Override
  public final PubKey publicKey() {
    return publicKey;
  }

  @Override
  public final byte[] sign(byte[] data) {
    Objects.requireNonNull(data, "data");
    return signChecked(data);
  }

  abstract byte[] signChecked(byte[] data);

  @Override
  public final boolean equals(@Nullable Object o) {
    return o instanceof AbstractPrivKey other && MessageDigest.isEqual(marshalled, other.marshalled);
  }

  @Override
  public final int hashCode() {
    // Hash the public half: equal private keys have equal public keys, and no secret leaks
    // through the hash code.
    return publicKey.hashCode();
  }

  /** Only the key type: private key material is never printed. */
  @Override
  public final String toString() {
    return "PrivKey[" + type + "]";
  }
}
