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
import org.peerstore.StorageException;
import org.jspecify.annotations.Nullable;
import org.peerstore.rocksdb.pb.RocksValues.StoreInfo;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompactionStyle;
import org.rocksdb.CompressionType;
import org.rocksdb.ConfigOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.IndexType;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.OptionsUtil;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.Statistics;
import org.rocksdb.WriteOptions;

/**
 * The two ways a {@link StoreDb} is opened, and the checks they share. {@link #live} is how a
 * {@link RocksPeerstore} opens its directory: created if missing, with this build's tuning
 * (docs/STORAGE.md, "Tuning"), the schema version stamped or checked. {@link #existing} is how
 * offline maintenance opens a stopped node's store: never created, with the options the store
 * was last opened with (its {@code OPTIONS} file), so maintenance does not re-tune it, and every
 * write synced. Both check the schema version the same way and release every native object in
 * reverse order of creation when opening fails half-way. Stateless and thread-safe.
 */
final class StoreOpen {
  static {
    RocksDB.loadLibrary();
  }

  private StoreOpen() {}

  /**
   * Opens or creates the database in {@code dir} with every column family of
   * {@link ColumnFamily}, and checks or stamps its schema version.
   *
   * @throws StorageException if the directory cannot be created, is locked by another process,
   *     was written by a newer schema, holds column families this build does not know, or
   *     RocksDB fails to open it
   */
  static StoreDb live(Path dir, StoreTuning tuning) {
    return live(dir, tuning, false);
  }

