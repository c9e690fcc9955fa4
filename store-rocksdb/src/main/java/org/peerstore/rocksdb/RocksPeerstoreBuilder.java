package org.peerstore.rocksdb;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.peerstore.KeyProtectionException;
import org.peerstore.PeerstoreBuilder;
import org.peerstore.StorageException;
import org.peerstore.internal.InputLimits;
import org.peerstore.internal.Limits;
import org.peerstore.internal.MetadataValues;
import org.jspecify.annotations.Nullable;

/**
 * Options of a {@link RocksPeerstore}: the options every store shares (clock, limits, GC
 * interval, metadata codecs; see {@link PeerstoreBuilder}) plus cache, durability and RocksDB
 * tuning. Defaults: no global address or record cap (disk holds what memory cannot), a 64 MiB
 * cache, no fsync per write, a 32 MiB block cache, 10-bit bloom filters, 8 MiB memtables.
 * Not thread-safe.
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

  private final Path dir;
  private long cacheSizeBytes = DEFAULT_CACHE_SIZE_BYTES;
  private boolean syncWrites;
  private boolean readOnly;
  private long blockCacheSize = DEFAULT_BLOCK_CACHE_SIZE;
  private long writeBufferSize = DEFAULT_WRITE_BUFFER_SIZE;
  private double bloomBitsPerKey = DEFAULT_BLOOM_BITS_PER_KEY;
  private char[] passphrase;
  private Argon2Params keyParams = Argon2Params.DEFAULT;

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
   */
  public RocksPeerstoreBuilder syncWrites(boolean sync) {
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
      StoreTuning tuning,
      @Nullable KeyProtector protector,
      boolean readOnly) {}
}
