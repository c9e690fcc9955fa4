package org.peerstore.rocksdb;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.peerstore.PeerPage;
import org.peerstore.internal.PeerOrder;
import org.peerstore.internal.ProtocolPeers;
import org.peerstore.peer.PeerId;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * The {@code protocol_index} column family (docs/STORAGE.md, "Protocol index"): one empty value
 * per (protocol, peer whose protocol set holds it), keyed
 * {@code [4-byte big-endian n][n bytes: the protocol, modified UTF-8][len][peer id]}, so the
 * peers of one protocol are adjacent and in the peer order (docs/CONTRACT.md §17).
 *
 * <p>Every write of a protocol set puts the index change into the same {@link Batch}
 * ({@link #update}), so after any crash the index agrees with the protocol sets. Stateless and
 * thread-safe; the caller holds a use of the store.
 */
final class ProtocolIndex {
  private static final byte[] EMPTY = new byte[0];
  /** Entries per batch while building the index at open. */
  private static final int BUILD_BATCH = 10_000;

  private ProtocolIndex() {}

  /** The start of every key of {@code protocol}: {@code [n][protocol]}. */
  static byte[] prefix(String protocol) {
    byte[] name = JavaStrings.encode(protocol);
    byte[] key = new byte[4 + name.length];
    key[0] = (byte) (name.length >>> 24);
    key[1] = (byte) (name.length >>> 16);
    key[2] = (byte) (name.length >>> 8);
    key[3] = (byte) name.length;
    System.arraycopy(name, 0, key, 4, name.length);
    return key;
  }

  /** The key of ({@code protocol}, peer {@code id}). */
  static byte[] key(String protocol, byte[] id) {
    return concat(prefix(protocol), StoreKeys.peer(id));
  }

  /**
   * The protocol of an index key.
   *
   * @throws CorruptValueException if the key is not laid out as {@link #key} writes it
   */
  static String protocolOf(byte[] key) throws CorruptValueException {
    int n = nameLength(key);
    return JavaStrings.decode(Arrays.copyOfRange(key, 4, 4 + n), 0);
  }

  /**
   * The peer id bytes of an index key.
   *
   * @throws CorruptValueException if the key is not laid out as {@link #key} writes it
   */
  static byte[] peerIdOf(byte[] key) throws CorruptValueException {
    int n = nameLength(key);
    byte[] framed = Arrays.copyOfRange(key, 4 + n, key.length);
    byte[] id = StoreKeys.peerIdOf(framed);
    if (framed.length != 1 + id.length) {
      throw new CorruptValueException("protocol index key has bytes after the peer id");
    }
    return id;
  }

  private static int nameLength(byte[] key) throws CorruptValueException {
    if (key.length < 4) {
      throw new CorruptValueException("protocol index key too short: " + key.length + " bytes");
    }
    int n = ((key[0] & 0xff) << 24) | ((key[1] & 0xff) << 16) | ((key[2] & 0xff) << 8)
        | (key[3] & 0xff);
    if (n < 0 || key.length < 4 + n + 2) {
      throw new CorruptValueException("protocol index key frames a protocol of " + n
          + " bytes but has " + key.length + " bytes in all");
    }
    return n;
  }

  /**
   * Puts into {@code batch} the index change of peer {@code id} going from {@code old}'s
   * protocols to {@code next}. When {@code old}'s protocol value did not decode, its index
   * entries are unknown: every entry of the peer is found by a walk of the index (rare: only
   * after corruption) and deleted first.
   */
  static void update(StoreDb db, Batch batch, byte[] id, PeerState old, Set<String> next) {
    if (!db.has(ColumnFamily.PROTOCOL_INDEX)) {
      return; // a read-only open of an older store: the write itself will fail
    }
    Set<String> before = old.protocols;
    if (old.isCorrupt(PeerState.PROTOCOLS)) {
      deleteAllOf(db, batch, id);
      before = Set.of();
    }
    for (String p : before) {
      if (!next.contains(p)) {
        batch.delete(ColumnFamily.PROTOCOL_INDEX, key(p, id));
      }
    }
    for (String p : next) {
      if (!before.contains(p)) {
        batch.put(ColumnFamily.PROTOCOL_INDEX, key(p, id), EMPTY);
      }
    }
  }

  private static void deleteAllOf(StoreDb db, Batch batch, byte[] id) {
    db.scan(ColumnFamily.PROTOCOL_INDEX, null, null, false, (k, v) -> {
      try {
        if (Arrays.equals(peerIdOf(k), id)) {
          batch.delete(ColumnFamily.PROTOCOL_INDEX, k);
        }
      } catch (CorruptValueException skip) {
        // verify reports it
      }
      return true;
    });
  }

  /** The peers with {@code protocol} (one consistent read of the index). */
  static Set<PeerId> peers(StoreDb db, PeerScans scans, CorruptionLog corruption,
      String protocol) {
    Set<PeerId> out = new HashSet<>();
    if (!db.has(ColumnFamily.PROTOCOL_INDEX)) {
      // A read-only open of a store older than the index: the protocol sets are read.
      scans.collect(ColumnFamily.PROTOCOLS,
          (p, k, v) -> ValueCodec.decodeProtocols(v).contains(protocol), out);
      return Collections.unmodifiableSet(out);
    }
    walk(db, corruption, protocol, null, Integer.MAX_VALUE, out);
    return Collections.unmodifiableSet(out);
  }

  /** One page of the peers with {@code protocol} after {@code after}. */
  static PeerPage page(StoreDb db, PeerScans scans, CorruptionLog corruption, String protocol,
      @Nullable PeerId after, int limit) {
    List<PeerId> out = new ArrayList<>();
    if (!db.has(ColumnFamily.PROTOCOL_INDEX)) {
      List<PeerId> all = new ArrayList<>(peers(db, scans, corruption, protocol));
      all.sort(PeerOrder.COMPARATOR);
      for (PeerId p : all) {
        if (after == null || PeerOrder.compare(p, after) > 0) {
          out.add(p);
        }
        if (out.size() > limit) {
          break;
        }
      }
      return PeerOrder.page(out, limit);
    }
    walk(db, corruption, protocol, after, limit + 1, out);
    return PeerOrder.page(out, limit);
  }

  private static void walk(StoreDb db, CorruptionLog corruption, String protocol,
      @Nullable PeerId after, int max, Collection<PeerId> into) {
    byte[] prefix = prefix(protocol);
    byte[] from = prefix;
    if (after != null) {
      byte[] last = key(protocol, after.toBytes());
      from = Arrays.copyOf(last, last.length + 1); // the smallest key after the cursor's
    }
    int[] n = {0};
    db.scan(ColumnFamily.PROTOCOL_INDEX, from, StoreKeys.prefixEnd(prefix), true, (k, v) -> {
      try {
        into.add(PeerId.fromBytes(peerIdOf(k)));
        n[0]++;
      } catch (CorruptValueException e) {
        corruption.report(ColumnFamily.PROTOCOL_INDEX, k, e);
      } catch (RuntimeException e) {
        corruption.report(ColumnFamily.PROTOCOL_INDEX, k,
            new CorruptValueException("key holds no valid peer id", e));
      }
      return n[0] < max;
    });
  }

  /**
   * The index as a {@link ProtocolPeers}, read with one walk of its keys (at open), or null when
   * the store has no index (a read-only open of an older store). An entry that does not decode
   * is counted in {@code corruption} and left out (verify reports it).
   */
  static @Nullable ProtocolPeers load(StoreDb db, CorruptionLog corruption) {
    if (!db.has(ColumnFamily.PROTOCOL_INDEX)) {
      return null;
    }
    ProtocolPeers peers = new ProtocolPeers();
    // One PeerId per peer, however many protocols it has.
    Map<ByteBuffer, PeerId> ids = new HashMap<>();
    db.scan(ColumnFamily.PROTOCOL_INDEX, null, null, false, (k, v) -> {
      try {
        String protocol = protocolOf(k);
        byte[] id = peerIdOf(k);
        PeerId peer = ids.computeIfAbsent(ByteBuffer.wrap(id), b -> PeerId.fromBytes(id));
        peers.add(protocol, peer);
      } catch (CorruptValueException e) {
        corruption.report(ColumnFamily.PROTOCOL_INDEX, k, e);
      } catch (RuntimeException e) {
        corruption.report(ColumnFamily.PROTOCOL_INDEX, k,
            new CorruptValueException("key holds no valid peer id", e));
      }
      return true;
    });
    return peers;
  }

  /** How many entries the index holds (a walk of its keys; for stats and tests). */
  static long size(StoreDb db) {
    long[] n = {0};
    db.scan(ColumnFamily.PROTOCOL_INDEX, null, null, false, (k, v) -> {
      n[0]++;
      return true;
    });
    return n[0];
  }

  /**
   * Builds the index from the protocol sets (the migration of a store older than schema 3,
   * docs/STORAGE.md "Opening a directory"): one walk of {@code protocols}, entries written in
   * batches. A value that does not decode is skipped ({@code verify} reports it).
   *
   * @return how many entries were written
   */
  static long build(StoreDb db) {
    long[] written = {0};
    WriteBatch[] batch = {new WriteBatch()};
    try {
      db.scan(ColumnFamily.PROTOCOLS, null, null, false, (k, v) -> {
        try {
          byte[] id = StoreKeys.peerIdOf(k);
          for (String p : ValueCodec.decodeProtocols(v)) {
            batch[0].put(db.handle(ColumnFamily.PROTOCOL_INDEX), key(p, id), EMPTY);
            written[0]++;
          }
          if (batch[0].count() >= BUILD_BATCH) {
            db.write(batch[0], "build the protocol index");
            batch[0].close();
            batch[0] = new WriteBatch();
          }
        } catch (CorruptValueException skip) {
          // verify reports it
        } catch (RocksDBException e) {
          throw StorageErrors.of("prepare the protocol index", e);
        }
        return true;
      });
      if (batch[0].count() > 0) {
        db.write(batch[0], "build the protocol index");
      }
    } finally {
      batch[0].close();
    }
    return written[0];
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
