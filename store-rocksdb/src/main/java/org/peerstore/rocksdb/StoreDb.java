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
import org.rocksdb.Statistics;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The open RocksDB database of one store directory and every native object that goes with it:
 * block cache, bloom filter, options, column family handles, read and write options.
 *
 * <p>The one RocksDB access layer of the live store and of offline maintenance: both open it
 * through {@link StoreOpen} (which creates the native objects in a fixed order and checks the
 * schema version), and {@link #close} releases them in exactly the reverse order, so no native
 * memory or file handle outlives the store. Key encoding is {@link StoreKeys}'. Every method
 * wraps {@link RocksDBException} in a {@link StorageException}.
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
  /** The block cache the column families use (maybe the caller's); null for maintenance. */
  private final Cache blockCache;
  /** RocksDB's statistics; null unless enabled. */
  private final Statistics statistics;
  /** The bridge of RocksDB's log to System.Logger; null when off or for maintenance. */
  private final RocksLog rocksLog;

  StoreDb(
      Path dir,
      Deque<AutoCloseable> resources,
      RocksDB db,
      Map<ColumnFamily, ColumnFamilyHandle> handles,
      ReadOptions readOptions,
      WriteOptions writeOptions,
      Cache blockCache,
      Statistics statistics,
      RocksLog rocksLog) {
    this.blockCache = blockCache;
    this.statistics = statistics;
    this.rocksLog = rocksLog;
    this.dir = dir;
    this.resources = resources;
    this.db = db;
    this.handles = handles;
    this.readOptions = readOptions;
    this.writeOptions = writeOptions;
  }

  /**
   * Durably syncs the write-ahead log (used on close, so a closed store survives power loss
   * even without {@code syncWrites}).
   *
   * @throws StorageException if RocksDB fails
   */
  void syncWal() {
    calls.increment();
    try {
      db.flushWal(true);
    } catch (RocksDBException e) {
      throw StorageErrors.of("sync the write-ahead log", e);
    }
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
   * The value of {@code key} in {@code cf}, or null.
   *
   * @throws StorageException if RocksDB fails
   */
  byte[] get(ColumnFamily cf, byte[] key) {
    calls.increment();
    try {
      return db.get(handles.get(cf), readOptions, key);
    } catch (RocksDBException e) {
      throw StorageErrors.of("read " + cf.cfName(), e);
    }
  }

  /**
   * The values of several keys, each in its own column family, read in one call; null where
   * absent.
   *
   * @throws StorageException if RocksDB fails
   */
  List<byte[]> multiGet(List<ColumnFamily> cfs, List<byte[]> keys) {
    calls.increment();
    List<ColumnFamilyHandle> hs = new ArrayList<>(cfs.size());
    for (ColumnFamily cf : cfs) {
      hs.add(handles.get(cf));
    }
    try {
      return db.multiGetAsList(readOptions, hs, keys);
    } catch (RocksDBException e) {
      throw StorageErrors.of("read " + cfs, e);
    }
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

  /** {@link #scan} that never fills the block cache (maintenance walks). */
  void scan(ColumnFamily cf, byte[] from, byte[] to, ScanVisitor visitor) {
    scan(cf, from, to, false, visitor);
  }

  /** The RocksDB handle, for maintenance calls this class does not wrap (flush, compaction). */
  RocksDB rocks() {
    return db;
  }

  /** A numeric RocksDB property of {@code cf}, or -1 when RocksDB cannot tell. */
  long longProperty(ColumnFamily cf, String name) {
    try {
      return db.getLongProperty(handles.get(cf), name);
    } catch (RocksDBException e) {
      return -1;
    }
  }

  /** The block cache of the column families (maybe shared with others), or null. */
  Cache blockCache() {
    return blockCache;
  }

  /** RocksDB's statistics, or null when not enabled. */
  Statistics statistics() {
    return statistics;
  }

  /** The bridge of RocksDB's log, or null (for tests: it is closed with the rest). */
  RocksLog rocksLog() {
    return rocksLog;
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
