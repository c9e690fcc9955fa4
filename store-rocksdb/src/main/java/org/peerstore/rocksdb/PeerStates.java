package org.peerstore.rocksdb;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.peerstore.StorageException;
import org.peerstore.internal.AddrState;
import org.peerstore.internal.Ttl;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;
import org.rocksdb.WriteBatch;
import org.jspecify.annotations.Nullable;

/**
 * Where per-peer state lives: the Caffeine cache of decoded {@link PeerState}s in front of the
 * RocksDB column families, with the loading, decoding and write-through that keep them equal.
 *
 * <p><b>Two maps, one content.</b> The states live in a plain {@link ConcurrentHashMap}
 * ({@code hot}), which every read consults: a hit is one hash lookup, as in the in-memory store.
 * The Caffeine cache holds the same entries and is the policy: it weighs them against the byte
 * budget, decides admission and eviction, and its eviction listener removes what it evicts from
 * {@code hot}. Every change goes to {@code hot} first and then to Caffeine (both under the
 * peer's lock), so an eviction racing with a write removes at most the older state, and
 * {@code hot} never keeps an entry Caffeine has dropped.
 *
 * <p><b>What the policy sees.</b> Caffeine learns of writes and fills from the puts, and of every
 * access made under the peer's lock. Of lock-free hits it learns once per <em>epoch</em>: the
 * epoch advances on every put (to any peer), and a hit is recorded with Caffeine (a lookup
 * there) only when its state has not been read since the epoch last advanced ({@link
 * PeerState#seenEpoch}). This is an approximation: eviction and admission happen only when a
 * put adds weight, and recency is kept to within one epoch (a peer read in it moves to the
 * front at its first read there, not its last), but a peer read a thousand times between two puts counts as often as one read once; a
 * peer's frequency becomes the number of epochs in which it was read. That still ranks
 * frequently read peers above one-off lookups ({@code CacheMapsTest}). While no put happens,
 * hits write nothing shared and cost one hash lookup; a Caffeine lookup on every hit cost about
 * twice the in-memory store's read (one more dependent load; see
 * {@code benchmarks/results/FINDINGS.md}).
 *
 * <p><b>Reads.</b> With the cache on, a cached peer whose state holds the books a read needs
 * is answered from the cache alone (no RocksDB call, no lock). Otherwise the peer's lock is
 * taken, the cache checked again, the missing books are loaded (added to the cached state,
 * if there is one) and the result is cached; a peer with nothing stored is cached too, as an
 * empty state with its own (small) weight, so unknown peers are bounded by the same byte
 * budget, and Caffeine's frequency-based admission keeps a flood of one-off lookups from
 * displacing hot peers. A read loads just the books it needs (both keys count as one book,
 * they share a column family): one {@code get} for one book, else one {@code multiGet}, which
 * reads all column families at one consistent point in time.
 *
 * <p><b>Partial states.</b> Cached states may hold only some books ({@link
 * PeerState#loaded}); every use of a cached state first checks {@link PeerState#has} for the
 * books it needs, so a book that was never loaded is never mistaken for an empty one. A write
 * to a peer that is not cached loads only the books the write needs (an address write never
 * opens the metadata iterator) and caches the state it commits, holding just those books.
 * This is safe because a state's books always equal what RocksDB holds: they change only
 * under the peer's lock, by a writer that commits the batch and then the state derived from
 * the same state, and books are added to a state under the same lock.
 *
 * <p><b>Writes.</b> Only {@link PeerWrites} writes: it holds the peer's lock and a
 * {@link UseGuard.Use}, reads the current state with {@link #forWrite}, lets a
 * {@link PeerMutation} fill one {@link Batch}, and calls {@link #commit}, which writes the
 * batch and then replaces the cached state. Cache fills also hold the peer's lock, so a fill can never put
 * back a state older than a committed write.
 *
 * <p><b>Corruption.</b> A value that does not decode is reported to the {@link CorruptionLog}
 * and its book loads as empty, marked corrupt in the state; it is not deleted.
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
  /** The cached states, read on every lookup; null with the cache off. */
  private final @Nullable ConcurrentHashMap<PeerId, PeerState> hot;
  /** The policy over the same entries (weights, admission, eviction); null with the cache off. */
  private final @Nullable Cache<PeerId, PeerState> cache;
  /**
   * Advances on every put into the cache. Racy increments may coalesce (the value still
   * changes), which only merges two epochs.
   */
  private volatile int epoch = 1;
  private final LongAdder loads = new LongAdder();
  /**
   * Lookups answered by a cached snapshot without loading (see {@link #cacheCounters}); null
   * unless hits are recorded: one increment on the lock-free hit path cost 10-20% of a hit
   * (docs/STORAGE.md, "Observability").
   */
  private final LongAdder hits;
  private final LongAdder evictions = new LongAdder();
  private final LongAdder evictedWeight = new LongAdder();
  private final ExpiryWatermark indexed = new ExpiryWatermark();
  /** Who has an address value, for loads under the peer's lock; null: read every book. */
  private volatile @Nullable AddrPeers addrKeys;
  /** Whether a peer without an address value is known to have no record either. */
  private volatile boolean recordsFollowAddrs;

  /** A cache of {@code cacheBytes} (0: off) that does not count its hits. */
  PeerStates(
      StoreDb db, CorruptionLog corruption, StripedLocks locks, UseGuard guard, long cacheBytes) {
    this(db, corruption, locks, guard, cacheBytes, false);
  }

  /**
   * @param cacheBytes the cache's budget in estimated heap bytes; 0 disables the cache
   * @param recordHits whether cache hits are counted (with the cache on)
   */
  PeerStates(StoreDb db, CorruptionLog corruption, StripedLocks locks, UseGuard guard,
      long cacheBytes, boolean recordHits) {
    this.hits = recordHits && cacheBytes != 0 ? new LongAdder() : null;
    this.db = db;
    this.corruption = corruption;
    this.locks = locks;
    this.guard = guard;
    if (cacheBytes == 0) {
      this.hot = null;
      this.cache = null;
    } else {
      ConcurrentHashMap<PeerId, PeerState> map = new ConcurrentHashMap<>();
      this.hot = map;
      this.cache =
          Caffeine.newBuilder()
              .maximumWeight(cacheBytes)
              .weigher((PeerId p, PeerState s) -> s.weight())
              // Runs atomically with the eviction of p; conditional, so a newer state that a
              // writer already put in hot stays (the writer puts it into Caffeine next).
              .evictionListener((PeerId p, PeerState s, RemovalCause c) -> {
                map.remove(p, s);
                evictions.increment();
                evictedWeight.add(s.weight());
              })
              // Maintenance (eviction) on the calling threads: a store starts no pool threads.
              .executor(Runnable::run)
              .build();
    }
  }

  /**
   * From now on, a load under the peer's lock skips the {@code addrs} read of a peer that
   * {@code keys} says has no address value, and, if {@code records}, its {@code records} read
   * too: a record is stored only beside an address value (an orphaned one is damage the
   * verifier reports; it is invisible either way, and a write storing a record replaces it).
   * Not with the global record cap counting, which counts such a record.
   */
  void knowAddrKeys(AddrPeers keys, boolean records) {
    this.recordsFollowAddrs = records;
    this.addrKeys = keys;
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
      PeerState s = hot.get(p);
      if (s != null && s.has(books)) {
        if (hits != null) {
          hits.increment();
        }
        int e = epoch;
        if (s.seenEpoch != e) {
          s.seenEpoch = e;
          cache.getIfPresent(p); // tells the policy of the read
        }
        return s;
      }
      try (UseGuard.Use use = guard.enter()) {
        ReentrantLock lock = locks.of(p);
        lock.lock();
        try {
          return forRead(p, books);
        } finally {
          lock.unlock();
        }
      }
    }
    try (UseGuard.Use use = guard.enter()) {
      return load(p, books, false);
    }
  }

  /**
   * The state of {@code p} holding at least {@code books}, for a reader holding the peer's lock
   * and a use of the store: like {@link #forWrite}, and with the cache on what was loaded is
   * cached.
   *
   * @throws StorageException if RocksDB fails
   */
  PeerState forRead(PeerId p, int books) {
    if (cache == null) {
      return load(p, books, true);
    }
    PeerState cached = hot.get(p);
    PeerState s = complete(p, cached, books);
    if (s != cached) {
      put(p, s);
    }
    return s;
  }

  /**
   * The state of {@code p} holding at least {@code books}, for a writer holding the peer's lock
   * and a use of the store. With the cache on, books the cached state lacks (all of
   * {@code books} on a miss) are loaded and added to it; the result is cached only when the
   * writer commits the state derived from it.
   *
   * @throws StorageException if RocksDB fails
   */
  PeerState forWrite(PeerId p, int books) {
    if (cache == null) {
      return load(p, books, true);
    }
    return complete(p, hot.get(p), books);
  }

  /** {@code cached} (may be null) with every book of {@code books} loaded. */
  private PeerState complete(PeerId p, @Nullable PeerState cached, int books) {
    // Both keys share a column family: load them together.
    int want = (books & PeerState.KEYS) != 0 ? books | PeerState.KEYS : books;
    if (cached == null) {
      return load(p, want, true);
    }
    if (cached.has(want)) {
      // A hit under the lock (a read racing with a fill, or a write that may change nothing):
      // recorded with the policy, as every such access was before the read map.
      if (hits != null) {
        hits.increment();
      }
      cache.getIfPresent(p);
      return cached;
    }
    return cached.withBooksOf(load(p, want & ~cached.loaded, true));
  }

  /** The cached state of {@code p}, or null (no RocksDB access, for the garbage collector). */
  @Nullable PeerState cachedOrNull(PeerId p) {
    return cache == null ? null : hot.get(p);
  }

  /** Where the writes of this store note the expiries they index (for the collector). */
  ExpiryWatermark indexed() {
    return indexed;
  }

  /**
   * Writes {@code batch} atomically and then makes {@code next} the cached state of {@code p}
   * (null: the peer is not cached and stays so). The caller holds the peer's lock and a use. If the write fails the cached
   * state is dropped, so the next read sees whatever RocksDB holds.
   *
   * @throws StorageException if RocksDB fails; nothing of the batch was applied
   */
  void commit(PeerId p, Batch batch, PeerState next, String what) {
    try {
      db.commit(batch, what);
    } catch (RuntimeException e) {
      if (cache != null) {
        hot.remove(p);
        cache.invalidate(p);
      }
      throw e;
    }
    if (cache != null && next != null) {
      put(p, next);
    }
  }

  /** Caches {@code s} as the state of {@code p}; the caller holds the peer's lock. */
  private void put(PeerId p, PeerState s) {
    int e = epoch + 1;
    epoch = e;
    // The put itself tells the policy of this access: the first hit in this epoch need not.
    s.seenEpoch = e;
    hot.put(p, s);
    cache.put(p, s);
  }

  /**
   * The cache's counters since the store opened. A <em>hit</em> is a lookup of a peer's state
   * (by a read, or by a write that reads the current state first) answered by the cached
   * snapshot alone: no RocksDB call. A <em>miss</em> is a lookup that loaded at least one book
   * from RocksDB (a peer not cached, or a cached snapshot lacking a book the call needs); with
   * the cache off every lookup is a miss. Hits are -1 unless recorded. Evictions are what the byte budget pushed out (not
   * invalidations after a failed write or on close).
   */
  RocksPeerstoreStats.CacheStats cacheCounters() {
    if (cache == null) {
      return new RocksPeerstoreStats.CacheStats(false, 0, loads.sum(), 0, 0, 0, 0, 0);
    }
    var eviction = cache.policy().eviction().orElseThrow();
    return new RocksPeerstoreStats.CacheStats(
        true,
        hits == null ? -1 : hits.sum(),
        loads.sum(),
        evictions.sum(),
        evictedWeight.sum(),
        cache.estimatedSize(),
        eviction.weightedSize().orElse(0),
        eviction.getMaximum());
  }

  /** How many peers are cached (after pending evictions; 0 with the cache off). */
  long cachedCount() {
    if (cache == null) {
      return 0;
    }
    cache.cleanUp();
    return cache.estimatedSize();
  }

  /**
   * Whether every entry of the read map is the entry Caffeine holds for the same peer; true
   * whenever no write is in flight (for tests).
   */
  boolean hotMatchesPolicy() {
    if (cache == null) {
      return true;
    }
    cache.cleanUp();
    if (cache.estimatedSize() != hot.size()) {
      return false;
    }
    for (Map.Entry<PeerId, PeerState> e : hot.entrySet()) {
      // Quietly: a check must not count as a read with the policy.
      if (cache.policy().getIfPresentQuietly(e.getKey()) != e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** Drops every cached state (on close). */
  void clear() {
    if (cache != null) {
      cache.invalidateAll();
      cache.cleanUp();
      hot.clear();
    }
  }

  // ------------------------------------------------------------------------------- loading

  /**
   * Loads {@code books} of {@code p}; {@code locked}: the caller holds the peer's lock, so what
   * {@link #knowAddrKeys} gave is exact and may spare reads.
   */
  private PeerState load(PeerId p, int books, boolean locked) {
    loads.increment();
    byte[] id = p.toBytes();
    byte[] peerKey = StoreKeys.peer(id);
    AddrPeers known = locked ? addrKeys : null;
    int absent = 0;
    if (known != null && (books & PeerState.ADDRS) != 0 && !known.stored(p)) {
      absent = PeerState.ADDRS | (recordsFollowAddrs ? PeerState.RECORD : 0);
      books &= ~absent;
    }
    List<ColumnFamily> cfs = new ArrayList<>(5);
    List<byte[]> keys = new ArrayList<>(5);
    List<Integer> order = new ArrayList<>(5);
    for (int book : new int[] {PeerState.ADDRS, PeerState.RECORD, PeerState.PUB_KEY,
        PeerState.PRIV_KEY, PeerState.PROTOCOLS}) {
      if ((books & book) != 0) {
        cfs.add(columnFamilyOf(book));
        keys.add(keyOf(book, id, peerKey));
        order.add(book);
      }
    }
    List<byte[]> values;
    UnreadableEntryException unreadable = null;
    try {
      if (cfs.size() == 1) {
        // One value: a plain get costs a fraction of multiGet's JNI list marshalling.
        values = Collections.singletonList(db.get(cfs.get(0), keys.get(0)));
      } else {
        values = cfs.isEmpty() ? List.of() : db.multiGet(cfs, keys);
      }
    } catch (UnreadableEntryException e) {
      unreadable = e;
      values = e.values();
    }
    PeerState s = PeerState.none();
    if ((absent & PeerState.ADDRS) != 0) {
      s = s.withAddrs(new AddrState(), 0, false);
    }
    if ((absent & PeerState.RECORD) != 0) {
      s = s.withRecord(null, 0, false);
    }
    for (int i = 0; i < order.size(); i++) {
      s = decode(s, p, order.get(i), keys.get(i), values.get(i),
          unreadable == null ? null : unreadable.failure(i));
    }
    if ((books & PeerState.METADATA) != 0) {
      s = loadMetadata(s, peerKey);
    }
    return s;
  }

  private static ColumnFamily columnFamilyOf(int book) {
    switch (book) {
      case PeerState.ADDRS:
        return ColumnFamily.ADDRS;
      case PeerState.RECORD:
        return ColumnFamily.RECORDS;
      case PeerState.PUB_KEY:
      case PeerState.PRIV_KEY:
        return ColumnFamily.KEYS;
      default:
        return ColumnFamily.PROTOCOLS;
    }
  }

  private static byte[] keyOf(int book, byte[] id, byte[] peerKey) {
    switch (book) {
      case PeerState.PUB_KEY:
        return StoreKeys.key(id, StoreKeys.KIND_PUBLIC);
      case PeerState.PRIV_KEY:
        return StoreKeys.key(id, StoreKeys.KIND_PRIVATE);
      default:
        return peerKey;
    }
  }

  /**
   * {@code s} holding {@code book} decoded from {@code bytes} (null: nothing stored), or marked
   * corrupt if {@code unreadable} says RocksDB could not read it.
   */
  private PeerState decode(PeerState s, PeerId p, int book, byte[] key, byte[] bytes,
      CorruptValueException unreadable) {
    try {
      if (unreadable != null) {
        throw unreadable;
      }
      switch (book) {
        case PeerState.ADDRS:
          if (bytes == null) {
            return s.withAddrs(new AddrState(), 0, false);
          }
          AddrState addrs = ValueCodec.decodeAddrs(bytes);
          return s.withAddrs(addrs, ValueCodec.addrsWeight(bytes.length, addrs.size()), false);
        case PeerState.RECORD:
          return bytes == null
              ? s.withRecord(null, 0, false)
              : s.withRecord(ValueCodec.decodeRecord(p, bytes),
                  ValueCodec.recordWeight(bytes.length), false);
        case PeerState.PUB_KEY:
          return bytes == null
              ? s.withPubKey(null, 0, false)
              : s.withPubKey(ValueCodec.decodePubKey(p, bytes),
                  ValueCodec.keyWeight(bytes.length), false);
        case PeerState.PRIV_KEY:
          return bytes == null
              ? s.withPrivKey(null, 0, false)
              : s.withPrivKey(StoredPrivKey.decode(p, bytes),
                  ValueCodec.keyWeight(bytes.length), false);
        default:
          if (bytes == null) {
            return s.withProtocols(Set.of(), 0, false);
          }
          Set<String> protocols = ValueCodec.decodeProtocols(bytes);
          return s.withProtocols(
              protocols, ValueCodec.protocolsWeight(bytes.length, protocols.size()), false);
      }
    } catch (CorruptValueException e) {
      corruption.report(columnFamilyOf(book), key, e);
      switch (book) {
        case PeerState.ADDRS:
          return s.withAddrs(new AddrState(), 0, true);
        case PeerState.RECORD:
          return s.withRecord(null, 0, true);
        case PeerState.PUB_KEY:
          return s.withPubKey(null, 0, true);
        case PeerState.PRIV_KEY:
          return s.withPrivKey(null, 0, true);
        default:
          return s.withProtocols(Set.of(), 0, true);
      }
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
