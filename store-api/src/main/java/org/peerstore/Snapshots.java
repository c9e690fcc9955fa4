package org.peerstore;

import java.util.Optional;
import org.peerstore.peer.PeerId;

/**
 * Reading and writing a peer's whole state at once, for moving data between stores (the
 * offline tool's export and import): {@link #snapshot} reads every book of a peer exactly as
 * stored, {@link #restore} replaces every book of a peer with a snapshot. Both stores
 * ({@code MemoryPeerstore}, {@code RocksPeerstore}) implement it, and a snapshot taken from one
 * restores into the other unchanged, ttls and absolute expiries included.
 *
 * <p>Thread-safety: implementations are thread-safe. A snapshot is one consistent moment of
 * the peer (taken under its lock); a restore is one atomic write of the peer, so readers and
 * other writers of that peer see it entirely or not at all. Calls after the store's
 * {@code close()} throw {@link IllegalStateException}.
 */
public interface Snapshots {

  /**
   * Every book of {@code peer} as stored: addresses with ttl and expiry (expired addresses not
   * yet collected included), signed record, keys, protocols, metadata encodings. A stored
   * value the store cannot read (damaged on disk) is left out, as every read treats it.
   *
   * @return the snapshot, or empty when nothing is stored for {@code peer} (latency alone does
   *     not count)
   * @throws NullPointerException if {@code peer} is null
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if the store could not read
   */
  Optional<PeerSnapshot> snapshot(PeerId peer);

  /**
   * Checks that {@link #restore} would accept {@code snapshot} in this store, without writing:
   * the protocol limit, the per-peer address cap, and the payload of metadata values whose type
   * this store has a codec for. (Global caps depend on what is stored when restoring and are
   * checked only then.)
   *
   * @throws TooManyProtocolsException if {@code snapshot} has more protocols than this store allows
   * @throws LimitExceededException if an address, the record, a protocol or a metadata key or
   *     value of {@code snapshot} exceeds an input bound of this store ({@link PeerstoreBuilder})
   * @throws IllegalArgumentException if {@code snapshot} has more unconnected addresses than the
   *     per-peer cap, or a metadata codec of this store rejects a value
   * @throws NullPointerException if {@code snapshot} is null
   * @throws IllegalStateException after {@code close()}
   */
  void checkRestore(PeerSnapshot snapshot);

  /**
   * Replaces every book of {@code snapshot.peer()} with the contents of {@code snapshot}, in one
   * atomic write: addresses get exactly the snapshot's ttls and expiries (no ttl arithmetic, no
   * eviction), the record, keys, protocols and metadata become the snapshot's, and books the
   * snapshot leaves empty are emptied. Latency is untouched. Addresses that were not stored
   * before are published to the peer's address streams, as an insertion would be. The record
   * was verified when the {@link org.peerstore.record.Envelope} was made and is checked again
   * to be the peer's (by {@link PeerSnapshot}'s constructor); keys likewise.
   *
   * <p>Metadata of a registered type whose type id this store has no codec for is kept as
   * stored bytes; until the codec is registered, reading it fails as reading any value of an
   * unknown type does.
   *
   * @throws TooManyProtocolsException if {@code snapshot} has more protocols than this store allows
   * @throws IllegalArgumentException as {@link #checkRestore}
   * @throws LimitExceededException as {@link #checkRestore} (nothing is written)
   * @throws PeerstoreException if a global cap ({@code maxUnconnectedAddrs},
   *     {@code maxSignedRecords}) would be exceeded; nothing is written
   * @throws NullPointerException if {@code snapshot} is null
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if the store could not write (nothing was written)
   */
  void restore(PeerSnapshot snapshot);

  /**
   * Stores {@code ban} exactly as given: its target, reason, creation time and expiry (no
   * duration arithmetic), replacing a ban of the same target, in one atomic write. A ban that
   * has expired by this store's clock is not stored (it would be collected at once), so a ban
   * exported and imported later ends when it would have ended in the original store.
   *
   * @return whether the ban was stored (false: it had expired)
   * @throws LimitExceededException if the reason exceeds {@link BanBook#MAX_REASON_BYTES}
   * @throws NullPointerException if {@code ban} is null
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if the store could not write (nothing was written)
   */
  boolean restoreBan(Ban ban);
}
