package org.peerstore.rocksdb;

import java.util.Map;
import java.util.Set;
import org.peerstore.crypto.PrivKey;
import org.peerstore.crypto.PubKey;
import org.peerstore.internal.AddrState;
import org.peerstore.record.Envelope;

/**
 * The decoded state of one peer, as the cache holds it: an immutable snapshot replaced as a
 * whole on every change (copy-on-write), so cache hits read it without any lock.
 *
 * <p>A snapshot may hold only some of the peer's books ({@link #loaded}): with the cache off a
 * call loads just the books it needs. Cached snapshots always hold all of them. A book whose
 * stored value was found corrupt is marked in {@link #corrupt} and holds its empty value.
 *
 * <p>The {@link AddrState} inside is never mutated once the snapshot is built: writers mutate
 * a {@link AddrState#copy() copy} under the peer's lock; lock-free readers use only the
 * immutable {@link #addrView}. Thread-safe.
 */
final class PeerState {

  /** Book bit: addresses and the signed record (loaded together: a record needs them). */
  static final int ADDRS = 1;
  /** Book bit: public and private key. */
  static final int KEYS = 2;
  /** Book bit: protocols. */
  static final int PROTOCOLS = 4;
  /** Book bit: metadata. */
  static final int METADATA = 8;
  /** Every book. */
  static final int ALL = ADDRS | KEYS | PROTOCOLS | METADATA;

  /** Corruption bit of the signed record (loaded with the {@link #ADDRS} book). */
  static final int RECORD_CORRUPT = 16;

  /** Estimated heap bytes of a snapshot besides its books' contents (entry, id, object). */
  static final int BASE_WEIGHT = 160;

  /** Which books this snapshot holds. */
  final int loaded;
  /** Which books had a corrupt stored value (and {@link #RECORD_CORRUPT} for the record). */
  final int corrupt;
  /** The addresses (empty when none); never mutated. */
  final AddrState addrs;
  /** Immutable view of {@link #addrs} for lock-free readers. */
  final AddrState.Snapshot addrView;
  /** The stored, verified signed record, or null. */
  final Envelope record;
  /** The stored public key, or null. */
  final PubKey pubKey;
  /** The stored private key, or null. */
  final PrivKey privKey;
  /** The protocols (unmodifiable). */
  final Set<String> protocols;
  /** Metadata value encodings by key (unmodifiable; the arrays are never modified). */
  final Map<String, byte[]> metadata;

  // Estimated heap bytes of each book's contents, for the cache's weigher.
  private final int addrsWeight;
  private final int keysWeight;
  private final int protocolsWeight;
  private final int metadataWeight;

  private PeerState(
      int loaded,
      int corrupt,
      AddrState addrs,
      Envelope record,
      int addrsWeight,
      PubKey pubKey,
      PrivKey privKey,
      int keysWeight,
      Set<String> protocols,
      int protocolsWeight,
      Map<String, byte[]> metadata,
      int metadataWeight) {
    this.loaded = loaded;
    this.corrupt = corrupt;
    this.addrs = addrs;
    this.addrView = addrs.snapshot();
    this.record = record;
    this.addrsWeight = addrsWeight;
    this.pubKey = pubKey;
    this.privKey = privKey;
    this.keysWeight = keysWeight;
    this.protocols = protocols;
    this.protocolsWeight = protocolsWeight;
    this.metadata = metadata;
    this.metadataWeight = metadataWeight;
  }

  /** A snapshot holding no book yet, to be filled by the {@code with...} methods. */
  static PeerState none() {
    return new PeerState(0, 0, new AddrState(), null, 0, null, null, 0, Set.of(), 0, Map.of(), 0);
  }

  /** Whether {@code book} is held. */
  boolean has(int book) {
    return (loaded & book) == book;
  }

  /** Whether the stored value of a book (or {@link #RECORD_CORRUPT}) was found corrupt. */
  boolean isCorrupt(int bit) {
    return (corrupt & bit) != 0;
  }

  /** Estimated heap bytes of this snapshot (the cache entry's weight). */
  int weight() {
    long w = (long) BASE_WEIGHT + addrsWeight + keysWeight + protocolsWeight + metadataWeight;
    return (int) Math.min(Integer.MAX_VALUE, w);
  }

  /**
   * This snapshot holding the addresses and record given ({@code corruptBits} among
   * {@link #ADDRS} and {@link #RECORD_CORRUPT}).
   */
  PeerState withAddrs(AddrState newAddrs, Envelope newRecord, int weight, int corruptBits) {
    return new PeerState(
        loaded | ADDRS,
        (corrupt & ~(ADDRS | RECORD_CORRUPT)) | corruptBits,
        newAddrs,
        newRecord,
        weight,
        pubKey,
        privKey,
        keysWeight,
        protocols,
        protocolsWeight,
        metadata,
        metadataWeight);
  }

  /** This snapshot holding the keys given. */
  PeerState withKeys(PubKey newPub, PrivKey newPriv, int weight, boolean corruptBook) {
    return new PeerState(
        loaded | KEYS,
        (corrupt & ~KEYS) | (corruptBook ? KEYS : 0),
        addrs,
        record,
        addrsWeight,
        newPub,
        newPriv,
        weight,
        protocols,
        protocolsWeight,
        metadata,
        metadataWeight);
  }

  /** This snapshot holding the protocols given. */
  PeerState withProtocols(Set<String> newProtocols, int weight, boolean corruptBook) {
    return new PeerState(
        loaded | PROTOCOLS,
        (corrupt & ~PROTOCOLS) | (corruptBook ? PROTOCOLS : 0),
        addrs,
        record,
        addrsWeight,
        pubKey,
        privKey,
        keysWeight,
        newProtocols,
        weight,
        metadata,
        metadataWeight);
  }

  /** This snapshot holding the metadata given. */
  PeerState withMetadata(Map<String, byte[]> newMetadata, int weight) {
    return new PeerState(
        loaded | METADATA,
        corrupt & ~METADATA,
        addrs,
        record,
        addrsWeight,
        pubKey,
        privKey,
        keysWeight,
        protocols,
        protocolsWeight,
        newMetadata,
        weight);
  }
}
