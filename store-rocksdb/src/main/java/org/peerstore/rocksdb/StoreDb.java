package org.peerstore.rocksdb;

import static org.peerstore.rocksdb.NativeResources.closeAll;
import static org.peerstore.rocksdb.NativeResources.push;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.peerstore.StorageException;
import org.peerstore.rocksdb.pb.RocksValues.StoreInfo;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompactionStyle;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.IndexType;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The open RocksDB database of one store directory and every native object that goes with it:
 * block cache, bloom filter, options, column family handles, read and write options.
 *
 * <p>{@link #open} creates them in a fixed order and {@link #close} releases them in exactly
 * the reverse order (also when opening fails half-way), so no native memory or file handle
 * outlives the store. It also checks the directory's schema version. Every method wraps
 * {@link RocksDBException} in a {@link StorageException}.
 *
 * <p>Thread-safety: the read and write methods may be called from any thread while the
 * database is open; the caller must guarantee that none is running when {@link #close} is
 * called (the store's lifecycle lock does).
 */
final class StoreDb implements AutoCloseable {

  /** The on-disk format this build writes and reads (docs/STORAGE.md). */
  static final int SCHEMA_VERSION = 1;

  static {
    RocksDB.loadLibrary();
  }

  private final Path dir;
  private final Deque<AutoCloseable> resources;
  private final RocksDB db;
  private final Map<ColumnFamily, ColumnFamilyHandle> handles;
  private final ReadOptions readOptions;
  private final WriteOptions writeOptions;
  private final LongAdder calls = new LongAdder();
  private WalRecovery walRecovery;
  private boolean readOnly;

  private StoreDb(
      Path dir,
      Deque<AutoCloseable> resources,
      RocksDB db,
      Map<ColumnFamily, ColumnFamilyHandle> handles,
      ReadOptions readOptions,
      WriteOptions writeOptions) {
    this.dir = dir;
    this.resources = resources;
    this.db = db;
    this.handles = handles;
    this.readOptions = readOptions;
    this.writeOptions = writeOptions;
  }

  /**
   * Opens or creates the database in {@code dir} with every column family of
   * {@link ColumnFamily}, and checks or stamps its schema version.
   *
   * @throws StorageException if the directory cannot be created, is locked by another process,
   *     was written by a newer schema, holds column families this build does not know, or
   *     RocksDB fails to open it
   */
  static StoreDb open(Path dir, StoreTuning tuning) {
    return open(dir, tuning, false);
  }

  /**
   * Opens the database in {@code dir}; with {@code readOnly}, an existing one with RocksDB's
   * read-only open, which writes nothing to the directory (docs/STORAGE.md, "Read-only open"):
   * every write then fails with a {@link StorageException}.
   *
   * @throws StorageException as {@link #open(Path, StoreTuning)}, and with {@code readOnly} if
   *     {@code dir} holds no peerstore
   */
  static StoreDb open(Path dir, StoreTuning tuning, boolean readOnly) {
    if (readOnly) {
      MaintenanceDb.requireStore(dir);
    } else {
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new StorageException("cannot create store directory " + dir + ": " + e, e);
      }
    }
    Deque<AutoCloseable> resources = new ArrayDeque<>();
    try {
      return open(dir, tuning, resources, readOnly);
    } catch (RuntimeException | Error e) {
      closeAll(resources, e);
      throw e;
    }
  }

  private static StoreDb open(Path dir, StoreTuning tuning, Deque<AutoCloseable> resources,
      boolean readOnly) {
    // Index and filter partitions go to the high-priority pool: a scan or a stream of cold data
    // blocks cannot push out the blocks every lookup needs (docs/STORAGE.md, "Tuning").
    Cache blockCache =
        push(resources, new LRUCache(tuning.blockCacheBytes(), -1, false, HIGH_PRIORITY_RATIO));
    BloomFilter bloom = push(resources, new BloomFilter(tuning.bloomBitsPerKey()));
    ColumnFamilyOptions lookupCf =
        push(resources, columnFamilyOptions(tuning, tableConfig(blockCache).setFilterPolicy(bloom)));
    // The expiry index is only ever iterated in key order, so a bloom filter would be dead weight.
    ColumnFamilyOptions scanCf = push(resources, columnFamilyOptions(tuning, tableConfig(blockCache)));
    DBOptions dbOptions = push(resources, dbOptions(tuning));
    // RocksDB's info log goes to the store's logger, which also counts what WAL recovery drops.
    RocksInfoLog infoLog = push(resources, new RocksInfoLog(dir.toString()));
    dbOptions.setLogger(infoLog);

    List<byte[]> existing = existingColumnFamilies(dir);
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    for (ColumnFamily cf : ColumnFamily.values()) {
      descriptors.add(
          new ColumnFamilyDescriptor(cf.nameBytes(), cf == ColumnFamily.EXPIRY ? scanCf : lookupCf));
    }
    List<String> unknown = new ArrayList<>();
    for (byte[] name : existing) {
      if (Arrays.stream(ColumnFamily.values()).noneMatch(cf -> Arrays.equals(cf.nameBytes(), name))) {
        // RocksDB refuses to open a database without all of its column families; open the
        // unknown ones too so the schema check below can say what is wrong.
        unknown.add(new String(name, StandardCharsets.UTF_8));
        descriptors.add(new ColumnFamilyDescriptor(name, scanCf));
      }
    }

    List<ColumnFamilyHandle> handleList = new ArrayList<>();
    RocksDB db;
    try {
      db = readOnly
          ? RocksDB.openReadOnly(dbOptions, dir.toString(), descriptors, handleList)
          : RocksDB.open(dbOptions, dir.toString(), descriptors, handleList);
    } catch (RocksDBException e) {
      throw StorageErrors.ofOpen(dir, e);
    }
    push(resources, db);
    handleList.forEach(h -> push(resources, h));
    Map<ColumnFamily, ColumnFamilyHandle> handles = new EnumMap<>(ColumnFamily.class);
    for (ColumnFamily cf : ColumnFamily.values()) {
      handles.put(cf, handleList.get(cf.ordinal()));
    }
    ReadOptions readOptions = push(resources, new ReadOptions());
    WriteOptions writeOptions = push(resources, new WriteOptions().setSync(tuning.syncWrites()));

    StoreDb store = new StoreDb(dir, resources, db, handles, readOptions, writeOptions);
    store.walRecovery = infoLog.recovery(db.getLatestSequenceNumber());
    store.readOnly = readOnly;
    store.checkSchema(unknown);
    return store;
  }

  // The reasons for each setting are in docs/STORAGE.md, "Tuning".

  /** Share of the block cache reserved for index and filter blocks. */
  private static final double HIGH_PRIORITY_RATIO = 0.5;

  /** Size of one index or filter partition. */
  private static final long METADATA_BLOCK_BYTES = 4096;

  private static BlockBasedTableConfig tableConfig(Cache blockCache) {
    // Index and filter blocks live in the block cache, so its size bounds read memory. They are
    // partitioned: a lookup needs one small partition of each, not a whole-file index of up to
    // a megabyte that a cache shard cannot hold (which made a large store re-read its index for
    // nearly every lookup). The small top-level index of each file stays pinned.
    return new BlockBasedTableConfig()
        .setBlockCache(blockCache)
        .setCacheIndexAndFilterBlocks(true)
        .setCacheIndexAndFilterBlocksWithHighPriority(true)
        .setPinL0FilterAndIndexBlocksInCache(true)
        .setIndexType(IndexType.kTwoLevelIndexSearch)
        .setPartitionFilters(true)
        .setPinTopLevelIndexAndFilter(true)
        .setMetadataBlockSize(METADATA_BLOCK_BYTES)
        .setFormatVersion(6);
  }

  private static ColumnFamilyOptions columnFamilyOptions(
      StoreTuning tuning, BlockBasedTableConfig table) {
    // Values are small protobufs read by point lookups: cheap LZ4 on the upper levels, denser
    // ZSTD on the bottommost level where most data settles.
    return new ColumnFamilyOptions()
        .setTableFormatConfig(table)
        .setCompactionStyle(CompactionStyle.LEVEL)
        .setLevelCompactionDynamicLevelBytes(true)
        .setCompressionType(CompressionType.LZ4_COMPRESSION)
        .setBottommostCompressionType(CompressionType.ZSTD_COMPRESSION)
        .setWriteBufferSize(tuning.writeBufferBytes())
        .setMaxWriteBufferNumber(2);
  }

  private static DBOptions dbOptions(StoreTuning tuning) {
    DBOptions options =
        new DBOptions()
            .setCreateIfMissing(true)
            .setCreateMissingColumnFamilies(true)
            .setMaxBackgroundJobs(2)
            // Several small column families share one WAL; without a cap a rarely written one
            // would keep every old WAL file alive until its memtable fills.
            .setMaxTotalWalSize(tuning.writeBufferBytes() * ColumnFamily.values().length)
            .setKeepLogFileNum(4)
            .setMaxLogFileSize(8L << 20)
            .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
            // Replay the WAL up to its first torn or damaged record and keep a consistent
            // earlier state; RocksInfoLog reports what was dropped (docs/STORAGE.md).
            .setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery);
    return options;
  }

  private static List<byte[]> existingColumnFamilies(Path dir) {
    if (!Files.exists(dir.resolve("CURRENT"))) {
      return List.of();
    }
    try (Options options = new Options()) {
      return RocksDB.listColumnFamilies(options, dir.toString());
    } catch (RocksDBException e) {
      throw StorageErrors.ofOpen(dir, e);
    }
  }

  private void checkSchema(List<String> unknownColumnFamilies) {
    byte[] stored = get(ColumnFamily.DEFAULT, StoreKeys.SCHEMA);
    if (stored == null) {
      if (!unknownColumnFamilies.isEmpty()) {
        throw new StorageException(
            "directory " + dir + " is not a peerstore (no schema version, unknown column families "
                + unknownColumnFamilies + ")");
      }
      put(
          ColumnFamily.DEFAULT,
          StoreKeys.SCHEMA,
          StoreInfo.newBuilder().setSchemaVersion(SCHEMA_VERSION).build().toByteArray());
      return;
    }
    int version;
    try {
      version = StoreInfo.parseFrom(stored).getSchemaVersion();
    } catch (InvalidProtocolBufferException e) {
      throw new StorageException("store " + dir + " has an unreadable schema entry: " + e, e);
    }
    if (version > SCHEMA_VERSION) {
      throw new StorageException(
          "store " + dir + " was written by a newer peerstore (schema version " + version
              + "); this build reads schema version " + SCHEMA_VERSION + " only");
    }
    if (version < 1) {
      throw new StorageException("store " + dir + " has an invalid schema version " + version);
    }
    if (!unknownColumnFamilies.isEmpty()) {
      throw new StorageException(
          "store " + dir + " has column families this build does not know: "
              + unknownColumnFamilies);
    }
  }

  /**
   * Durably syncs the write-ahead log (used on close, so a closed store survives power loss
   * even without {@code syncWrites}).
   *
   * @throws StorageException if RocksDB fails
   */
  void syncWal() {
    if (readOnly) {
      return; // nothing was written
    }
    calls.increment();
    try {
      db.flushWal(true);
    } catch (RocksDBException e) {
      throw StorageErrors.of("sync the write-ahead log", e);
    }
  }

  /** What write-ahead log recovery dropped when this database was opened. */
  WalRecovery walRecovery() {
    return walRecovery;
  }

  /** How many reads, writes and scans were made (for tests: a cache hit makes none). */
  long callCount() {
    return calls.sum();
  }

  /** The directory. */
  Path dir() {
    return dir;
  }

  /** The handle of {@code cf} (for building write batches). */
  ColumnFamilyHandle handle(ColumnFamily cf) {
    return handles.get(cf);
  }

  /**
   * The value of {@code key} in {@code cf}, or null if absent.
   *
   * @throws UnreadableEntryException if RocksDB could not read it (a damaged block)
   * @throws StorageException if RocksDB fails
   */
  byte[] get(ColumnFamily cf, byte[] key) {
    calls.increment();
    try {
      return db.get(handles.get(cf), readOptions, key);
    } catch (RocksDBException e) {
      throw UnreadableEntryException.ofGet(cf, e);
    }
  }

  /**
   * The values of several keys, each in its own column family, read in one call; null where
   * absent.
   *
   * @throws UnreadableEntryException if RocksDB could not read some of them (a damaged block);
   *     it carries the values that were read
   * @throws StorageException if RocksDB fails
   */
  List<byte[]> multiGet(List<ColumnFamily> cfs, List<byte[]> keys) {
    calls.increment();
    List<ColumnFamilyHandle> hs = new ArrayList<>(cfs.size());
    for (ColumnFamily cf : cfs) {
      hs.add(handles.get(cf));
    }
    List<byte[]> values;
    try {
      values = db.multiGetAsList(readOptions, hs, keys);
    } catch (RocksDBException e) {
      throw StorageErrors.of("read " + cfs, e);
    }
    // A null is absent or unreadable; a point read tells which (docs/STORAGE.md).
    return UnreadableEntryException.recheckNulls(
        cfs, values, i -> db.get(hs.get(i), readOptions, keys.get(i)));
  }

  /**
   * Writes one value outside a batch (only the schema entry is written this way).
   *
   * @throws StorageException if RocksDB fails
   */
  void put(ColumnFamily cf, byte[] key, byte[] value) {
    calls.increment();
    try {
      db.put(handles.get(cf), writeOptions, key, value);
    } catch (RocksDBException e) {
      throw StorageErrors.of("write " + cf.cfName(), e);
    }
  }

  /**
   * Applies {@code batch} atomically: with the WAL on, every change in it survives a crash
   * together or none does; fsynced first when {@code syncWrites} is set.
   *
   * @throws StorageException if RocksDB fails (nothing of the batch was applied)
   */
  void write(WriteBatch batch, String what) {
    calls.increment();
    try {
      db.write(writeOptions, batch);
    } catch (RocksDBException e) {
      throw StorageErrors.of(what, e);
    }
  }

  /** Receives the entries of a {@link #scan}; returns false to stop early. */
  @FunctionalInterface
  interface ScanVisitor {
    /** Visits one entry; the arrays are fresh copies the visitor may keep. */
    boolean visit(byte[] key, byte[] value);
  }

  /**
   * Visits, in key order, the entries of {@code cf} with {@code from <= key < to} (either bound
   * may be null for open). The iterator, its read options and bound slices are released before
   * this returns.
   *
   * @param fillCache whether blocks read by the scan may displace others in the block cache
   * @throws StorageException if RocksDB fails
   */
  void scan(ColumnFamily cf, byte[] from, byte[] to, boolean fillCache, ScanVisitor visitor) {
    calls.increment();
    Slice upper = to == null ? null : new Slice(to);
    try (ReadOptions options = new ReadOptions().setFillCache(fillCache)) {
      if (upper != null) {
        options.setIterateUpperBound(upper);
      }
      try (RocksIterator it = db.newIterator(handles.get(cf), options)) {
        if (from == null) {
          it.seekToFirst();
        } else {
          it.seek(from);
        }
        while (it.isValid()) {
          if (!visitor.visit(it.key(), it.value())) {
            return;
          }
          it.next();
        }
        it.status();
      }
    } catch (RocksDBException e) {
      throw StorageErrors.of("scan " + cf.cfName(), e);
    } finally {
      if (upper != null) {
        upper.close();
      }
    }
  }

  /**
   * Releases every native object in reverse order of creation. Idempotent; must not run
   * concurrently with any other method.
   */
  @Override
  public void close() {
    closeAll(resources, null);
  }
}
