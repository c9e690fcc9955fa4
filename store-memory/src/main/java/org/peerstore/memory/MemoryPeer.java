package org.peerstore.memory;

import java.util.Map;
import java.util.Set;
import org.peerstore.crypto.PrivKey;
import org.peerstore.crypto.PubKey;
import org.peerstore.internal.AddrState;
import org.peerstore.internal.AddrView;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;
import org.peerstore.record.PeerRecord;
import org.jspecify.annotations.Nullable;

/**
 * Everything stored about one peer (the memory store's per-peer state; written only through
 * {@link PeerWrites}).
 *
 * <p>Writers hold this object's monitor for the whole of a mutation. Readers take no lock: the
 * volatile fields always hold immutable values ({@link PublishedView}, keys, unmodifiable sets and
 * maps) that a writer replaces as a whole.
 */
final class MemoryPeer {

  /**
   * The addresses and the signed record as one immutable value, so that a reader sees both
   * from the same write.
   *
   * @param addrs the stored addresses
   * @param record the stored envelope, or null
   */
  record PublishedView(AddrView addrs, @Nullable Envelope record) {
    static final PublishedView EMPTY = new PublishedView(AddrView.EMPTY, null);
  }

  final PeerId id;

  // Guarded by this.
  final AddrState addrs = new AddrState();
  /** The stored signed record, or null. */
  @Nullable Envelope envelope;
  /** The record {@link #envelope} carries, or null. */
  @Nullable PeerRecord record;
  /** The expiry of this peer's live entry in the expiry queue; MAX_VALUE when none. */
  long scheduledExpiry = Long.MAX_VALUE;
  /** Set when the state was removed from the store's map; writers then retry with a new one. */
  boolean dead;
  /** Whether the id is in the write path's ordered set of peers (for paging). */
  boolean listed;

  volatile PublishedView view = PublishedView.EMPTY;
  volatile @Nullable PubKey pubKey;
  volatile @Nullable PrivKey privKey;
  volatile Set<String> protocols = Set.of();
  volatile Map<String, byte[]> metadata = Map.of();

  MemoryPeer(PeerId id) {
    this.id = id;
  }

  /** Stores {@code envelope} (null: none) and the record it carries (under the lock). */
  void setRecord(@Nullable Envelope envelope) {
    this.envelope = envelope;
    this.record = envelope == null ? null : envelope.peerRecord();
  }

  /** Publishes the addresses and record to readers (call after changing either). */
  void publishView() {
    view = addrs.isEmpty() && envelope == null
        ? PublishedView.EMPTY
        : new PublishedView(addrs.view(), envelope);
  }

  /** Whether nothing is stored in any book (latency is kept elsewhere). */
  boolean isEmpty() {
    return addrs.isEmpty() && envelope == null && pubKey == null && privKey == null
        && protocols.isEmpty() && metadata.isEmpty();
  }
}
