package org.peerstore.rocksdb;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.peerstore.AddrInfo;
import org.peerstore.KeyProtectionException;
import org.peerstore.LimitExceededException;
import org.peerstore.PeerSnapshot;
import org.peerstore.Peerstore;
import org.peerstore.PeerstoreBuilder;
import org.peerstore.Snapshots;
import org.peerstore.StorageException;
import org.peerstore.crypto.PrivKey;
import org.peerstore.crypto.PubKey;
import org.peerstore.internal.AddrNormalizer;
import org.peerstore.internal.AddrState;
import org.peerstore.internal.AddrStreams;
import org.peerstore.internal.DaemonThreads;
import org.peerstore.internal.GlobalCaps;
import org.peerstore.internal.KeyRules;
import org.peerstore.internal.LatencyTracker;
import org.peerstore.internal.InputLimits;
import org.peerstore.internal.Limits;
import org.peerstore.internal.MetadataValues;
import org.peerstore.internal.ProtocolRules;
import org.peerstore.internal.RecordRules;
import org.peerstore.internal.Ttl;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;
import org.peerstore.record.PeerRecord;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * The persistent {@link Peerstore}: RocksDB column families (one per book, plus an expiry
 * index) behind a Caffeine cache of decoded per-peer state. Everything but latency and
 * address-stream subscriptions survives {@link #close()} and reopening, and a killed process:
 * a call that returned is in RocksDB's write-ahead log. The on-disk layout, the guarantees and
 * the tuning are described in {@code docs/STORAGE.md}.
 *
 * <pre>{@code
 * try (RocksPeerstore ps = RocksPeerstore.builder(Path.of("peerstore-data")).build()) {
 *   ps.addAddr(peer, addr, AddrTtl.ADDRESS);
 * }
 * }</pre>
 *
 * <p><b>Atomicity.</b> Every public mutation is one RocksDB write batch across all column
 * families it touches (addresses, expiry index, signed record, ...), made under the peer's
 * lock (striped), so neither a concurrent reader nor a crash ever sees half of it.
 *
 * <p><b>Reads.</b> With the cache on (default {@value Builder#DEFAULT_CACHE_SIZE_BYTES} bytes),
 * a read of a cached peer takes no lock and makes no RocksDB call. With the cache off
 * ({@code cacheSizeBytes(0)}) each read goes to RocksDB.
 *
 * <p><b>Input bounds.</b> The bounds every store shares ({@link PeerstoreBuilder}: envelope
 * size, addresses per record, multiaddr length, protocol length and count, metadata key and
 * value size) are checked before anything is written: a call exceeding one throws
 * {@link org.peerstore.LimitExceededException} and stores nothing.
 *
 * <p><b>Private keys at rest.</b> Without {@link Builder#privateKeyProtection} private keys are
 * stored unencrypted (the libp2p protobuf); with it they are stored encrypted (Argon2id and
 * AES-256-GCM) and reading one with a wrong or missing passphrase throws
 * {@link KeyProtectionException}.
 *
 * <p><b>Damaged data.</b> A value that cannot be decoded when read, or a signed record that no
 * longer verifies (records are re-verified every time they are loaded from disk), is treated as
 * absent, counted ({@link #corruptValueCount()}) and logged once per column family; it is never
 * deleted by a read. A later write of the same entry replaces it.
 *
 * <p><b>Background work.</b> Expired addresses are invisible at once; a daemon thread named
 * {@code peerstore-rocksdb-gc-N-1} removes them every {@code gcInterval} (default one minute;
 * zero disables it) by walking the expiry index, and {@link #collectGarbage()} does so on
 * demand. Address streams deliver on daemon threads named {@code peerstore-rocksdb-stream-N-M}.
 * {@link #close()} stops and joins all of them. Problems are logged through
 * {@link System.Logger} ({@code org.peerstore.rocksdb.RocksPeerstore}).
 *
 * <p>Thread-safe: every method may be called from any thread. Calls after {@link #close()}
 * throw {@link IllegalStateException}. Null arguments throw {@link NullPointerException} naming
 * the argument.
 */
// "try": resources held only for their scope (a use of the store, a lock) are never read.
@SuppressWarnings("try")
public final class RocksPeerstore implements Peerstore, Snapshots {
  private static final System.Logger LOG = System.getLogger(RocksPeerstore.class.getName());

  /** Lock stripes: enough that unrelated peers rarely share one. */
  private static final int LOCK_STRIPES = 1024;
  /** Longest wait for the background threads when closing. */
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
  /** Prefix of the garbage collection thread's name ({@code peerstore-rocksdb-gc-N-M}). */
  static final String GC_THREAD_PREFIX = "peerstore-rocksdb-gc-";
  /** Prefix of the address-stream threads' names ({@code peerstore-rocksdb-stream-N-M}). */
  static final String STREAM_THREAD_PREFIX = "peerstore-rocksdb-stream-";
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  /** Numbers this store's thread names (N in the prefixes above). */
  private final int instance = INSTANCES.incrementAndGet();
  private final Path dir;
  private final Clock clock;
  private final Limits limits;
  private final InputLimits inputLimits;
  private final MetadataValues metadataValues;
  private final UseGuard guard = new UseGuard();
  private final StripedLocks locks = new StripedLocks(LOCK_STRIPES);
  private final CorruptionLog corruption;
  private final StoreDb db;
  private final PeerStates states;
  private final GlobalCaps caps;
  private final PeerScans scans;
  private final ExpiryCollector collector;
  private final LatencyTracker latency = new LatencyTracker();
  private final AddrStreams streams;
  private final RocksSnapshots snapshots;
  private final DaemonThreads gcThreads = new DaemonThreads(GC_THREAD_PREFIX + instance + "-");
  private final ScheduledThreadPoolExecutor gcExecutor;
  private final AtomicBoolean gcFailureLogged = new AtomicBoolean();
  private final AtomicLong backgroundCollected = new AtomicLong();
  /** Encrypts private keys; null without {@code privateKeyProtection}. */
  private final KeyProtector protector;

  private RocksPeerstore(Settings settings) {
    this.dir = settings.dir();
    this.clock = settings.clock();
    this.limits = settings.limits();
    this.inputLimits = settings.inputLimits();
    this.metadataValues = settings.metadataValues();
    this.protector = settings.protector();
    this.corruption = new CorruptionLog(dir.toString());
    this.db = StoreDb.open(dir, settings.tuning(), settings.readOnly());
    try {
      this.caps = new GlobalCaps(limits);
      CapCounts.load(caps, db, corruption);
    } catch (RuntimeException | Error e) {
      db.close();
      throw e;
    }
    this.states = new PeerStates(db, corruption, locks, guard, settings.cacheSizeBytes());
    this.scans = new PeerScans(db, corruption);
    this.collector = new ExpiryCollector(db, states, locks, guard, caps, corruption);
    this.streams = new AddrStreams(STREAM_THREAD_PREFIX + instance + "-");
    this.snapshots = new RocksSnapshots(
        db, states, locks, guard, caps, limits, metadataValues, streams, protector);
    Duration interval = settings.gcInterval();
    if (interval.isZero() || settings.readOnly()) {
      this.gcExecutor = null;
    } else {
      this.gcExecutor = new ScheduledThreadPoolExecutor(1, gcThreads);
      long nanos = Ttl.toNanos(interval);
      gcExecutor.scheduleWithFixedDelay(this::backgroundGc, nanos, nanos, TimeUnit.NANOSECONDS);
    }
  }

  /** Everything a builder decided, read inside the builder (its getters are protected). */
  private record Settings(
      Path dir,
      Clock clock,
      Limits limits,
      InputLimits inputLimits,
      MetadataValues metadataValues,
      Duration gcInterval,
      long cacheSizeBytes,
      StoreTuning tuning,
      KeyProtector protector,
      boolean readOnly) {}

  /**
   * A builder of a store kept in {@code dir} (created if missing).
   *
   * @throws NullPointerException if {@code dir} is null
   */
  public static Builder builder(Path dir) {
    return new Builder(dir);
  }

  // ------------------------------------------------------------------------------ addresses

  /** {@inheritDoc} */
  @Override
  public void addAddr(PeerId p, Multiaddr a, Duration ttl) {
    guard.checkOpen();
    addAddrs(p, List.of(Objects.requireNonNull(a, "address")), ttl);
  }

  /** {@inheritDoc} */
  @Override
  public void addAddrs(PeerId p, Collection<Multiaddr> as, Duration ttl) {
    guard.checkOpen();
    checkArgs(p, as, ttl);
    inputLimits.checkAddrs(as);
    List<Multiaddr> addrs = AddrNormalizer.normalize(p, as);
    long ttlNanos = Ttl.toNanos(ttl);
    if (ttlNanos <= 0 || addrs.isEmpty()) {
      return;
    }
    long wanted = Ttl.isConnected(ttlNanos) ? 0 : addrs.size();
    changeAddrs(p, "add addresses", wanted,
        (state, old, now, room) -> state.add(addrs, ttlNanos, now, limits, room));
  }

  /** {@inheritDoc} */
  @Override
  public void setAddr(PeerId p, Multiaddr a, Duration ttl) {
    guard.checkOpen();
    setAddrs(p, List.of(Objects.requireNonNull(a, "address")), ttl);
  }

  /** {@inheritDoc} */
  @Override
  public void setAddrs(PeerId p, Collection<Multiaddr> as, Duration ttl) {
    guard.checkOpen();
    checkArgs(p, as, ttl);
    inputLimits.checkAddrs(as);
    List<Multiaddr> addrs = AddrNormalizer.normalize(p, as);
    long ttlNanos = Ttl.toNanos(ttl);
    if (addrs.isEmpty()) {
      return;
    }
    long wanted = ttlNanos <= 0 || Ttl.isConnected(ttlNanos) ? 0 : addrs.size();
    changeAddrs(p, "set addresses", wanted,
        (state, old, now, room) -> state.set(addrs, ttlNanos, now, limits, room));
  }

  /** {@inheritDoc} */
  @Override
  public void updateAddrs(PeerId p, Duration oldTtl, Duration newTtl) {
    guard.checkOpen();
    Objects.requireNonNull(p, "peer id");
    long oldNanos = Ttl.toNanos(Objects.requireNonNull(oldTtl, "oldTtl"));
    long newNanos = Ttl.toNanos(Objects.requireNonNull(newTtl, "newTtl"));
    // Only connected addresses downgraded to a finite ttl can need room.
    boolean downgrade = Ttl.isConnected(oldNanos) && newNanos > 0 && !Ttl.isConnected(newNanos);
    changeAddrs(p, "update addresses", downgrade ? ROOM_FOR_STORED : 0,
        (state, old, now, room) -> state.update(oldNanos, newNanos, now, limits, room));
  }

  /** {@inheritDoc} */
  @Override
  public List<Multiaddr> addrs(PeerId p) {
    guard.checkOpen();
    Objects.requireNonNull(p, "peer id");
    return states.read(p, PeerState.ADDRS).addrView.live(Ttl.nowNanos(clock));
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException after {@code close()}
   */
  @Override
  public Flow.Publisher<Multiaddr> addrStream(PeerId p) {
    guard.checkOpen();
    Objects.requireNonNull(p, "peer id");
    return streams.publisher(p, this::addrs);
  }

  /** {@inheritDoc} */
  @Override
  public void clearAddrs(PeerId p) {
    guard.checkOpen();
    Objects.requireNonNull(p, "peer id");
    changeAddrs(p, "clear addresses", 0, PeerState.RECORD, (state, old, now, room) -> {
      boolean anything =
          state.clear() > 0
              || old.record != null
              || old.isCorrupt(PeerState.ADDRS | PeerState.RECORD);
      return anything ? new AddrState.Change(List.of(), List.of(), true) : AddrState.Change.NONE;
    }, null);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Includes peers whose addresses have all expired but were not collected yet (as the
   * in-memory store does). A scan of the addresses column family.
   *
   * @return an unmodifiable copy
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if RocksDB fails
   */
  @Override
  public Set<PeerId> peersWithAddrs() {
    guard.checkOpen();
    Set<PeerId> peers = PeerScans.newSet();
    try (UseGuard.Use use = guard.enter()) {
      scans.collect(ColumnFamily.ADDRS, (p, k, v) -> ValueCodec.addrCount(v) > 0, peers);
    }
    return Collections.unmodifiableSet(peers);
  }

  // ------------------------------------------------------------------------ signed records

  /** {@inheritDoc} */
  @Override
  public boolean consumePeerRecord(Envelope e, Duration ttl) {
    guard.checkOpen();
    Objects.requireNonNull(ttl, "ttl");
    inputLimits.checkRecord(e);
    PeerRecord rec = RecordRules.check(e);
    PeerId p = rec.peerId();
    List<Multiaddr> addrs = AddrNormalizer.normalize(p, rec.addrs());
    long ttlNanos = Ttl.toNanos(ttl);
    boolean[] accepted = {false};
    changeAddrs(p, "store a signed record", addrs.size(), PeerState.RECORD,
        (state, old, now, room) -> {
      boolean stored = old.record != null;
      if (RecordRules.visible(stored, state, now)
          && !RecordRules.accepts(old.record.peerRecord().seq(), rec.seq())) {
        return AddrState.Change.NONE;
      }
      accepted[0] = true;
      AddrState.Change c = RecordRules.apply(
          state, stored ? old.record.peerRecord() : null, addrs, ttlNanos, now, limits, room);
      // The envelope itself changes even when no address does.
      return new AddrState.Change(c.inserted(), c.removed(), true);
    }, e);
    return accepted[0];
  }

  /** {@inheritDoc} */
  @Override
  public Optional<Envelope> peerRecord(PeerId p) {
    guard.checkOpen();
    Objects.requireNonNull(p, "peer id");
    PeerState s = states.read(p, PeerState.ADDRS | PeerState.RECORD);
    boolean visible = RecordRules.visible(s.record != null, s.addrView, Ttl.nowNanos(clock));
    return visible ? Optional.of(s.record) : Optional.empty();
  }

  // ------------------------------------------------------------------------------- keys

  /** {@inheritDoc} */
  @Override
  public Optional<PubKey> pubKey(PeerId p) {
    guard.checkOpen();
    Objects.requireNonNull(p, "peer id");
    PubKey stored = states.read(p, PeerState.PUB_KEY).pubKey;
    return stored != null ? Optional.of(stored) : p.extractPublicKey();
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if the store could not write
   */
  @Override
  public void addPubKey(PeerId p, PubKey k) {
    guard.checkOpen();
    KeyRules.checkPubKey(p, k);
    changeKeys(p, k, null);
  }

  /**
   * {@inheritDoc}
   *
   * <p>A key stored encrypted ({@link Builder#privateKeyProtection}) is decrypted on its first
   * read and then cached like any other value (with the cache off, every read decrypts again,
   * which costs an Argon2id derivation). A key stored unencrypted is returned also by a store
   * opened with a passphrase.
   *
   * @throws KeyProtectionException if the key is stored encrypted and the store was opened
   *     without a passphrase, with another passphrase, or the stored value was altered or
   *     belongs to another peer; only this read fails, the peer's other books stay readable
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if RocksDB fails
   */
  @Override
  public Optional<PrivKey> privKey(PeerId p) {
    guard.checkOpen();
    Objects.requireNonNull(p, "peer id");
    StoredPrivKey stored = states.read(p, PeerState.PRIV_KEY).privKey;
    return stored == null ? Optional.empty() : Optional.of(stored.key(protector));
  }

  /**
   * {@inheritDoc}
   *
   * <p>With {@link Builder#privateKeyProtection} the key is stored encrypted (fresh salt and
   * nonce; the Argon2id derivation takes tens of milliseconds and runs under the peer's lock).
   * Adding the key already stored writes nothing, except that a key stored unencrypted is
   * rewritten encrypted when the store has a passphrase.
   *
   * @throws KeyProtectionException if the store has no passphrase and the peer's private key
   *     is stored encrypted: it is never replaced by an unencrypted one (nothing is written)
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if the store could not write
   */
  @Override
  public void addPrivKey(PeerId p, PrivKey k) {
    guard.checkOpen();
    KeyRules.checkPrivKey(p, k);
    changeKeys(p, null, k);
  }

  /** {@inheritDoc} */
  @Override
  public Set<PeerId> peersWithKeys() {
    guard.checkOpen();
    Set<PeerId> peers = PeerScans.newSet();
    try (UseGuard.Use use = guard.enter()) {
      scans.collect(ColumnFamily.KEYS, this::keyCounts, peers);
    }
    return Collections.unmodifiableSet(peers);
  }

  // -------------------------------------------------------------------------- protocols

  /** {@inheritDoc} */
  @Override
  public Set<String> protocols(PeerId p) {
    guard.checkOpen();
    Objects.requireNonNull(p, "peer id");
    return states.read(p, PeerState.PROTOCOLS).protocols;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if the store could not write
   */
  @Override
  public void addProtocols(PeerId p, Collection<String> ps) {
    guard.checkOpen();
    Objects.requireNonNull(p, "peer id");
    inputLimits.checkProtocols(ps);
    changeProtocols(p, current -> ProtocolRules.add(current, ps, limits.maxProtocols()));
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if the store could not write
   */
  @Override
  public void setProtocols(PeerId p, Collection<String> ps) {
    guard.checkOpen();
    Objects.requireNonNull(p, "peer id");
    inputLimits.checkProtocols(ps);
    Set<String> next = ProtocolRules.set(ps, limits.maxProtocols());
    changeProtocols(p, current -> next);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if the store could not write
   */
  @Override
  public void removeProtocols(PeerId p, Collection<String> ps) {
    guard.checkOpen();
    Objects.requireNonNull(p, "peer id");
    Objects.requireNonNull(ps, "protocols");
    changeProtocols(p, current -> ProtocolRules.remove(current, ps));
  }

  /** {@inheritDoc} */
  @Override
  public List<String> supportsProtocols(PeerId p, Collection<String> ps) {
    guard.checkOpen();
    Objects.requireNonNull(ps, "protocols");
    return ProtocolRules.supports(protocols(p), ps);
  }

  /** {@inheritDoc} */
  @Override
  public Optional<String> firstSupportedProtocol(PeerId p, Collection<String> ps) {
    guard.checkOpen();
    Objects.requireNonNull(ps, "protocols");
    return ProtocolRules.firstSupported(protocols(p), ps);
  }

  // ---------------------------------------------------------------------------- metadata

  /** {@inheritDoc} */
  @Override
  public Optional<Object> get(PeerId p, String key) {
    guard.checkOpen();
    Objects.requireNonNull(p, "peer id");
    Objects.requireNonNull(key, "key");
    byte[] bytes;
    if (states.cached()) {
      bytes = states.read(p, PeerState.METADATA).metadata.get(key);
    } else {
      try (UseGuard.Use use = guard.enter()) {
        bytes = db.get(ColumnFamily.METADATA, StoreKeys.metadata(p.toBytes(), key));
      } catch (UnreadableEntryException e) {
        corruption.report(ColumnFamily.METADATA, StoreKeys.metadata(p.toBytes(), key),
            e.failure(0));
        return Optional.empty();
      }
    }
    if (bytes == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(metadataValues.decode(bytes));
    } catch (RuntimeException e) {
      corruption.report(ColumnFamily.METADATA, StoreKeys.metadata(p.toBytes(), key),
          new CorruptValueException("undecodable metadata value: " + e.getMessage(), e));
      return Optional.empty();
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if the store could not write
   */
  @Override
  public void put(PeerId p, String key, Object value) {
    guard.checkOpen();
    Objects.requireNonNull(p, "peer id");
    inputLimits.checkMetadataKey(key);
    byte[] bytes = metadataValues.encode(value);
    inputLimits.checkMetadataValue(bytes);
    byte[] dbKey = StoreKeys.metadata(p.toBytes(), key);
    try (UseGuard.Use use = guard.enter(); WriteBatch batch = new WriteBatch()) {
      batch.put(db.handle(ColumnFamily.METADATA), dbKey, bytes);
      ReentrantLock lock = locks.of(p);
      lock.lock();
      try {
        PeerState next = null;
        if (states.cached()) {
          PeerState old = states.forWrite(p, PeerState.METADATA);
          Map<String, byte[]> metadata = new LinkedHashMap<>(old.metadata);
          metadata.put(key, bytes);
          next = old.withMetadata(
              Collections.unmodifiableMap(metadata), PeerStates.metadataWeight(metadata));
        }
        states.commit(p, batch, next, "write metadata");
      } finally {
        lock.unlock();
      }
    } catch (RocksDBException e) {
      throw StorageErrors.of("prepare a metadata write", e);
    }
  }

  // ----------------------------------------------------------------------------- latency

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code sample} is negative
   * @throws IllegalStateException after {@code close()}
   */
  @Override
  public void recordLatency(PeerId p, Duration sample) {
    guard.checkOpen();
    latency.record(p, sample);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException after {@code close()}
   */
  @Override
  public Duration latencyEwma(PeerId p) {
    guard.checkOpen();
    return latency.ewma(p);
  }

  // -------------------------------------------------------------------------- peer level

  /** {@inheritDoc} */
  @Override
  public AddrInfo peerInfo(PeerId p) {
    guard.checkOpen();
    return new AddrInfo(p, addrs(p));
  }

  /**
   * {@inheritDoc}
   *
   * <p>A scan of the addresses, keys, protocols and metadata column families (records belong
   * to peers with addresses). Peers known only by a latency sample are not included; peers
   * whose addresses all expired count until they are collected (as in the in-memory store).
   *
   * @return an unmodifiable copy
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if RocksDB fails
   */
  @Override
  public Set<PeerId> peers() {
    guard.checkOpen();
    Set<PeerId> peers = PeerScans.newSet();
    try (UseGuard.Use use = guard.enter()) {
      scans.collect(ColumnFamily.ADDRS, (p, k, v) -> ValueCodec.addrCount(v) > 0, peers);
      scans.collect(ColumnFamily.KEYS, this::keyCounts, peers);
      scans.collect(
          ColumnFamily.PROTOCOLS, (p, k, v) -> !ValueCodec.decodeProtocols(v).isEmpty(), peers);
      scans.collect(ColumnFamily.METADATA, this::metadataCounts, peers);
    }
    return Collections.unmodifiableSet(peers);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if the store could not write
   */
  @Override
  public void removePeer(PeerId p) {
    guard.checkOpen();
    Objects.requireNonNull(p, "peer id");
    latency.remove(p);
    byte[] id = p.toBytes();
    try (UseGuard.Use use = guard.enter(); WriteBatch batch = new WriteBatch()) {
      ReentrantLock lock = locks.of(p);
      lock.lock();
      try {
        PeerState old = states.forWrite(p, PeerState.KEYS | PeerState.PROTOCOLS);
        if (old.pubKey != null || old.privKey != null || old.isCorrupt(PeerState.KEYS)) {
          batch.delete(db.handle(ColumnFamily.KEYS), StoreKeys.key(id, StoreKeys.KIND_PUBLIC));
          batch.delete(db.handle(ColumnFamily.KEYS), StoreKeys.key(id, StoreKeys.KIND_PRIVATE));
        }
        if (!old.protocols.isEmpty() || old.isCorrupt(PeerState.PROTOCOLS)) {
          batch.delete(db.handle(ColumnFamily.PROTOCOLS), StoreKeys.peer(id));
        }
        // Every metadata key of the peer, also one whose name does not decode.
        byte[] prefix = StoreKeys.peer(id);
        db.scan(ColumnFamily.METADATA, prefix, StoreKeys.prefixEnd(prefix), false, (k, v) -> {
          try {
            batch.delete(db.handle(ColumnFamily.METADATA), k);
          } catch (RocksDBException e) {
            throw StorageErrors.of("prepare a metadata delete", e);
          }
          return true;
        });
        if (batch.count() == 0) {
          return;
        }
        PeerState next = states.cached()
            ? old.withPubKey(null, 0, false)
                .withPrivKey(null, 0, false)
                .withProtocols(Set.of(), 0, false)
                .withMetadata(Map.of(), 0)
            : null;
        states.commit(p, batch, next, "remove a peer");
      } finally {
        lock.unlock();
      }
    } catch (RocksDBException e) {
      throw StorageErrors.of("prepare removing a peer", e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Walks the expiry index from its start up to now only.
   */
  @Override
  public long collectGarbage() {
    guard.checkOpen();
    return collector.collect(Ttl.nowNanos(clock));
  }

  /**
   * Stops the garbage collector, completes every address stream, syncs the write-ahead log and
   * releases every RocksDB resource (waiting for calls in flight). Idempotent.
   *
   * @throws StorageException if RocksDB reports a failure while closing (resources are
   *     released anyway)
   */
  @Override
  public void close() {
    guard.close(this::stopBackgroundWork, this::releaseResources);
  }

  // -------------------------------------------------------------------------- snapshots

  /**
   * {@inheritDoc}
   *
   * <p>Read under the peer's lock; values found corrupt on disk are left out, as every read
   * leaves them out. A private key stored encrypted is decrypted (see
   * {@link #snapshotEncrypted} to move it without decrypting).
   *
   * @throws KeyProtectionException if the peer's private key is stored encrypted and does not
   *     decrypt with this store's passphrase, or the store has none (it is never silently left
   *     out, which would lose it on a restore)
   */
  @Override
  public Optional<PeerSnapshot> snapshot(PeerId p) {
    return snapshots.snapshot(p);
  }

  /**
   * Like {@link #snapshot}, but a private key stored encrypted is returned exactly as stored,
   * never decrypted, so it works without the passphrase: what the offline tool exports.
   *
   * @return the peer's books, or empty when nothing is stored for it
   * @throws NullPointerException if {@code p} is null
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if RocksDB fails
   */
  public Optional<EncryptedSnapshot> snapshotEncrypted(PeerId p) {
    return snapshots.snapshotEncrypted(p);
  }

  /**
   * {@link #checkRestore(PeerSnapshot)} for a snapshot whose private key may be encrypted. With
   * a passphrase, an encrypted private key must decrypt with it (one Argon2id derivation);
   * without one, only its structure was checked (by {@link EncryptedPrivKey}).
   *
   * @throws KeyProtectionException if this store has a passphrase and the encrypted private key
   *     does not decrypt with it to the peer's key
   * @throws org.peerstore.LimitExceededException as {@link #checkRestore(PeerSnapshot)}
   * @throws IllegalArgumentException as {@link #checkRestore(PeerSnapshot)}
   * @throws NullPointerException if {@code s} is null
   * @throws IllegalStateException after {@code close()}
   */
  public void checkRestore(EncryptedSnapshot s) {
    inputLimits.checkSnapshot(Objects.requireNonNull(s, "snapshot").books());
    snapshots.checkRestore(s);
  }

  /**
   * {@link #restore(PeerSnapshot)} for a snapshot whose private key may be encrypted: an
   * encrypted private key is stored byte for byte as given (never re-encrypted; a store
   * without a passphrase cannot check that it is the peer's, a store with one checks that it
   * decrypts first), an unencrypted one as {@link #restore(PeerSnapshot)} stores it. One
   * atomic write.
   *
   * @throws KeyProtectionException as {@link #checkRestore(EncryptedSnapshot)} (nothing is
   *     written)
   * @throws org.peerstore.LimitExceededException as {@link #restore(PeerSnapshot)}
   * @throws IllegalArgumentException as {@link #restore(PeerSnapshot)}
   * @throws org.peerstore.PeerstoreException as {@link #restore(PeerSnapshot)}
   * @throws NullPointerException if {@code s} is null
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if the store could not write (nothing was written)
   */
  public void restore(EncryptedSnapshot s) {
    inputLimits.checkSnapshot(Objects.requireNonNull(s, "snapshot").books());
    if (s.encryptedPrivKey() == null) {
      snapshots.restore(s.books());
    } else {
      snapshots.restore(s);
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws org.peerstore.LimitExceededException if a part of {@code s} exceeds an input bound
   *     of this store (see {@link PeerstoreBuilder})
   */
  @Override
  public void checkRestore(PeerSnapshot s) {
    inputLimits.checkSnapshot(Objects.requireNonNull(s, "snapshot"));
    snapshots.checkRestore(s);
  }

  /**
   * {@inheritDoc}
   *
   * <p>One write batch across every column family of the peer (see docs/STORAGE.md). With
   * {@link Builder#privateKeyProtection} the snapshot's private key is stored encrypted.
   *
   * @throws org.peerstore.LimitExceededException if a part of {@code s} exceeds an input bound
   *     of this store (nothing is written)
   */
  @Override
  public void restore(PeerSnapshot s) {
    inputLimits.checkSnapshot(Objects.requireNonNull(s, "snapshot"));
    snapshots.restore(s);
  }

  // ----------------------------------------------------------------------------- extras

  /** The directory this store keeps its data in. */
  public Path directory() {
    return dir;
  }

  /**
   * How many corrupt or unverifiable stored entries reads have met since the store opened (each
   * time one is loaded; an entry met again after a cache eviction counts again).
   */
  public long corruptValueCount() {
    return corruption.total();
  }

  /** {@link #corruptValueCount()} by column family name; only non-zero counts appear. */
  public Map<String, Long> corruptValueCounts() {
    return corruption.byColumnFamily();
  }

  /**
   * What write-ahead log recovery dropped when this store was opened: non-zero after the log
   * was cut or damaged (a power loss, a full disk, a copied directory), when writes made before
   * the last close are lost (docs/STORAGE.md, "Write-ahead log recovery"). Also logged at
   * WARNING when it happens.
   */
  public WalRecovery walRecovery() {
    return db.walRecovery();
  }

  /** How many RocksDB reads, writes and scans this store made (for tests). */
  long rocksCallCount() {
    return db.callCount();
  }

  /** How many times peer state was loaded from RocksDB (for tests). */
  long loadCount() {
    return states.loadCount();
  }

  /** How many addresses the background collector removed (for tests). */
  long backgroundCollectedCount() {
    return backgroundCollected.get();
  }

  /** How many Argon2id key derivations ran (for tests; 0 without protection). */
  long keyDerivationCount() {
    return protector == null ? 0 : protector.derivationCount();
  }

  /** How many peers the cache holds now (for tests). */
  long cachedPeerCount() {
    return states.cachedCount();
  }

  /**
   * Whether the cache's read map holds exactly the entries its Caffeine policy holds (for
   * tests; true whenever no write is in flight).
   */
  boolean cacheMapsAgree() {
    return states.hotMatchesPolicy();
  }

  // ---------------------------------------------------------------------------- internals

  /** A change of one peer's address state; may read the peer's previous snapshot. */
  @FunctionalInterface
  private interface AddrChange {
    AddrState.Change apply(AddrState state, PeerState old, long nowNanos, long globalRoom);
  }

  /** A {@code wanted} room of {@link #changeAddrs}: as many as the peer has addresses. */
  private static final long ROOM_FOR_STORED = -1;

  private void changeAddrs(PeerId p, String what, long wanted, AddrChange change) {
    changeAddrs(p, what, wanted, 0, change, null);
  }

  /**
   * Applies {@code change} to a copy of {@code p}'s addresses and writes the result, the expiry
   * index and the record ({@code newRecord} if given; deleted when no address remains) in one
   * batch; then publishes the inserted addresses, after the peer's lock is released (as
   * {@link AddrStreams} requires). Room under the global caps is reserved before the change and
   * settled with what was committed ({@link GlobalCaps}).
   *
   * @param wanted how many new unconnected addresses the change may add, or
   *     {@link #ROOM_FOR_STORED}: as many as the peer has addresses (a downgrade)
   * @param books books the change reads besides the addresses (e.g. the record)
   * @throws LimitExceededException if {@code newRecord} would be a new record and the signed
   *     record cap is full (nothing is changed)
   */
  private void changeAddrs(PeerId p, String what, long wanted, int books, AddrChange change,
      Envelope newRecord) {
    // The record count of a global cap needs to know whether a record was stored.
    int needed = PeerState.ADDRS | books | (caps.counting() ? PeerState.RECORD : 0);
    AddrState.Change done;
    try (UseGuard.Use use = guard.enter()) {
      ReentrantLock lock = locks.of(p);
      lock.lock();
      try {
        PeerState old = states.forWrite(p, needed);
        boolean recordSlot = newRecord != null && old.record == null;
        if (recordSlot) {
          caps.reserveRecord();
        }
        AddrState next = old.addrs.copy();
        int before = next.unconnectedCount();
        long room =
            caps.reserveUnconnected(wanted == ROOM_FOR_STORED ? old.addrs.size() : wanted);
        boolean committed = false;
        try {
          done = change.apply(next, old, Ttl.nowNanos(clock), room);
          if (!done.modified()) {
            return;
          }
          try (WriteBatch batch = new WriteBatch()) {
            int addrBytes = PeerStates.putAddrs(batch, db, p, old, next, newRecord);
            states.commitAddrs(
                p, batch, states.afterAddrs(old, next, newRecord, addrBytes), next, what);
          }
          committed = true;
        } finally {
          caps.settleUnconnected(room, committed ? next.unconnectedCount() - before : 0);
          caps.adjustRecords(
              (committed ? PeerStates.recordDelta(old, next, newRecord) : 0)
                  - (recordSlot ? 1 : 0));
        }
      } finally {
        lock.unlock();
      }
    }
    streams.publish(p, done.inserted());
  }

  /** Stores {@code pub} or {@code priv} (exactly one is non-null) unless already stored. */
  private void changeKeys(PeerId p, PubKey pub, PrivKey priv) {
    byte[] id = p.toBytes();
    int book = pub != null ? PeerState.PUB_KEY : PeerState.PRIV_KEY;
    try (UseGuard.Use use = guard.enter(); WriteBatch batch = new WriteBatch()) {
      ReentrantLock lock = locks.of(p);
      lock.lock();
      try {
        PeerState old = states.forWrite(p, book);
        PeerState next;
        if (pub != null) {
          if (pub.equals(old.pubKey)) {
            return;
          }
          byte[] bytes = pub.marshal();
          batch.put(db.handle(ColumnFamily.KEYS), StoreKeys.key(id, StoreKeys.KIND_PUBLIC), bytes);
          next = old.withPubKey(pub, ValueCodec.keyWeight(bytes.length), false);
        } else {
          StoredPrivKey stored = storedPrivKey(p, priv, old.privKey);
          if (stored == null) {
            return;
          }
          byte[] bytes = stored.storedBytes();
          batch.put(db.handle(ColumnFamily.KEYS), StoreKeys.key(id, StoreKeys.KIND_PRIVATE), bytes);
          next = old.withPrivKey(stored, ValueCodec.keyWeight(bytes.length), false);
        }
        states.commit(p, batch, states.cached() ? next : null, "write a key");
      } finally {
        lock.unlock();
      }
    } catch (RocksDBException e) {
      throw StorageErrors.of("prepare a key write", e);
    }
  }

  /**
   * What to store for {@code p}'s private key {@code k} over {@code old}: null when nothing
   * needs writing (the same key stored the way this store writes keys), else {@code k}
   * encrypted when the store has a passphrase, unencrypted when not.
   *
   * @throws KeyProtectionException if the store has no passphrase and {@code old} is encrypted
   */
  private StoredPrivKey storedPrivKey(PeerId p, PrivKey k, StoredPrivKey old) {
    if (protector == null) {
      if (old != null && old.isEncrypted()) {
        throw new KeyProtectionException("private key of peer " + p + " is stored encrypted;"
            + " the store was opened without privateKeyProtection and does not replace it with"
            + " an unencrypted key");
      }
      return old != null && old.holdsPlain(k) ? null : StoredPrivKey.plain(p, k);
    }
    if (old != null && old.isEncrypted()) {
      try {
        if (Arrays.equals(old.key(protector).marshal(), k.marshal())) {
          return null;
        }
      } catch (KeyProtectionException undecryptable) {
        // Replaced by the caller's key, encrypted with this store's passphrase.
      }
    }
    return StoredPrivKey.forWrite(p, k, protector);
  }

  /** A protocol book change; throws (before anything is written) when over the limit. */
  @FunctionalInterface
  private interface ProtocolChange {
    Set<String> apply(Set<String> current);
  }

  private void changeProtocols(PeerId p, ProtocolChange change) {
    byte[] key = StoreKeys.peer(p.toBytes());
    try (UseGuard.Use use = guard.enter(); WriteBatch batch = new WriteBatch()) {
      ReentrantLock lock = locks.of(p);
      lock.lock();
      try {
        PeerState old = states.forWrite(p, PeerState.PROTOCOLS);
        Set<String> next = change.apply(old.protocols);
        // Order counts: protocols are kept in stored order (snapshots list them so), and
        // setProtocols of the same names in another order stores the new order.
        if (sameInOrder(next, old.protocols) && !old.isCorrupt(PeerState.PROTOCOLS)) {
          return;
        }
        byte[] bytes = null;
        if (next.isEmpty()) {
          batch.delete(db.handle(ColumnFamily.PROTOCOLS), key);
        } else {
          bytes = ValueCodec.encodeProtocols(next);
          batch.put(db.handle(ColumnFamily.PROTOCOLS), key, bytes);
        }
        int weight = bytes == null ? 0 : ValueCodec.protocolsWeight(bytes.length, next.size());
        states.commit(p, batch, states.cached() ? old.withProtocols(next, weight, false) : null,
            "write protocols");
      } finally {
        lock.unlock();
      }
    } catch (RocksDBException e) {
      throw StorageErrors.of("prepare a protocol write", e);
    }
  }

  /** Whether {@code a} and {@code b} hold the same protocols in the same order. */
  private static boolean sameInOrder(Set<String> a, Set<String> b) {
    if (a.size() != b.size()) {
      return false;
    }
    Iterator<String> other = b.iterator();
    for (String s : a) {
      if (!s.equals(other.next())) {
        return false;
      }
    }
    return true;
  }

  private boolean keyCounts(PeerId p, byte[] key, byte[] value) throws CorruptValueException {
    if (StoreKeys.keyKindOf(key) == StoreKeys.KIND_PUBLIC) {
      ValueCodec.decodePubKey(p, value);
    } else {
      StoredPrivKey.decode(p, value);
    }
    return true;
  }

  private boolean metadataCounts(PeerId p, byte[] key, byte[] value)
      throws CorruptValueException {
    try {
      metadataValues.decode(value);
      return true;
    } catch (RuntimeException e) {
      throw new CorruptValueException("undecodable metadata value: " + e.getMessage(), e);
    }
  }

  private static void checkArgs(PeerId p, Collection<Multiaddr> as, Duration ttl) {
    Objects.requireNonNull(p, "peer id");
    Objects.requireNonNull(as, "addresses");
    Objects.requireNonNull(ttl, "ttl");
  }

  private void backgroundGc() {
    try {
      long removed = collector.collect(Ttl.nowNanos(clock));
      backgroundCollected.addAndGet(removed);
      if (removed > 0) {
        LOG.log(Level.DEBUG, "peerstore {0}: removed {1} expired addresses", dir, removed);
      }
    } catch (IllegalStateException closing) {
      // The store is closing; the executor is being shut down.
    } catch (RuntimeException e) {
      if (gcFailureLogged.compareAndSet(false, true)) {
        LOG.log(Level.WARNING, "peerstore " + dir + ": background garbage collection failed"
            + " (later failures are not logged)", e);
      }
    }
  }

  private void stopBackgroundWork() {
    if (gcExecutor != null) {
      gcExecutor.shutdownNow();
      try {
        if (!gcExecutor.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
            || !gcThreads.joinAll(CLOSE_TIMEOUT)) {
          LOG.log(Level.WARNING, "peerstore {0}: garbage collector did not stop in time", dir);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    streams.close();
  }

  private void releaseResources() {
    states.clear();
    latency.clear();
    if (protector != null) {
      protector.destroy();
    }
    try {
      db.syncWal();
    } finally {
      db.close();
    }
  }

  /**
   * Options of a {@link RocksPeerstore}: the options every store shares (clock, limits, GC
   * interval, metadata codecs; see {@link PeerstoreBuilder}) plus cache, durability and RocksDB
   * tuning. Defaults: no global address or record cap (disk holds what memory cannot), a 64 MiB
   * cache, no fsync per write, a 32 MiB block cache, 10-bit bloom filters, 8 MiB memtables.
   * Not thread-safe.
   */
  public static final class Builder extends PeerstoreBuilder<Builder, RocksPeerstore> {
    /** Default budget of the decoded-state cache: 64 MiB. */
    public static final long DEFAULT_CACHE_SIZE_BYTES = 64L << 20;
    /** Default size of RocksDB's block cache: 32 MiB. */
    public static final long DEFAULT_BLOCK_CACHE_SIZE = 32L << 20;
    /** Default memtable size per column family: 8 MiB. */
    public static final long DEFAULT_WRITE_BUFFER_SIZE = 8L << 20;
    /** Default bloom filter bits per key (about 1% false positives). */
    public static final double DEFAULT_BLOOM_BITS_PER_KEY = 10;

    private final Path dir;
    private long cacheSizeBytes = DEFAULT_CACHE_SIZE_BYTES;
    private boolean syncWrites;
    private boolean readOnly;
    private long blockCacheSize = DEFAULT_BLOCK_CACHE_SIZE;
    private long writeBufferSize = DEFAULT_WRITE_BUFFER_SIZE;
    private double bloomBitsPerKey = DEFAULT_BLOOM_BITS_PER_KEY;
    private char[] passphrase;
    private Argon2Params keyParams = Argon2Params.DEFAULT;

    private Builder(Path dir) {
      super(0, 0);
      this.dir = Objects.requireNonNull(dir, "dir");
    }

    /**
     * Budget of the cache of decoded per-peer state, in estimated heap bytes; 0 disables the
     * cache (every read goes to RocksDB).
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder cacheSizeBytes(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("cacheSizeBytes must not be negative: " + bytes);
      }
      this.cacheSizeBytes = bytes;
      return this;
    }

    /**
     * Whether every write is fsynced before the call returns (power-loss durability; slower).
     * Without it a returned call is in the write-ahead log and survives a killed process, not
     * necessarily a power loss.
     */
    public Builder syncWrites(boolean sync) {
      this.syncWrites = sync;
      return this;
    }

    /**
     * Whether to open an existing store read-only (docs/STORAGE.md, "Read-only open"): RocksDB's
     * read-only open writes nothing to the directory, so a backup, a read-only mount, a full
     * disk or the directory of a running store (as of the open) can be read. Every mutation then
     * throws {@link StorageException}; background garbage collection is off; connected
     * addresses are shown as stored (docs/CONTRACT.md §11 applies to the next writable open).
     */
    public Builder readOnly(boolean readOnly) {
      this.readOnly = readOnly;
      return this;
    }

    /**
     * Size of RocksDB's LRU block cache shared by all column families, in bytes.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder blockCacheSize(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("blockCacheSize must not be negative: " + bytes);
      }
      this.blockCacheSize = bytes;
      return this;
    }

    /**
     * Memtable size of each column family, in bytes (at least 64 KiB).
     *
     * @throws IllegalArgumentException if smaller than 64 KiB
     */
    public Builder writeBufferSize(long bytes) {
      if (bytes < (64L << 10)) {
        throw new IllegalArgumentException("writeBufferSize must be at least 64 KiB: " + bytes);
      }
      this.writeBufferSize = bytes;
      return this;
    }

    /**
     * Bloom filter bits per key of the point-lookup column families (1 to 32).
     *
     * @throws IllegalArgumentException if out of range
     */
    public Builder bloomBitsPerKey(double bits) {
      if (!(bits >= 1 && bits <= 32)) {
        throw new IllegalArgumentException("bloomBitsPerKey must be within 1 and 32: " + bits);
      }
      this.bloomBitsPerKey = bits;
      return this;
    }

    /**
     * Stores private keys encrypted with {@code passphrase}: AES-256-GCM under a 256-bit key
     * derived by Argon2id (m = 19 MiB, t = 2, p = 1) from the passphrase's UTF-8 bytes, with a
     * fresh random salt and nonce per stored key, bound to the peer's id (docs/STORAGE.md,
     * "Encrypted private keys"). Without this option private keys are stored unencrypted.
     *
     * <p>Reads: {@link RocksPeerstore#privKey} decrypts a key on its first read and caches it;
     * if the store was opened with another passphrase (or the value was altered), that read
     * throws {@link KeyProtectionException}, and so does reading an encrypted key in a store
     * opened without this option. Only private-key reads fail: addresses, public keys,
     * protocols, metadata and records of the same peer stay readable. Keys stored unencrypted
     * (before protection was turned on) stay readable and are not rewritten by reads; adding
     * one again ({@code addPrivKey}) or any new key stores it encrypted. The passphrase is not
     * checked when the store opens (nothing stored tells a right one from a wrong one before a
     * key is decrypted).
     *
     * <p>The characters are copied: the builder and the store each keep a copy (the store
     * overwrites its copy on {@code close()}). The caller should clear its own array, e.g.
     * {@code Arrays.fill(passphrase, '\0')}, once the builder is built.
     *
     * @param passphrase the passphrase; not empty, valid UTF-16 (no unpaired surrogate)
     * @throws NullPointerException if {@code passphrase} is null
     * @throws IllegalArgumentException if it is empty or has an unpaired surrogate
     */
    public Builder privateKeyProtection(char[] passphrase) {
      Objects.requireNonNull(passphrase, "passphrase");
      KeyProtector.checkPassphrase(passphrase);
      if (this.passphrase != null) {
        Arrays.fill(this.passphrase, '\0');
      }
      this.passphrase = passphrase.clone();
      return this;
    }

    /** The Argon2id parameters new encrypted keys are written with (tests use cheap ones). */
    Builder keyProtectionParams(Argon2Params params) {
      this.keyParams = Objects.requireNonNull(params, "params");
      return this;
    }

    /**
     * Opens the store, creating the directory and database if missing.
     *
     * @throws StorageException if the directory is in use by another process, was written by a
     *     newer version of this library, or cannot be opened
     * @throws IllegalArgumentException if a registered metadata codec is invalid
     */
    @Override
    public RocksPeerstore build() {
      RocksPeerstore store = new RocksPeerstore(
          new Settings(
              dir,
              clock(),
              limits(),
              inputLimits(),
              metadataValues(),
              gcInterval(),
              cacheSizeBytes,
              new StoreTuning(blockCacheSize, bloomBitsPerKey, writeBufferSize, syncWrites),
              passphrase == null ? null
                  : new KeyProtector(passphrase, keyParams, new SecureRandom()),
              readOnly));
      // Connections do not outlive the process that held them (docs/CONTRACT.md §11).
      try {
        if (!readOnly) {
          StaleConnections.releaseOnOpen(store, store.db);
        }
      } catch (RuntimeException | Error e) {
        store.close();
        throw e;
      }
      return store;
    }
  }
}
