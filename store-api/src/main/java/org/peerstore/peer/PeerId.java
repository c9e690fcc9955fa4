package org.peerstore.peer;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.peerstore.InvalidKeyDataException;
import org.peerstore.InvalidPeerIdException;
import org.peerstore.crypto.Keys;
import org.peerstore.crypto.PubKey;
import org.peerstore.internal.codec.Base58;
import org.peerstore.internal.codec.CodecException;
import org.peerstore.internal.codec.Multihash;
import org.peerstore.internal.codec.PeerIdCodec;

/**
 * The identity of a peer: a multihash of its public key (docs/WIRE.md §3).
 *
 * <p>An identity multihash when the serialized public key is at most 42 bytes (Ed25519,
 * secp256k1), otherwise sha2-256. Only identity (digest ≤ 42 bytes) and sha2-256 (32-byte
 * digest) multihashes are accepted, so a {@code PeerId} can never hold garbage. Immutable,
 * value-equal on its bytes, ordered by unsigned byte comparison, thread-safe.
 */
public final class PeerId implements Comparable<PeerId> {
  private final byte[] bytes;
  private final int hash;
  // Racy single-check cache: Strings are immutable, so a data race only recomputes it.
  private @Nullable String base58;

  private PeerId(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  /**
   * The id of a public key: the identity multihash of {@code key.marshal()} when that is at most
   * 42 bytes, else its sha2-256 multihash.
   *
   * @throws NullPointerException if {@code key} is null
   */
  public static PeerId fromPublicKey(PubKey key) {
    Objects.requireNonNull(key, "key");
    byte[] protobuf = key.marshal();
    return new PeerId(
        protobuf.length <= PeerIdCodec.MAX_INLINE_KEY_LENGTH
            ? Multihash.identity(protobuf)
            : Multihash.sha256(protobuf));
  }

  /**
   * Parses binary peer id (a multihash; the array is copied).
   *
   * @throws InvalidPeerIdException if the bytes are not an accepted multihash
   * @throws NullPointerException if {@code bytes} is null
   */
  public static PeerId fromBytes(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    byte[] b = bytes.clone();
    try {
      PeerIdCodec.validate(b, 0, b.length);
    } catch (CodecException e) {
      throw new InvalidPeerIdException("invalid peer id bytes: " + e.getMessage(), e);
    }
    return new PeerId(b);
  }

  /**
   * Parses base58btc ({@code Qm…}, {@code 1…}) or CIDv1 libp2p-key text in any multibase.
   *
   * @throws InvalidPeerIdException if the text is neither
   * @throws NullPointerException if {@code text} is null
   */
  public static PeerId fromString(String text) {
    Objects.requireNonNull(text, "text");
    try {
      return new PeerId(PeerIdCodec.parseText(text));
    } catch (CodecException e) {
      throw new InvalidPeerIdException(
          "invalid peer id " + quote(text) + ": " + e.getMessage(), e);
    }
  }

  /** The multihash bytes (a copy). */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** The length of the multihash bytes ({@code toBytes().length}, without the copy). */
  public int byteLength() {
    return bytes.length;
  }

  /** CIDv1 (libp2p-key) text in base32, e.g. {@code bafzbei…}. */
  public String toCid() {
    return PeerIdCodec.toCid(bytes);
  }

  /**
   * Whether this id is the id of {@code key}.
   *
   * @throws NullPointerException if {@code key} is null
   */
  public boolean matchesPublicKey(PubKey key) {
    return equals(fromPublicKey(key));
  }

  /**
   * The public key inlined in an identity id; empty for sha2-256 ids, and empty when the inlined
   * bytes are not a valid {@code PublicKey} protobuf (such an id can be parsed, but no key has
   * it).
   */
  public Optional<PubKey> extractPublicKey() {
    if (bytes[0] != Multihash.IDENTITY) {
      return Optional.empty();
    }
    try {
      // Identity digests are at most 42 bytes, so the length varint is the single byte 1.
      return Optional.of(Keys.unmarshalPublicKey(Arrays.copyOfRange(bytes, 2, bytes.length)));
    } catch (InvalidKeyDataException e) {
      return Optional.empty();
    }
  }

  /** Orders by unsigned lexicographic comparison of the bytes. */
  @Override
  public int compareTo(PeerId other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  /** Equal when the multihash bytes are equal. */
  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof PeerId)) {
      return false;
    }
    PeerId other = (PeerId) o;
    return hash == other.hash && Arrays.equals(bytes, other.bytes);
  }

  /** A hash of the multihash bytes, computed once. */
  @Override
  public int hashCode() {
    return hash;
  }

  /** base58btc of the multihash bytes, computed once. */
  @Override
  public String toString() {
    String s = base58;
    if (s == null) {
      s = Base58.encode(bytes);
      base58 = s;
    }
    return s;
  }

  private static String quote(String s) {
    return "'" + (s.length() > 80 ? s.substring(0, 80) + "..." : s) + "'";
  }
}
