package org.peerstore.peer;

import java.util.Optional;
import org.peerstore.InvalidPeerIdException;
import org.peerstore.crypto.PubKey;

/**
 * The identity of a peer: a multihash of its public key (WIRE.md §3).
 *
 * <p>An identity multihash when the serialized public key is at most 42 bytes (Ed25519,
 * secp256k1), otherwise sha2-256. Only identity (digest ≤ 42 bytes) and sha2-256 (32-byte
 * digest) multihashes are accepted, so a {@code PeerId} can never hold garbage. Immutable,
 * value-equal on its bytes, ordered by unsigned byte comparison, thread-safe.
 */
public final class PeerId implements Comparable<PeerId> {

  private PeerId() {
    throw new UnsupportedOperationException("not implemented");
  }

  /** The id of a public key. */
  public static PeerId fromPublicKey(PubKey key) {
    throw new UnsupportedOperationException("not implemented");
  }

  /**
   * Parses binary peer id (a multihash).
   *
   * @throws InvalidPeerIdException if the bytes are not an accepted multihash
   */
  public static PeerId fromBytes(byte[] bytes) {
    throw new UnsupportedOperationException("not implemented");
  }

  /**
   * Parses base58btc ({@code Qm…}, {@code 1…}) or CIDv1 libp2p-key text in any multibase.
   *
   * @throws InvalidPeerIdException if the text is neither
   */
  public static PeerId fromString(String text) {
    throw new UnsupportedOperationException("not implemented");
  }

  /** The multihash bytes (a copy). */
  public byte[] toBytes() {
    throw new UnsupportedOperationException("not implemented");
  }

  /** CIDv1 (libp2p-key) text in base32, e.g. {@code bafzbei…}. */
  public String toCid() {
    throw new UnsupportedOperationException("not implemented");
  }

  /** Whether this id is the id of {@code key}. */
  public boolean matchesPublicKey(PubKey key) {
    throw new UnsupportedOperationException("not implemented");
  }

  /** The public key inlined in an identity id; empty for sha2-256 ids. */
  public Optional<PubKey> extractPublicKey() {
    throw new UnsupportedOperationException("not implemented");
  }

  @Override
  public int compareTo(PeerId other) {
    throw new UnsupportedOperationException("not implemented");
  }

  /** base58btc of the multihash bytes. */
  @Override
  public String toString() {
    throw new UnsupportedOperationException("not implemented");
  }
}
