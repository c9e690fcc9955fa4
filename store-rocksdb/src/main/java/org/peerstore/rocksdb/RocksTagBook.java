package org.peerstore.rocksdb;

import java.time.Clock;
import java.util.function.Consumer;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.peerstore.PeerstoreEvent;
import org.peerstore.internal.PeerTags;
import org.peerstore.internal.TagIndex;
import org.peerstore.internal.TagOps;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

/**
 * The tag book of the RocksDB store (docs/CONTRACT.md §15, docs/STORAGE.md "Tags"): the
 * {@code tags} column family on disk, the shared {@link TagIndex} in memory (loaded by one scan
 * when the store opens) and the shared {@link TagOps}. Reads ({@code tagInfo},
 * {@code isProtected}, {@code trimCandidates}) read only the index, never RocksDB.
 *
 * <p>Thread-safe. Every tag write is a {@link PeerMutation} given to the one write path
 * ({@link PeerWrites#write}), under the peer's lock: its entry goes into the batch, and the
 * index follows in {@link PeerMutation#committed} only after RocksDB accepted it, so a failed
 * write changes neither disk nor memory. {@code removePeer}'s tag part rides in the same batch
 * as the other books' ({@link #withRemoval}).
 */
final class RocksTagBook {
  private final StoreDb db;
  private final PeerWrites writes;
  private final TagIndex index = new TagIndex();
  private final TagOps ops;

  private RocksTagBook(StoreDb db, UseGuard guard, PeerWrites writes, Clock clock,
      Consumer<? super PeerstoreEvent> events) {
    this.db = db;
    this.writes = writes;
    this.ops = new TagOps(index, clock, guard::checkOpen, this::write, events);
  }

  /**
   * The book of {@code db}, its index loaded from the {@code tags} column family. Entries that
   * do not decode are counted in {@code corruption}, skipped and left on disk.
   *
   * @throws org.peerstore.StorageException if RocksDB fails
   */
  static RocksTagBook open(StoreDb db, UseGuard guard, PeerWrites writes, Clock clock,
      CorruptionLog corruption, Consumer<? super PeerstoreEvent> events) {
    RocksTagBook book = new RocksTagBook(db, guard, writes, clock, events);
    db.scan(ColumnFamily.TAGS, null, null, false, (k, v) -> {
      try {
        book.index.put(TagCodec.decodeKey(k), TagCodec.decode(v));
      } catch (CorruptValueException e) {
        corruption.report(ColumnFamily.TAGS, k, e);
      }
      return true;
    });
    return book;
  }

  /** The operations the facade delegates to. */
  TagOps ops() {
    return ops;
  }

  /** The in-memory state (stats, tests). */
  TagIndex index() {
    return index;
  }

  private void write(PeerId peer, TagOps.Change change) {
    writes.write(peer, new TagMutation(peer, change));
  }

  /** Puts {@code next} (null: delete) as {@code peer}'s entry into {@code batch}. */
  private void put(Batch batch, PeerId peer, @Nullable PeerTags next) {
    if (next == null) {
      batch.delete(ColumnFamily.TAGS, TagCodec.key(peer));
    } else {
      batch.put(ColumnFamily.TAGS, TagCodec.key(peer), TagCodec.value(next));
    }
  }

  /** One tag write of one peer; reads no other book. */
  private final class TagMutation implements PeerMutation {
    private final PeerId peer;
    private final TagOps.Change change;
    private @Nullable PeerTags next;

    TagMutation(PeerId peer, TagOps.Change change) {
      this.peer = peer;
      this.change = change;
    }

    @Override
    public int books() {
      return 0;
    }

    @Override
    public String what() {
      return "write tags";
    }

    @Override
    public boolean fillsCache() {
      return false;
    }

    @Override
    public @Nullable PeerState apply(PeerState old, Batch batch, long nowNanos, long room) {
      PeerTags stored = index.get(peer);
      next = change.apply(stored, nowNanos);
      if (next == stored) {
        return null;
      }
      put(batch, peer, next);
      return old;
    }

    @Override
    public void committed() {
      index.put(peer, next);
    }
  }

  /**
   * {@code removal} with the peer's tags removed in the same batch (its protections stay,
   * docs/CONTRACT.md §15).
   */
  PeerMutation withRemoval(PeerId peer, PeerMutation removal) {
    return new PeerMutation() {
      private @Nullable PeerTags next;
      private boolean tagsChanged;

      @Override
      public int books() {
        return removal.books();
      }

      @Override
      public String what() {
        return removal.what();
      }

      @Override
      public long wantedRoom(PeerState old) {
        return removal.wantedRoom(old);
      }

      @Override
      public void checkRoom(PeerState old, long room) {
        removal.checkRoom(old, room);
      }

      @Override
      public boolean takesRecordSlot(PeerState old) {
        return removal.takesRecordSlot(old);
      }

      @Override
      public boolean fillsCache() {
        return removal.fillsCache();
      }

      @Override
      public @Nullable PeerState apply(PeerState old, Batch batch, long nowNanos,
          long room) {
        PeerState s = removal.apply(old, batch, nowNanos, room);
        PeerTags stored = index.get(peer);
        next = TagOps.removePeer(stored);
        tagsChanged = next != stored;
        if (tagsChanged) {
          put(batch, peer, next);
        }
        return s != null ? s : tagsChanged ? old : null;
      }

      @Override
      public void committed() {
        removal.committed();
        if (tagsChanged) {
          index.put(peer, next);
        }
      }

      @Override
      public List<Multiaddr> inserted() {
        return removal.inserted();
      }
    };
  }

  /** Drops the index and the registrations (on close; the tags stay on disk). */
  void clear() {
    index.clear();
  }
}
