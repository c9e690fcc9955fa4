package org.peerstore.rocksdb;

import java.util.Map;
import java.util.Set;
import org.peerstore.crypto.PubKey;
import org.peerstore.internal.AddrState;
import org.peerstore.internal.AddrView;
import org.peerstore.record.Envelope;
import org.jspecify.annotations.Nullable;

/**
 * The decoded state of one peer, as the cache holds it: an immutable value (but for the
 * cache's bookkeeping field {@link #seenEpoch}) replaced as a whole on every change
 * (copy-on-write), so cache hits read it without any lock.
 *
 * <p>A state may hold only some of the peer's books ({@link #loaded}): a call loads just the
 * books it needs (reading addresses then never verifies a signature or parses a private key),
 * and cached states too may hold only some; a book not loaded holds its empty value, so a
 * user must check {@link #has} first. A book whose stored value was found corrupt is marked in
 * {@link #corrupt} and holds its empty value.
 *
 * <p>The {@link AddrState} inside is never mutated once the state is built: writers mutate
 * a {@link AddrState#copy() copy} under the peer's lock; lock-free readers use only the
 * immutable {@link #addrView}. Thread-safe.
 */
final class PeerState {

  /** Book bit: addresses. */
  static final int ADDRS = 1;
  /** Book bit: the signed record. */
  static final int RECORD = 2;
  /** Book bit: the public key. */
  static final int PUB_KEY = 4;
  /** Book bit: the private key. */
  static final int PRIV_KEY = 8;
  /** Book bit: protocols. */
  static final int PROTOCOLS = 16;
  /** Book bit: metadata. */
  static final int METADATA = 32;
  /** Both keys. */
  static final int KEYS = PUB_KEY | PRIV_KEY;
  /** Every book. */
  static final int ALL = ADDRS | RECORD | KEYS | PROTOCOLS | METADATA;

  /**
   * Estimated heap bytes of a state besides its books' contents: the object, the peer id,
   * Caffeine's entry and the read map's entry (48 of the 208).
   */
  static final int BASE_WEIGHT = 208;

  private static final PeerState NONE =
      new PeerState(0, 0, new AddrState(), null, null, null, Set.of(), Map.of(), new int[6]);

  /** Which books this state holds. */
  final int loaded;
  /** Which books had a corrupt stored value. */
  final int corrupt;
  /** The addresses (empty when none); never mutated. */
  final AddrState addrs;
  /** Immutable view of {@link #addrs} for lock-free readers. */
  final AddrView addrView;
  /** The stored, verified signed record, or null. */
  final @Nullable Envelope record;
  /** The stored public key, or null. */
  final @Nullable PubKey pubKey;
  /** The stored private key (possibly still encrypted), or null. */
  final @Nullable StoredPrivKey privKey;
  /** The protocols (unmodifiable). */
  final Set<String> protocols;
  /** Metadata value encodings by key (unmodifiable; the arrays are never modified). */
  final Map<String, byte[]> metadata;

  /** Estimated heap bytes of each book's contents, indexed by the book bit's position. */
  private final int[] weights;

  /**
   * The cache epoch in which this state was last read or put ({@link PeerStates}); the one
   * mutable field, written without synchronisation on purpose: a lost or stale value only adds
   * or skips one access recorded with the cache's policy.
   */
  int seenEpoch;

  private PeerState(
      int loaded,
      int corrupt,
      AddrState addrs,
      Envelope record,
      PubKey pubKey,
      StoredPrivKey privKey,
      Set<String> protocols,
      Map<String, byte[]> metadata,
      int[] weights) {
    this.loaded = loaded;
    this.corrupt = corrupt;
    this.addrs = addrs;
    this.addrView = addrs.view();
    this.record = record;
    this.pubKey = pubKey;
    this.privKey = privKey;
    this.protocols = protocols;
    this.metadata = metadata;
    this.weights = weights;
  }

  /** A state holding no book yet, to be filled by the {@code with...} methods. */
  static PeerState none() {
    return NONE;
  }

