package org.peerstore.crypto;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Shared state of the public key implementations: the key data and its marshalled protobuf,
 * with equality on the protobuf bytes. Immutable, thread-safe.
 */
abstract class AbstractPubKey implements PubKey {
  private final KeyType type;
  private final byte[] raw;
  private final byte[] marshalled;

  AbstractPubKey(KeyType type, byte[] raw) {
    this.type = type;
    this.raw = raw.clone();
    this.marshalled = KeyProtos.encodePublic(type, raw);
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
  public final byte[] raw() {
    return raw.clone();
  }

  @Override
  public final boolean verify(byte[] data, byte[] signature) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(signature, "signature");
    try {
      return verifyChecked(data, signature);
    } catch (RuntimeException e) {
      // Malformed signature bytes that slipped past our own checks into Bouncy Castle.
      return false;
    }
  }

  /** Type-specific verification; may throw on malformed input, which counts as "invalid". */
  abstract boolean verifyChecked(byte[] data, byte[] signature);

  @Override
  public final boolean equals(@Nullable Object o) {
    return o instanceof AbstractPubKey other && Arrays.equals(marshalled, other.marshalled);
  }

  @Override
  public final int hashCode() {
    return Arrays.hashCode(marshalled);
  }

  /** The type and, for short keys, the key data in hex; for long keys a SHA-256 fingerprint. */
  @Override
  public String toString() {
    String body = raw.length <= 33
        ? Hex.encode(raw)
        : "sha256:" + Hex.encode(Arrays.copyOf(Digests.sha256(marshalled), 8));
    return "PubKey[" + describe() + ", " + body + "]";
  }

  /** The type name for {@link #toString()}, e.g. {@code RSA-2048}. */
  String describe() {
    return type.name();
  }
}
