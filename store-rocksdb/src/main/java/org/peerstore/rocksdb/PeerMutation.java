package org.peerstore.rocksdb;

import java.util.List;
import org.peerstore.multiaddr.Multiaddr;
import org.jspecify.annotations.Nullable;

/**
 * What one write of one peer changes: the only thing a book of the RocksDB store says about a
 * write. {@link PeerWrites#write} does everything around it (use guard, the peer's lock,
 * loading, the batch, the commit to RocksDB and the cache, the global caps, the expiry
 * watermark, error mapping, the address streams).
 *
 * <p>An instance serves one call and may keep what it learns for the caller (e.g. whether a
 * record was accepted); it is used by one thread only.
 */
interface PeerMutation {

  /** The books ({@link PeerState} bits) {@link #apply} reads from the old state. */
  int books();

  /** What the write does, for error messages ("add addresses"). */
  String what();

  /**
   * How many new unconnected addresses the change may add under the global address cap
   * (reserved before {@link #apply} and passed to it as its room).
   */
  default long wantedRoom(PeerState old) {
    return 0;
  }

  /**
   * Checks the room reserved for the change before anything else is reserved or written.
   *
   * @throws org.peerstore.PeerstoreException if the change needs more room than
   *     {@code room} and must not be made in part
   */
  default void checkRoom(PeerState old, long room) {}

  /**
   * Whether the change may store a signed record where {@code old} has none (a slot of the
   * record cap is reserved after {@link #checkRoom}).
   */
  default boolean takesRecordSlot(PeerState old) {
    return false;
  }

  /**
   * Whether the new state of a peer that is not cached enters the cache (false for garbage
   * collection, which must not push hot peers out for cold ones).
   */
  default boolean fillsCache() {
    return true;
  }

  /**
   * Puts the change into {@code batch} and returns the peer's state after it, or null when
   * nothing changes (then nothing may have been put). The returned state must be exact in
   * every book it changes: the global caps are counted from it and the cache holds it.
   *
   * @param room the unconnected addresses reserved under the global cap (see
   *     {@link #wantedRoom})
   */
  @Nullable PeerState apply(PeerState old, Batch batch, long nowNanos, long room);

  /**
   * Called once the batch is committed, still under the peer's lock (before the cache and the
   * caps settle nothing more): for a part that keeps state beside the cache (the tag index).
   */
  default void committed() {}

  /** The addresses to publish to the peer's address streams once committed. */
  default List<Multiaddr> inserted() {
    return List.of();
  }
}
