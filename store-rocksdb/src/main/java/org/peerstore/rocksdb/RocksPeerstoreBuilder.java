package org.peerstore.rocksdb;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import org.peerstore.KeyProtectionException;
import org.peerstore.PeerstoreBuilder;
import org.peerstore.StorageException;
import org.peerstore.internal.InputLimits;
import org.peerstore.internal.Limits;
import org.peerstore.internal.MetadataValues;
import org.jspecify.annotations.Nullable;
import org.rocksdb.Cache;
import org.rocksdb.WriteBufferManager;

/**
 * Options of a {@link RocksPeerstore}: the options every store shares (clock, limits, GC
 * interval, metadata codecs; see {@link PeerstoreBuilder}) plus cache, durability and RocksDB
 * tuning. Defaults: no global address or record cap (disk holds what memory cannot), a 64 MiB
 * cache, no fsync per write, a 32 MiB block cache, 10-bit bloom filters, 8 MiB memtables, no
 * RocksDB statistics, RocksDB's log at WARNING to {@link System.Logger}. Not thread-safe.
 */
public final class RocksPeerstoreBuilder
    extends PeerstoreBuilder<RocksPeerstoreBuilder, RocksPeerstore> {
  /** Default budget of the decoded-state cache: 64 MiB. */
  public static final long DEFAULT_CACHE_SIZE_BYTES = 64L << 20;
  /** Default size of RocksDB's block cache: 32 MiB. */
  public static final long DEFAULT_BLOCK_CACHE_SIZE = 32L << 20;
  /** Default memtable size per column family: 8 MiB. */
  public static final long DEFAULT_WRITE_BUFFER_SIZE = 8L << 20;
  /** Default bloom filter bits per key (about 1% false positives). */
  public static final double DEFAULT_BLOOM_BITS_PER_KEY = 10;
  /** Default least level of RocksDB's own log lines passed to {@link System.Logger}. */
  public static final Level DEFAULT_ROCKS_LOG_LEVEL = Level.WARNING;

  private final Path dir;
  private long cacheSizeBytes = DEFAULT_CACHE_SIZE_BYTES;
  private Durability durability = Durability.WAL;
  private boolean readOnly;
  private long blockCacheSize = DEFAULT_BLOCK_CACHE_SIZE;
  private long writeBufferSize = DEFAULT_WRITE_BUFFER_SIZE;
  private double bloomBitsPerKey = DEFAULT_BLOOM_BITS_PER_KEY;
  private char[] passphrase;
  private Argon2Params keyParams = Argon2Params.DEFAULT;
  private boolean statistics;
  private boolean recordCacheHits;
  private Level rocksLogLevel = DEFAULT_ROCKS_LOG_LEVEL;
  private Cache blockCache;
  private WriteBufferManager writeBufferManager;
  private Consumer<RocksOptionsView> rocksOptions;

  RocksPeerstoreBuilder(Path dir) {
    super(0, 0);
    this.dir = Objects.requireNonNull(dir, "dir");
  }

  /**
   * Budget of the cache of decoded per-peer state, in estimated heap bytes; 0 disables the
   * cache (every read goes to RocksDB).
   *
   * @throws IllegalArgumentException if negative
   */
  public RocksPeerstoreBuilder cacheSizeBytes(long bytes) {
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
   *
   * @deprecated an alias kept for callers of earlier versions: {@code syncWrites(true)} is
   *     {@code durability(Durability.SYNC)} and {@code syncWrites(false)} is
   *     {@code durability(Durability.WAL)}; the last of the two calls wins
   */
  @Deprecated
  public RocksPeerstoreBuilder syncWrites(boolean sync) {
    this.durability = sync ? Durability.SYNC : Durability.WAL;
    return this;
  }

  /**
   * When a write is durable relative to the call (docs/CONTRACT.md §18); default
   * {@link Durability#WAL}. With {@link Durability#grouped} the store starts one more thread,
   * the group commit's writer, stopped by {@link RocksPeerstore#close()}.
   *
   * @throws NullPointerException if {@code durability} is null
   */
  public RocksPeerstoreBuilder durability(Durability durability) {
    this.durability = Objects.requireNonNull(durability, "durability");
    return this;
  }

  /**
   * Whether to open an existing store read-only (docs/STORAGE.md, "Read-only open"): RocksDB's
   * read-only open writes nothing to the directory, so a backup, a read-only mount, a full
   * disk or the directory of a running store (as of the open) can be read. Every mutation then
   * throws {@link StorageException}; background garbage collection is off; connected
   * addresses are shown as stored (docs/CONTRACT.md §11 applies to the next writable open).
   */
  public RocksPeerstoreBuilder readOnly(boolean readOnly) {
    this.readOnly = readOnly;
    return this;
  }

  /**
   * Size of RocksDB's LRU block cache shared by all column families, in bytes.
   *
   * @throws IllegalArgumentException if negative
   */
  public RocksPeerstoreBuilder blockCacheSize(long bytes) {
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
  public RocksPeerstoreBuilder writeBufferSize(long bytes) {
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
  public RocksPeerstoreBuilder bloomBitsPerKey(double bits) {
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
  public RocksPeerstoreBuilder privateKeyProtection(char[] passphrase) {
    Objects.requireNonNull(passphrase, "passphrase");
    KeyProtector.checkPassphrase(passphrase);
    if (this.passphrase != null) {
      Arrays.fill(this.passphrase, '\0');
    }
    this.passphrase = passphrase.clone();
    return this;
  }

  /**
   * Whether RocksDB collects its {@code Statistics} (ticker counters such as block cache hits,
   * bytes read and written, compaction and stall counts), shown by
   * {@link RocksPeerstore#stats()}. Off by default: RocksDB documents their cost at 5-10% of
   * its own CPU time. The statistics object is created and closed with the store.
   */
  public RocksPeerstoreBuilder statistics(boolean enabled) {
    this.statistics = enabled;
    return this;
  }

  /**
   * Whether the cache counts its hits ({@link RocksPeerstoreStats.CacheStats#hits()}; -1 when
   * off). Off by default: the count is one atomic increment on the lock-free read path, which
   * costs about 10-20% of a cache hit (docs/STORAGE.md, "Observability"). Misses, evictions and
   * weights are counted either way (they cost nothing on a hit).
   */
  public RocksPeerstoreBuilder recordCacheHits(boolean enabled) {
    this.recordCacheHits = enabled;
    return this;
  }

  /**
   * The least level of RocksDB's own log lines (flushes, compactions, stalls, errors) passed to
   * the {@link System.Logger} named {@code org.rocksdb}, each prefixed with the store
   * directory; RocksDB then writes no {@code LOG} file in the store directory. Default
   * {@link Level#WARNING}. {@link Level#OFF} passes nothing (RocksDB keeps only the header of
   * its {@code LOG} file). TRACE and ALL mean DEBUG, RocksDB's least level. The System.Logger's
   * own configuration filters further (docs/STORAGE.md, "Observability").
   *
   * @throws NullPointerException if {@code level} is null
   */
  public RocksPeerstoreBuilder rocksLogLevel(Level level) {
    this.rocksLogLevel = Objects.requireNonNull(level, "level");
    return this;
  }

  /**
   * Uses {@code cache} as the block cache of every column family instead of a cache of its own
   * ({@link #blockCacheSize} is then ignored), for a node that already runs RocksDB and wants
   * one memory budget for all its databases. The cache stays the caller's: the store never
   * closes it, and the caller must close it only after every store using it is closed (a cache
   * freed under an open store crashes the JVM). With a shared cache,
   * {@link RocksPeerstoreStats.RocksDbStats#blockCacheUsageBytes()} is the whole cache's usage.
   * The store's index and filter partitions are inserted at high priority (docs/STORAGE.md,
   * "Tuning"); give the cache a high-priority pool (e.g. {@code new LRUCache(size, -1, false,
   * 0.5)}) for them to be kept apart.
   *
   * @throws NullPointerException if {@code cache} is null
   */
  public RocksPeerstoreBuilder blockCache(Cache cache) {
    this.blockCache = Objects.requireNonNull(cache, "cache");
    return this;
  }

  /**
   * Makes {@code manager} account for (and bound) the memtables of this store, together with
   * those of every other database using it. Stays the caller's, like {@link #blockCache}: never
   * closed by the store, closed by the caller after every store using it.
   *
   * @throws NullPointerException if {@code manager} is null
   */
  public RocksPeerstoreBuilder writeBufferManager(WriteBufferManager manager) {
    this.writeBufferManager = Objects.requireNonNull(manager, "manager");
    return this;
  }

  /**
   * A callback that may adjust the RocksDB options just before the database opens, after the
   * store applied every setting of this builder; see {@link RocksOptionsView} for what it may
   * change and must not do. Only for what this builder does not offer. Calling this again
   * replaces the callback.
   *
   * @throws NullPointerException if {@code callback} is null
   */
  public RocksPeerstoreBuilder rocksOptions(Consumer<RocksOptionsView> callback) {
    this.rocksOptions = Objects.requireNonNull(callback, "callback");
    return this;
  }

  /** The Argon2id parameters new encrypted keys are written with (tests use cheap ones). */
  RocksPeerstoreBuilder keyProtectionParams(Argon2Params params) {
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
    boolean syncWrites = durability.mode() == Durability.Mode.SYNC;
    RocksPeerstore store = new RocksPeerstore(
        new Settings(
            dir,
            clock(),
            limits(),
            inputLimits(),
            metadataValues(),
            gcInterval(),
            cacheSizeBytes,
            recordCacheHits,
            new StoreTuning(blockCacheSize, bloomBitsPerKey, writeBufferSize, syncWrites,
                statistics, rocksLogLevel, blockCache, writeBufferManager, rocksOptions),
            passphrase == null ? null
                : new KeyProtector(passphrase, keyParams, new SecureRandom()),
            readOnly,
            dialRules(),
            eventBufferSize(),
            durability));
    // Connections do not outlive the process that held them (docs/CONTRACT.md §11).
    try {
      if (!readOnly) {
        StaleConnections.releaseOnOpen(store, store.parts().db);
      }
    } catch (RuntimeException | Error e) {
      store.close();
      throw e;
    }
    return store;
  }


  /** Everything a builder decided, read inside the builder (its getters are protected). */
  record Settings(
      Path dir,
      Clock clock,
      Limits limits,
      InputLimits inputLimits,
      MetadataValues metadataValues,
      Duration gcInterval,
      long cacheSizeBytes,
      boolean recordCacheHits,
      StoreTuning tuning,
      @Nullable KeyProtector protector,
      boolean readOnly,
      org.peerstore.internal.DialRules dialRules,
      int eventBufferSize,
      Durability durability) {}
}