  /** Whether every book of {@code books} is held. */
  boolean has(int books) {
    return (loaded & books) == books;
  }

  /** Whether the stored value of a book of {@code books} was found corrupt. */
  boolean isCorrupt(int books) {
    return (corrupt & books) != 0;
  }

  /** Estimated heap bytes of this state (the cache entry's weight). */
  int weight() {
    long w = BASE_WEIGHT;
    for (int x : weights) {
      w += x;
    }
    return (int) Math.min(Integer.MAX_VALUE, w);
  }

  /** This state holding {@code newAddrs}. */
  PeerState withAddrs(AddrState newAddrs, int weight, boolean corruptBook) {
    return new PeerState(loaded | ADDRS, corruptBits(ADDRS, corruptBook), newAddrs, record,
        pubKey, privKey, protocols, metadata, weighted(ADDRS, weight));
  }

  /** This state holding {@code newRecord} (null: none). */
  PeerState withRecord(@Nullable Envelope newRecord, int weight, boolean corruptBook) {
    return new PeerState(loaded | RECORD, corruptBits(RECORD, corruptBook), addrs, newRecord,
        pubKey, privKey, protocols, metadata, weighted(RECORD, weight));
  }

  /** This state holding {@code newPub} (null: none). */
  PeerState withPubKey(@Nullable PubKey newPub, int weight, boolean corruptBook) {
    return new PeerState(loaded | PUB_KEY, corruptBits(PUB_KEY, corruptBook), addrs, record,
        newPub, privKey, protocols, metadata, weighted(PUB_KEY, weight));
  }

  /** This state holding {@code newPriv} (null: none). */
  PeerState withPrivKey(@Nullable StoredPrivKey newPriv, int weight, boolean corruptBook) {
    return new PeerState(loaded | PRIV_KEY, corruptBits(PRIV_KEY, corruptBook), addrs, record,
        pubKey, newPriv, protocols, metadata, weighted(PRIV_KEY, weight));
  }

  /** This state holding {@code newProtocols}. */
  PeerState withProtocols(Set<String> newProtocols, int weight, boolean corruptBook) {
    return new PeerState(loaded | PROTOCOLS, corruptBits(PROTOCOLS, corruptBook), addrs,
        record, pubKey, privKey, newProtocols, metadata, weighted(PROTOCOLS, weight));
  }

  /** This state holding {@code newMetadata}. */
  PeerState withMetadata(Map<String, byte[]> newMetadata, int weight) {
    return new PeerState(loaded | METADATA, corruptBits(METADATA, false), addrs, record, pubKey,
        privKey, protocols, newMetadata, weighted(METADATA, weight));
  }

  /**
   * This state with every book {@code other} holds taken from {@code other} (value,
   * corruption mark and weight); the others as they are here.
   */
  PeerState withBooksOf(PeerState other) {
    int take = other.loaded;
    int[] w = weights.clone();
    for (int book = ADDRS; book <= METADATA; book <<= 1) {
      if ((take & book) != 0) {
        int i = Integer.numberOfTrailingZeros(book);
        w[i] = other.weights[i];
      }
    }
    return new PeerState(
        loaded | take,
        (corrupt & ~take) | (other.corrupt & take),
        (take & ADDRS) != 0 ? other.addrs : addrs,
        (take & RECORD) != 0 ? other.record : record,
        (take & PUB_KEY) != 0 ? other.pubKey : pubKey,
        (take & PRIV_KEY) != 0 ? other.privKey : privKey,
        (take & PROTOCOLS) != 0 ? other.protocols : protocols,
        (take & METADATA) != 0 ? other.metadata : metadata,
        w);
  }

  private int corruptBits(int book, boolean corruptBook) {
    return (corrupt & ~book) | (corruptBook ? book : 0);
  }

  private int[] weighted(int book, int weight) {
    int[] w = weights.clone();
    w[Integer.numberOfTrailingZeros(book)] = weight;
    return w;
  }
}
