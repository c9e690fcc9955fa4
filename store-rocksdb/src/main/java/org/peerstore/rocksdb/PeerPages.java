package org.peerstore.rocksdb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.peerstore.PeerPage;
import org.peerstore.internal.PeerOrder;
import org.peerstore.peer.PeerId;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;

/**
 * {@code peers(after, limit)} of the RocksDB store (docs/CONTRACT.md §17): a merge of the
 * sorted key ranges of the per-peer column families that make a peer count in
 * {@code peers()} (addrs, keys, protocols, metadata), one iterator each, seeked past the
 * cursor, all reading one RocksDB snapshot, so a page is one consistent read. Framed keys
 * ({@code [len][id]}) sort in the peer order, so the smallest current key across the
 * iterators is the next peer. A page costs its peers (and what each of them holds in the
 * merged column families up to the first entry that counts), never a scan.
 *
 * <p>Thread-safe; the caller holds a use of the store.
 */
final class PeerPages {

  /** One merged column family and the check that makes its entry count. */
  record Source(ColumnFamily cf, PeerScans.ValueCheck check) {}

  private final StoreDb db;
  private final CorruptionLog corruption;
  private final List<Source> sources;

  PeerPages(StoreDb db, CorruptionLog corruption, List<Source> sources) {
    this.db = db;
    this.corruption = corruption;
    this.sources = List.copyOf(sources);
  }

  /** Up to {@code limit} peers after {@code after} (null: from the start). */
  PeerPage page(@Nullable PeerId after, int limit) {
    // The page reads a RocksDB snapshot: grouped writes still pending must be in it.
    db.flushPending();
    RocksDB rocks = db.rocks();
    List<Source> open = new ArrayList<>();
    for (Source s : sources) {
      if (db.has(s.cf())) {
        open.add(s);
      }
    }
    byte[] from = after == null ? null : StoreKeys.prefixEnd(StoreKeys.peer(after.toBytes()));
    if (after != null && from == null) {
      return new PeerPage(List.of(), null); // the last key there can be: nothing comes after
    }
    List<PeerId> out = new ArrayList<>(Math.min(limit + 1, 1024));
    Snapshot snapshot = rocks.getSnapshot();
    RocksIterator[] its = new RocksIterator[open.size()];
    try (ReadOptions options = new ReadOptions().setSnapshot(snapshot)) {
      try {
        for (int i = 0; i < its.length; i++) {
          its[i] = rocks.newIterator(db.handle(open.get(i).cf()), options);
          if (from == null) {
            its[i].seekToFirst();
          } else {
            its[i].seek(from);
          }
        }
        merge(open, its, limit, out);
        for (RocksIterator it : its) {
          it.status();
        }
      } finally {
        for (int i = its.length - 1; i >= 0; i--) {
          if (its[i] != null) {
            its[i].close();
          }
        }
      }
    } catch (RocksDBException e) {
      throw StorageErrors.of("page peers", e);
    } finally {
      rocks.releaseSnapshot(snapshot);
    }
    return PeerOrder.page(out, limit);
  }

  private void merge(List<Source> open, RocksIterator[] its, int limit, List<PeerId> out) {
    byte[][] heads = new byte[its.length][];
    while (out.size() <= limit) {
      byte[] min = null;
      for (int i = 0; i < its.length; i++) {
        heads[i] = head(open.get(i).cf(), its[i]);
        if (heads[i] != null && (min == null || Arrays.compareUnsigned(heads[i], min) < 0)) {
          min = heads[i];
        }
      }
      if (min == null) {
        return;
      }
      PeerId peer = peerOf(min);
      boolean counts = false;
      byte[] end = StoreKeys.prefixEnd(min);
      for (int i = 0; i < its.length; i++) {
        if (heads[i] == null || !Arrays.equals(heads[i], min)) {
          continue;
        }
        counts |= skipPeer(open.get(i), its[i], peer, min, end, counts);
      }
      if (counts && peer != null) {
        out.add(peer);
      }
    }
  }

  /**
   * Moves {@code it} past every key of the peer framed by {@code prefix}; returns whether one
   * of its entries counts (checked until one does unless {@code known}).
   */
  private boolean skipPeer(Source s, RocksIterator it, @Nullable PeerId peer, byte[] prefix,
      byte @Nullable [] end, boolean known) {
    boolean counts = known;
    while (it.isValid() && StoreKeys.startsWith(it.key(), prefix)) {
      if (!counts && peer != null) {
        byte[] k = it.key();
        try {
          counts = s.check().counts(peer, k, it.value());
        } catch (CorruptValueException e) {
          corruption.report(s.cf(), k, e);
        }
      }
      if (counts) {
        if (end == null) {
          it.seekToLast();
          it.next();
        } else {
          it.seek(end);
        }
        return true;
      }
      it.next();
    }
    return counts;
  }

  /** The framed peer prefix of {@code it}'s current key, skipping keys that frame none. */
  private byte @Nullable [] head(ColumnFamily cf, RocksIterator it) {
    while (it.isValid()) {
      byte[] k = it.key();
      try {
        byte[] id = StoreKeys.peerIdOf(k);
        return Arrays.copyOf(k, 1 + id.length);
      } catch (CorruptValueException e) {
        corruption.report(cf, k, e);
        it.next();
      }
    }
    return null;
  }

  private @Nullable PeerId peerOf(byte[] framed) {
    try {
      return PeerId.fromBytes(Arrays.copyOfRange(framed, 1, framed.length));
    } catch (RuntimeException e) {
      return null;
    }
  }
}
