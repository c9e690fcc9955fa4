package org.peerstore.rocksdb;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.peerstore.StorageException;
import org.peerstore.crypto.PrivKey;
import org.peerstore.crypto.PubKey;
import org.peerstore.internal.AddrState;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * Where per-peer state lives: the Caffeine cache of decoded {@link PeerState}s in front of the
 * RocksDB column families, with the loading, decoding and write-through that keep them equal.
 *
 * <p><b>Reads.</b> With the cache on, a cached peer is answered from the cache alone (no
 * RocksDB call, no lock). On a miss the peer's lock is taken, the cache checked again, and all
 * of the peer's books are loaded and cached; a peer with nothing stored is cached too, as an
 * empty snapshot with its own (small) weight, so unknown peers are bounded by the same byte
 * budget, and Caffeine's frequency-based admission keeps a flood of one-off lookups from
 * displacing hot peers. With the cache off, a read loads just the books it needs with one
 * {@code multiGet}, which reads all column families at one consistent point in time.
 *
 * <p><b>Writes.</b> The caller holds the peer's lock and a {@link UseGuard.Use}, reads the
 * current state with {@link #forWrite}, builds one {@link WriteBatch} with the {@code put...}
 * methods, and calls {@link #commit}, which writes the batch and then replaces the cached
 * snapshot. Cache fills also hold the peer's lock, so a fill can never put back a state older
 * than a committed write.
 *
 * <p><b>Corruption.</b> A value that does not decode is reported to the {@link CorruptionLog}
 * and its book loads as empty, marked corrupt in the snapshot; it is not deleted.
 *
 * <p>Thread-safe under the locking protocol above.
 */
// "try": resources held only for their scope (a use of the store, a lock) are never read.
@SuppressWarnings("try")
final class PeerStates {

  private final StoreDb db;
  private final CorruptionLog corruption;
  private final StripedLocks locks;
  private final UseGuard guard;
  private final Cache<PeerId, PeerState> cache;
  private final LongAdder loads = new LongAdder();

  /**
   * @param cacheBytes the cache's budget in estimated heap bytes; 0 disables the cache
   */
  PeerStates(
      StoreDb db, CorruptionLog corruption, StripedLocks locks, UseGuard guard, long cacheBytes) {
    this.db = db;
    this.corruption = corruption;
    this.locks = locks;
    this.guard = guard;
    this.cache =
        cacheBytes == 0
            ? null
            : Caffeine.newBuilder()
                .maximumWeight(cacheBytes)
                .weigher((PeerId p, PeerState s) -> s.weight())
                // Maintenance (eviction) on the calling threads: a store starts no pool threads.
                .executor(Runnable::run)
                .build();
  }

  /** Whether the cache is on. */
  boolean cached() {
    return cache != null;
  }

  /** How many times peer state was loaded from RocksDB (for tests and diagnostics). */
  long loadCount() {
    return loads.sum();
  }

  /**
   * The state of {@code p} holding at least {@code books}, for a reader that holds no lock.
   * The caller has checked that the store is open.
   *
   * @throws IllegalStateException if the store was closed meanwhile
   * @throws StorageException if RocksDB fails
   */
  PeerState read(PeerId p, int books) {
    if (cache != null) {
      PeerState s = cache.getIfPresent(p);
      if (s != null) {
        return s;
      }
      try (UseGuard.Use use = guard.enter()) {
        ReentrantLock lock = locks.of(p);
        lock.lock();
        try {
          return forWrite(p, books);
        } finally {
          lock.unlock();
        }
      }
    }
    try (UseGuard.Use use = guard.enter()) {
      return load(p, books);
    }
  }

  /**
   * The state of {@code p} holding at least {@code books}, for a writer holding the peer's lock
   * and a use of the store. With the cache on, a miss loads and caches every book.
   *
   * @throws StorageException if RocksDB fails
   */
  PeerState forWrite(PeerId p, int books) {
    if (cache == null) {
      return load(p, books);
    }
    PeerState s = cache.getIfPresent(p);
    if (s == null) {
      s = load(p, PeerState.ALL);
      cache.put(p, s);
    }
    return s;
  }

  /** The cached state of {@code p}, or null (no RocksDB access, for the garbage collector). */
  PeerState cachedOrNull(PeerId p) {
    return cache == null ? null : cache.getIfPresent(p);
  }

  /**
   * Writes {@code batch} atomically and then makes {@code next} the cached state of {@code p}
   * (null: the peer is not cached and stays so). The caller holds the peer's lock and a use. If the write fails the cached
   * state is dropped, so the next read sees whatever RocksDB holds.
   *
   * @throws StorageException if RocksDB fails; nothing of the batch was applied
   */
  void commit(PeerId p, WriteBatch batch, PeerState next, String what) {
    try {
      db.write(batch, what);
    } catch (RuntimeException e) {
      if (cache != null) {
        cache.invalidate(p);
      }
      throw e;
    }
    if (cache != null && next != null) {
      cache.put(p, next);
    }
  }

  /**
   * Loads the books of {@code p} without caching them (for the garbage collector, which must
   * not fill the cache with cold peers). The caller holds the peer's lock and a use.
   *
   * @throws StorageException if RocksDB fails
   */
  PeerState loadUncached(PeerId p, int books) {
    return load(p, books);
  }

  /** The change in the number of stored record values when {@code old}'s becomes {@code next}. */
  static int recordDelta(PeerState old, Envelope next) {
    boolean before = old.record != null || old.isCorrupt(PeerState.RECORD_CORRUPT);
    return (next != null ? 1 : 0) - (before ? 1 : 0);
  }

  /** How many peers are cached (after pending evictions; 0 with the cache off). */
  long cachedCount() {
    if (cache == null) {
      return 0;
    }
    cache.cleanUp();
    return cache.estimatedSize();
  }

  /** Drops every cached state (on close). */
  void clear() {
    if (cache != null) {
      cache.invalidateAll();
      cache.cleanUp();
    }
  }

  // ------------------------------------------------------------------------------- batch ops

  /**
   * Adds to {@code batch} the change from {@code old}'s addresses and record to {@code next}
   * and {@code nextRecord}: the {@code addrs} value (deleted when empty), the expiry index
   * entry keyed on the earliest finite expiry (old one deleted, new one put), and the record
   * (deleted when null).
   */
  static void putAddrs(
      WriteBatch batch,
      StoreDb db,
      PeerId p,
      PeerState old,
      AddrState next,
      Envelope nextRecord) {
    byte[] id = p.toBytes();
    byte[] key = StoreKeys.peer(id);
    try {
      if (next.isEmpty()) {
        batch.delete(db.handle(ColumnFamily.ADDRS), key);
      } else {
        batch.put(db.handle(ColumnFamily.ADDRS), key, ValueCodec.encodeAddrs(next));
      }
      // When the stored value was corrupt its index entry is unknown; a stale one is dropped
      // by the garbage collector when it finds it does not match.
      long before = old.isCorrupt(PeerState.ADDRS) ? Long.MAX_VALUE : old.addrs.nextExpiry();
      long after = next.nextExpiry();
      if (before != after) {
        if (before != Long.MAX_VALUE) {
          batch.delete(db.handle(ColumnFamily.EXPIRY), StoreKeys.expiry(before, id));
        }
        if (after != Long.MAX_VALUE) {
          batch.put(db.handle(ColumnFamily.EXPIRY), StoreKeys.expiry(after, id), new byte[0]);
        }
      }
      if (nextRecord == null) {
        if (old.record != null || old.isCorrupt(PeerState.RECORD_CORRUPT)) {
          batch.delete(db.handle(ColumnFamily.RECORDS), key);
        }
      } else if (nextRecord != old.record) {
        batch.put(db.handle(ColumnFamily.RECORDS), key, nextRecord.marshal());
      }
    } catch (RocksDBException e) {
      throw StorageErrors.of("prepare an address write", e);
    }
  }

  /** The snapshot after {@link #putAddrs}. */
  static PeerState withAddrs(PeerState old, AddrState next, Envelope nextRecord) {
    int bytes = next.isEmpty() ? 0 : ValueCodec.encodeAddrs(next).length;
    int recordBytes = nextRecord == null ? 0 : nextRecord.marshal().length;
    return old.withAddrs(
        next, nextRecord, ValueCodec.addrsWeight(bytes, next.size(), recordBytes), 0);
  }

  // ------------------------------------------------------------------------------- loading

  private PeerState load(PeerId p, int books) {
    loads.increment();
    byte[] id = p.toBytes();
    byte[] peerKey = StoreKeys.peer(id);
    byte[] pubKey = StoreKeys.key(id, StoreKeys.KIND_PUBLIC);
    byte[] privKey = StoreKeys.key(id, StoreKeys.KIND_PRIVATE);
    List<ColumnFamily> cfs = new ArrayList<>(5);
    List<byte[]> keys = new ArrayList<>(5);
    if ((books & PeerState.ADDRS) != 0) {
      cfs.add(ColumnFamily.ADDRS);
      keys.add(peerKey);
      cfs.add(ColumnFamily.RECORDS);
      keys.add(peerKey);
    }
    if ((books & PeerState.KEYS) != 0) {
      cfs.add(ColumnFamily.KEYS);
      keys.add(pubKey);
      cfs.add(ColumnFamily.KEYS);
      keys.add(privKey);
    }
    if ((books & PeerState.PROTOCOLS) != 0) {
      cfs.add(ColumnFamily.PROTOCOLS);
      keys.add(peerKey);
    }
    List<byte[]> values = cfs.isEmpty() ? List.of() : db.multiGet(cfs, keys);
    PeerState s = PeerState.none();
    int i = 0;
    if ((books & PeerState.ADDRS) != 0) {
      s = decodeAddrs(s, p, peerKey, values.get(i), values.get(i + 1));
      i += 2;
    }
    if ((books & PeerState.KEYS) != 0) {
      s = decodeKeys(s, p, pubKey, values.get(i), privKey, values.get(i + 1));
      i += 2;
    }
    if ((books & PeerState.PROTOCOLS) != 0) {
      s = decodeProtocols(s, peerKey, values.get(i));
    }
    if ((books & PeerState.METADATA) != 0) {
      s = loadMetadata(s, peerKey);
    }
    return s;
  }

  private PeerState decodeAddrs(
      PeerState s, PeerId p, byte[] key, byte[] addrBytes, byte[] recordBytes) {
    AddrState addrs = new AddrState();
    int corrupt = 0;
    if (addrBytes != null) {
      try {
        addrs = ValueCodec.decodeAddrs(addrBytes);
      } catch (CorruptValueException e) {
        corruption.report(ColumnFamily.ADDRS, key, e);
        corrupt |= PeerState.ADDRS;
      }
    }
    Envelope record = null;
    if (recordBytes != null) {
      try {
        record = ValueCodec.decodeRecord(p, recordBytes);
      } catch (CorruptValueException e) {
        corruption.report(ColumnFamily.RECORDS, key, e);
        corrupt |= PeerState.RECORD_CORRUPT;
      }
    }
    int weight =
        ValueCodec.addrsWeight(
            corrupt == 0 && addrBytes != null ? addrBytes.length : 0,
            addrs.size(),
            record == null ? 0 : recordBytes.length);
    return s.withAddrs(addrs, record, weight, corrupt);
  }

  private PeerState decodeKeys(
      PeerState s, PeerId p, byte[] pubKey, byte[] pubBytes, byte[] privKey, byte[] privBytes) {
    PubKey pub = null;
    PrivKey priv = null;
    boolean corrupt = false;
    if (pubBytes != null) {
      try {
        pub = ValueCodec.decodePubKey(p, pubBytes);
      } catch (CorruptValueException e) {
        corruption.report(ColumnFamily.KEYS, pubKey, e);
        corrupt = true;
      }
    }
    if (privBytes != null) {
      try {
        priv = ValueCodec.decodePrivKey(p, privBytes);
      } catch (CorruptValueException e) {
        corruption.report(ColumnFamily.KEYS, privKey, e);
        corrupt = true;
      }
    }
    int weight =
        ValueCodec.keysWeight(
            pub == null ? 0 : pubBytes.length, priv == null ? 0 : privBytes.length);
    return s.withKeys(pub, priv, weight, corrupt);
  }

  private PeerState decodeProtocols(PeerState s, byte[] key, byte[] bytes) {
    if (bytes == null) {
      return s.withProtocols(Set.of(), 0, false);
    }
    try {
      Set<String> protocols = ValueCodec.decodeProtocols(bytes);
      return s.withProtocols(
          protocols, ValueCodec.protocolsWeight(bytes.length, protocols.size()), false);
    } catch (CorruptValueException e) {
      corruption.report(ColumnFamily.PROTOCOLS, key, e);
      return s.withProtocols(Set.of(), 0, true);
    }
  }

  private PeerState loadMetadata(PeerState s, byte[] peerKey) {
    Map<String, byte[]> metadata = new LinkedHashMap<>();
    int[] weight = {0};
    db.scan(
        ColumnFamily.METADATA,
        peerKey,
        StoreKeys.prefixEnd(peerKey),
        true,
        (k, v) -> {
          try {
            metadata.put(JavaStrings.decode(k, peerKey.length), v);
            weight[0] += ValueCodec.metadataEntryWeight(k.length - peerKey.length, v.length);
          } catch (CorruptValueException e) {
            corruption.report(ColumnFamily.METADATA, k, e);
          }
          return true;
        });
    return s.withMetadata(
        metadata.isEmpty() ? Map.of() : Collections.unmodifiableMap(metadata), weight[0]);
  }

  /** The weight of a metadata map (recomputed after a put). */
  static int metadataWeight(Map<String, byte[]> metadata) {
    int w = 0;
    for (Map.Entry<String, byte[]> e : metadata.entrySet()) {
      w += ValueCodec.metadataEntryWeight(e.getKey().length() * 2, e.getValue().length);
    }
    return w;
  }
}
