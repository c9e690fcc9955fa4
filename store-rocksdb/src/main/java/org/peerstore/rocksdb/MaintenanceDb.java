package org.peerstore.rocksdb;

import static org.peerstore.rocksdb.NativeResources.closeAll;
import static org.peerstore.rocksdb.NativeResources.push;

import com.google.protobuf.InvalidProtocolBufferException;
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
import org.peerstore.rocksdb.pb.RocksValues.StoreInfo;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.ConfigOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.OptionsUtil;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * A store directory opened with the raw RocksDB API for offline maintenance: with the options
 * the store itself last persisted in the directory's {@code OPTIONS} file (so a compaction
 * rewrites files with the store's own compression and filters), never creating anything.
 *
 * <p>{@link #open} refuses, with a {@link StorageException} naming the problem, a path that is
 * not a store directory, a directory locked by a running store, a store written by a newer
 * schema, and a store with column families this build does not know. Every native object is
 * pushed on a stack as it is created and {@link #close} releases them in reverse order (also
 * when opening fails half-way).
 *
 * <p>Thread-safety: the read and write methods may be called from several threads while open;
 * {@link #close} must not run concurrently with them.
 */
final class MaintenanceDb implements AutoCloseable {

  static {
    RocksDB.loadLibrary();
  }

  private final Path dir;
  private final Deque<AutoCloseable> resources;
  private final RocksDB db;
  private final Map<ColumnFamily, ColumnFamilyHandle> handles;
  private final WriteOptions writeOptions;
  private WalRecovery walRecovery;

  private MaintenanceDb(Path dir, Deque<AutoCloseable> resources, RocksDB db,
      Map<ColumnFamily, ColumnFamilyHandle> handles, WriteOptions writeOptions) {
    this.dir = dir;
    this.resources = resources;
    this.db = db;
    this.handles = handles;
    this.writeOptions = writeOptions;
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
      if (existing.stream().noneMatch(n -> Arrays.equals(n, cf.nameBytes()))) {
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
  static MaintenanceDb open(Path dir) {
    return open(dir, false);
  }

  /**
   * Opens the store in {@code dir} for maintenance; with {@code readOnly}, with RocksDB's
   * read-only open: nothing in the directory is written (no lock taken, no OPTIONS file, no
   * flush), so it works on a read-only mount, a full disk and the directory of a running store
   * (which it sees as of the open), and every write fails (docs/STORAGE.md, "Read-only open").
   *
   * @throws StorageException as {@link #open(Path)}
   */
  static MaintenanceDb open(Path dir, boolean readOnly) {
    requireStore(dir);
    Deque<AutoCloseable> resources = new ArrayDeque<>();
    try {
      return open(dir, resources, readOnly);
    } catch (RuntimeException | Error e) {
      closeAll(resources, e);
      throw e;
    }
  }

  private static MaintenanceDb open(Path dir, Deque<AutoCloseable> resources,
      boolean readOnly) {
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
    // As the store: RocksDB's info log to the store's logger, WAL recovery drops counted.
    RocksInfoLog infoLog = push(resources, new RocksInfoLog(dir.toString()));
    dbOptions.setLogger(infoLog);
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
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < descriptors.size(); i++) {
      byte[] name = descriptors.get(i).getName();
      ColumnFamily cf = Arrays.stream(ColumnFamily.values())
          .filter(c -> Arrays.equals(c.nameBytes(), name)).findFirst().orElse(null);
      if (cf == null) {
        unknown.add(new String(name, StandardCharsets.UTF_8));
      } else {
        handles.put(cf, handleList.get(i));
      }
    }
    WriteOptions writeOptions = push(resources, new WriteOptions().setSync(true));
    MaintenanceDb m = new MaintenanceDb(dir, resources, db, handles, writeOptions);
    m.walRecovery = infoLog.recovery(db.getLatestSequenceNumber());
    m.checkSchema(unknown);
    return m;
  }

  private void checkSchema(List<String> unknownColumnFamilies) {
    byte[] stored = get(ColumnFamily.DEFAULT, StoreKeys.SCHEMA);
    if (stored == null) {
      throw new StorageException(dir + " is not a peerstore store: it has no schema version");
    }
    int version;
    try {
      version = StoreInfo.parseFrom(stored).getSchemaVersion();
    } catch (InvalidProtocolBufferException e) {
      throw new StorageException("store " + dir + " has an unreadable schema entry: " + e, e);
    }
    if (version > StoreDb.SCHEMA_VERSION) {
      throw new StorageException("store " + dir + " was written by a newer peerstore (schema"
          + " version " + version + "); this build reads schema version " + StoreDb.SCHEMA_VERSION
          + " only");
    }
    if (version < 1) {
      throw new StorageException("store " + dir + " has an invalid schema version " + version);
    }
    if (!unknownColumnFamilies.isEmpty()) {
      throw new StorageException("store " + dir
          + " has column families this build does not know: " + unknownColumnFamilies);
    }
  }

  /** The directory. */
  Path dir() {
    return dir;
  }

  /** What write-ahead log recovery dropped when this database was opened. */
  WalRecovery walRecovery() {
    return walRecovery;
  }

  /** The raw database (for properties, flushes and compactions). */
  RocksDB rocks() {
    return db;
  }

  /** The handle of {@code cf}. */
  ColumnFamilyHandle handle(ColumnFamily cf) {
    return handles.get(cf);
  }

  /**
   * The value of {@code key} in {@code cf}, or null.
   *
   * @throws StorageException if RocksDB fails
   */
  byte[] get(ColumnFamily cf, byte[] key) {
    try {
      return db.get(handles.get(cf), key);
    } catch (RocksDBException e) {
      throw StorageErrors.of("read " + cf.cfName(), e);
    }
  }

  /**
   * Applies {@code batch} atomically and fsyncs it (maintenance writes are few and must
   * survive a power loss before the tool reports them done).
   *
   * @throws StorageException if RocksDB fails (nothing of the batch was applied)
   */
  void write(WriteBatch batch, String what) {
    try {
      db.write(writeOptions, batch);
    } catch (RocksDBException e) {
      throw StorageErrors.of(what, e);
    }
  }

  /**
   * Visits the entries of {@code cf} with {@code from <= key < to} in key order (null bounds:
   * open), without filling the block cache.
   *
   * @throws StorageException if RocksDB fails
   */
  void scan(ColumnFamily cf, byte[] from, byte[] to, StoreDb.ScanVisitor visitor) {
    try (ReadOptions options = new ReadOptions().setFillCache(false);
        RocksIterator it = db.newIterator(handles.get(cf), options)) {
      if (from == null) {
        it.seekToFirst();
      } else {
        it.seek(from);
      }
      while (it.isValid()) {
        byte[] key = it.key();
        if (to != null && Arrays.compareUnsigned(key, to) >= 0) {
          return;
        }
        if (!visitor.visit(key, it.value())) {
          return;
        }
        it.next();
      }
      it.status();
    } catch (RocksDBException e) {
      throw StorageErrors.of("scan " + cf.cfName(), e);
    }
  }

  /**
   * A long property of {@code cf} (see RocksDB's {@code DB::Properties}), or -1 if RocksDB
   * does not report it.
   */
  long longProperty(ColumnFamily cf, String name) {
    try {
      return db.getLongProperty(handles.get(cf), name);
    } catch (RocksDBException e) {
      return -1;
    }
  }

  /** Releases every native object in reverse order of creation. Idempotent. */
  @Override
  public void close() {
    closeAll(resources, null);
  }
}