  /**
   * {@link #live(Path, StoreTuning)}; with {@code readOnly}, an existing store with RocksDB's
   * read-only open, which writes nothing to the directory (docs/STORAGE.md, "Read-only open"):
   * every write then fails with a {@link StorageException}.
   *
   * @throws StorageException as {@link #live(Path, StoreTuning)}, and with {@code readOnly} if
   *     {@code dir} holds no peerstore
   */
  static StoreDb live(Path dir, StoreTuning tuning, boolean readOnly) {
    if (readOnly) {
      requireStore(dir);
    } else {
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new StorageException("cannot create store directory " + dir + ": " + e, e);
      }
    }
    Deque<AutoCloseable> resources = new ArrayDeque<>();
    try {
      return live(dir, tuning, resources, readOnly);
    } catch (RuntimeException | Error e) {
      closeAll(resources, e);
      throw e;
    }
  }

  private static StoreDb live(Path dir, StoreTuning tuning, Deque<AutoCloseable> resources,
      boolean readOnly) {
    // Index and filter partitions go to the high-priority pool: a scan or a stream of cold data
    // blocks cannot push out the blocks every lookup needs (docs/STORAGE.md, "Tuning"). A block
    // cache or write buffer manager given by the caller is the caller's: never closed here.
    Cache blockCache = tuning.sharedBlockCache() != null
        ? tuning.sharedBlockCache()
        : push(resources, new LRUCache(tuning.blockCacheBytes(), -1, false, HIGH_PRIORITY_RATIO));
    BloomFilter bloom = push(resources, new BloomFilter(tuning.bloomBitsPerKey()));
    ColumnFamilyOptions lookupCf =
        push(resources, columnFamilyOptions(tuning, tableConfig(blockCache).setFilterPolicy(bloom)));
    // The expiry index is only ever iterated in key order, so a bloom filter would be dead weight.
    ColumnFamilyOptions scanCf = push(resources, columnFamilyOptions(tuning, tableConfig(blockCache)));
    Statistics statistics = tuning.statistics() ? push(resources, new Statistics()) : null;
    RocksLog log = push(resources, new RocksLog(dir.toString(), tuning.logLevel()));
    DBOptions dbOptions = push(resources, dbOptions(tuning));
    if (statistics != null) {
      dbOptions.setStatistics(statistics);
    }
    // Always installed: the log bridge at the store's level, and the count of what WAL recovery
    // drops (RocksLog); RocksDB then writes no LOG file into the store directory.
    dbOptions.setLogger(log);
    if (tuning.writeBufferManager() != null) {
      dbOptions.setWriteBufferManager(tuning.writeBufferManager());
    }
    if (tuning.optionsCallback() != null) {
      tuning.optionsCallback().accept(new OptionsView(dbOptions, lookupCf, scanCf));
    }

    List<byte[]> existing = existingColumnFamilies(dir);
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    for (ColumnFamily cf : ColumnFamily.values()) {
      descriptors.add(
          new ColumnFamilyDescriptor(cf.nameBytes(),
              cf == ColumnFamily.EXPIRY || cf == ColumnFamily.BANS
                  || cf == ColumnFamily.PROTOCOL_INDEX ? scanCf : lookupCf));
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
    if (readOnly) {
      // A read-only open cannot create the column families an older store lacks.
      descriptors.removeIf(d -> existing.stream().noneMatch(n -> Arrays.equals(n, d.getName())));
    }

    List<ColumnFamilyHandle> handleList = new ArrayList<>();
    RocksDB db = openDb(dir, dbOptions, descriptors, handleList, readOnly, resources);
    Map<ColumnFamily, ColumnFamilyHandle> handles = new EnumMap<>(ColumnFamily.class);
    for (int i = 0; i < descriptors.size(); i++) {
      ColumnFamily cf = known(descriptors.get(i).getName());
      if (cf != null) {
        handles.put(cf, handleList.get(i));
      }
    }
    ReadOptions readOptions = push(resources, new ReadOptions());
    WriteOptions writeOptions = push(resources, new WriteOptions().setSync(tuning.syncWrites()));

    StoreDb store = new StoreDb(dir, resources, db, handles, readOptions, writeOptions,
        blockCache, statistics, log);
    store.opened(log.recovery(db.getLatestSequenceNumber()), readOnly);
    checkSchema(store, unknown, !readOnly);
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
            // earlier state; RocksLog reports what was dropped (docs/STORAGE.md).
            .setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery);
    return options;
  }

  /** What the {@link RocksOptionsView} callback sees: the store's own option objects. */
  private record OptionsView(DBOptions dbOptions, ColumnFamilyOptions lookupColumnFamilies,
      ColumnFamilyOptions expiryIndex) implements RocksOptionsView {}

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

  /**
   * Checks that {@code dir} holds a peerstore database, without opening it: the directory
   * exists, holds a RocksDB database, and that database has every column family of the store.
   *
   * @throws StorageException naming what is missing
   */
  static void requireStore(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new StorageException(dir + " is not a peerstore store: no such directory");
    }
    if (!Files.isRegularFile(dir.resolve("CURRENT"))) {
      throw new StorageException(dir + " is not a peerstore store: no RocksDB database in it");
    }
    List<byte[]> existing;
    try (Options options = new Options()) {
      existing = RocksDB.listColumnFamilies(options, dir.toString());
    } catch (RocksDBException e) {
      throw new StorageException(
          dir + " is not a readable peerstore store: " + e.getMessage(), e);
    }
    List<String> missing = new ArrayList<>();
    for (ColumnFamily cf : ColumnFamily.values()) {
      // Column families newer than schema 1 may be missing from an older store: read as empty.
      if (cf.since() == 1 && existing.stream().noneMatch(n -> Arrays.equals(n, cf.nameBytes()))) {
        missing.add(cf.cfName());
      }
    }
    if (!missing.isEmpty()) {
      throw new StorageException(
          dir + " is not a peerstore store: it lacks the column families " + missing);
    }
  }

  /**
   * Opens the store in {@code dir} for maintenance.
   *
   * @throws StorageException if it is not a store, is in use by another process, was written
   *     by a newer schema, or RocksDB fails to open it
   */
  static StoreDb existing(Path dir) {
    return existing(dir, false);
  }

  /**
   * {@link #existing(Path)}; with {@code readOnly}, with RocksDB's read-only open: nothing in
   * the directory is written (no lock taken, no OPTIONS file, no flush), so it works on a
   * read-only mount, a full disk and the directory of a running store (which it sees as of the
   * open), and every write fails (docs/STORAGE.md, "Read-only open").
   *
   * @throws StorageException as {@link #existing(Path)}
   */
  static StoreDb existing(Path dir, boolean readOnly) {
    requireStore(dir);
    Deque<AutoCloseable> resources = new ArrayDeque<>();
    try {
      return existing(dir, resources, readOnly);
    } catch (RuntimeException | Error e) {
      closeAll(resources, e);
      throw e;
    }
  }

  private static StoreDb existing(Path dir, Deque<AutoCloseable> resources, boolean readOnly) {
    ConfigOptions config = push(resources, new ConfigOptions().setIgnoreUnknownOptions(true));
    DBOptions dbOptions = push(resources, new DBOptions());
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    try {
      OptionsUtil.loadLatestOptions(config, dir.toString(), dbOptions, descriptors);
    } catch (RocksDBException e) {
      throw new StorageException(
          "cannot read the RocksDB options of store " + dir + ": " + e.getMessage(), e);
    } finally {
      descriptors.forEach(d -> push(resources, d.getOptions()));
    }
    dbOptions.setCreateIfMissing(false).setCreateMissingColumnFamilies(false)
        .setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery);
    // As the store: RocksDB's log bridged at WARNING, WAL recovery drops counted (RocksLog).
    RocksLog log = push(resources, new RocksLog(dir.toString(), System.Logger.Level.WARNING));
    dbOptions.setLogger(log);
    // Column families the OPTIONS file may not list (an older options file) are opened with
    // default options, so RocksDB accepts the open; requireStore checked that ours exist.
    List<byte[]> existing;
    try (Options options = new Options()) {
      existing = RocksDB.listColumnFamilies(options, dir.toString());
    } catch (RocksDBException e) {
      throw StorageErrors.ofOpen(dir, e);
    }
    for (byte[] name : existing) {
      if (descriptors.stream().noneMatch(d -> Arrays.equals(d.getName(), name))) {
        descriptors.add(new ColumnFamilyDescriptor(name, push(resources,
            new ColumnFamilyOptions())));
      }
    }
    descriptors.removeIf(d -> existing.stream().noneMatch(n -> Arrays.equals(n, d.getName())));

    List<ColumnFamilyHandle> handleList = new ArrayList<>();
    RocksDB db = openDb(dir, dbOptions, descriptors, handleList, readOnly, resources);
    Map<ColumnFamily, ColumnFamilyHandle> handles = new EnumMap<>(ColumnFamily.class);
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < descriptors.size(); i++) {
      byte[] name = descriptors.get(i).getName();
      ColumnFamily cf = known(name);
      if (cf == null) {
        unknown.add(new String(name, StandardCharsets.UTF_8));
      } else {
        handles.put(cf, handleList.get(i));
      }
    }
    WriteOptions writeOptions = push(resources, new WriteOptions().setSync(true));
    ReadOptions readOptions = push(resources, new ReadOptions());
    StoreDb store = new StoreDb(dir, resources, db, handles, readOptions, writeOptions,
        null, null, log);
    store.opened(log.recovery(db.getLatestSequenceNumber()), readOnly);
    checkSchema(store, unknown, false);
    return store;
  }

  /**
   * Opens RocksDB (read-only or not) with {@code descriptors}, filling {@code handleList} in
   * their order, and pushes the database and its handles on {@code resources}.
   *
   * @throws StorageException if RocksDB refuses the open
   */
  private static RocksDB openDb(Path dir, DBOptions dbOptions,
      List<ColumnFamilyDescriptor> descriptors, List<ColumnFamilyHandle> handleList,
      boolean readOnly, Deque<AutoCloseable> resources) {
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
    return db;
  }

  /** The column family named {@code name}, or null when this build does not know it. */
  private static @Nullable ColumnFamily known(byte[] name) {
    for (ColumnFamily cf : ColumnFamily.values()) {
      if (Arrays.equals(cf.nameBytes(), name)) {
        return cf;
      }
    }
    return null;
  }

  /**
   * Checks the schema version of {@code db} (docs/STORAGE.md): refuses a newer or invalid one
   * and unknown column families; a store without one is stamped with {@link
   * StoreDb#SCHEMA_VERSION} when {@code stampIfMissing} (a new store), refused when not.
   *
   * @throws StorageException naming what is wrong
   */
  private static void checkSchema(StoreDb db, List<String> unknownColumnFamilies,
      boolean stampIfMissing) {
    Path dir = db.dir();
    byte[] stored = db.get(ColumnFamily.DEFAULT, StoreKeys.SCHEMA);
    if (stored == null) {
      if (!stampIfMissing) {
        throw new StorageException(dir + " is not a peerstore store: it has no schema version");
      }
      if (!unknownColumnFamilies.isEmpty()) {
        throw new StorageException(
            "directory " + dir + " is not a peerstore (no schema version, unknown column families "
                + unknownColumnFamilies + ")");
      }
      db.put(
          ColumnFamily.DEFAULT,
          StoreKeys.SCHEMA,
          StoreInfo.newBuilder().setSchemaVersion(StoreDb.SCHEMA_VERSION).build().toByteArray());
      return;
    }
    int version;
    try {
      version = StoreInfo.parseFrom(stored).getSchemaVersion();
    } catch (InvalidProtocolBufferException e) {
      throw new StorageException("store " + dir + " has an unreadable schema entry: " + e, e);
    }
    if (version > StoreDb.SCHEMA_VERSION) {
      throw new StorageException(
          "store " + dir + " was written by a newer peerstore (schema version " + version
              + "); this build reads schema version " + StoreDb.SCHEMA_VERSION + " only");
    }
    if (version < 1) {
      throw new StorageException("store " + dir + " has an invalid schema version " + version);
    }
    if (!unknownColumnFamilies.isEmpty()) {
      throw new StorageException(
          "store " + dir + " has column families this build does not know: "
              + unknownColumnFamilies);
    }
    if (version < StoreDb.SCHEMA_VERSION && stampIfMissing) {
      // An older store opened by a store: the open created the column families added since
      // (ColumnFamily.since); stamp the new version so that an older build refuses it
      // (docs/STORAGE.md). Maintenance leaves an older store's version as it is. What a new
      // column family indexes is built first: a crash before the stamp builds it again.
      if (version < ColumnFamily.PROTOCOL_INDEX.since()) {
        ProtocolIndex.build(db);
      }
      db.put(
          ColumnFamily.DEFAULT,
          StoreKeys.SCHEMA,
          StoreInfo.newBuilder().setSchemaVersion(StoreDb.SCHEMA_VERSION).build().toByteArray());
    }
  }
}
