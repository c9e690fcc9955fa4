package org.peerstore.rocksdb;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.peerstore.internal.PeerDials;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

/**
 * One write of a peer's dial history as a {@link PeerMutation} (docs/STORAGE.md, "Dial
 * history"): puts the peer's new {@code dials} value, or deletes it; optionally together with
 * another mutation of the same peer (the {@code removePeer} books, so that both go in one
 * batch). Reads no book of the peer's state (the history is in the {@code DialIndex}) and never
 * fills the cache.
 */
final class DialMutation implements PeerMutation {
  private final StoreDb db;
  private final byte[] key;
  private final @Nullable PeerDials next;
  private final @Nullable PeerMutation with;

  /**
   * The write of {@code next} (null: the deletion) as {@code peer}'s history, after
   * {@code with} (may be null) in the same batch.
   */
  DialMutation(StoreDb db, PeerId peer, @Nullable PeerDials next, @Nullable PeerMutation with) {
    this.db = db;
    this.key = DialCodec.key(peer);
    this.next = next;
    this.with = with;
  }

  @Override
  public int books() {
    return with == null ? 0 : with.books();
  }

  @Override
  public String what() {
    return with != null ? with.what() : next == null ? "delete dial history" : "record a dial";
  }

  @Override
  public boolean fillsCache() {
    return with != null && with.fillsCache();
  }

  @Override
  public long wantedRoom(PeerState old) {
    return with == null ? 0 : with.wantedRoom(old);
  }

  @Override
  public void checkRoom(PeerState old, long room) {
    if (with != null) {
      with.checkRoom(old, room);
    }
  }

  @Override
  public boolean takesRecordSlot(PeerState old) {
    return with != null && with.takesRecordSlot(old);
  }

  @Override
  public void committed() {
    if (with != null) {
      with.committed();
    }
  }

  @Override
  public List<Multiaddr> inserted() {
    return with == null ? List.of() : with.inserted();
  }

  @Override
  public @Nullable PeerState apply(PeerState old, Batch batch, long nowNanos, long room) {
    PeerState state = with == null ? null : with.apply(old, batch, nowNanos, room);
    if (next == null) {
      batch.delete(ColumnFamily.DIALS, key);
    } else {
      batch.put(ColumnFamily.DIALS, key, DialCodec.value(next));
    }
    return state == null ? old : state;
  }
}
