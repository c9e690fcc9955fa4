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
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Iterator;
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
import org.jspecify.annotations.Nullable;

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
  static final int SCHEMA_VERSION = 3;

  static {
    RocksDB.loadLibrary();
  }

  private final Path dir;
  private final Deque<AutoCloseable> resources;
  private final RocksDB db;
  private final Map<ColumnFamily, ColumnFamilyHandle> handles;
  /** The grouped writer's batch builder (used by that thread only). */
  private final WriteBatchRep groupRep = new WriteBatchRep(0);
  /** The handles' RocksDB ids by {@link ColumnFamily#ordinal()}; -1 for a family not open. */
  private final int[] familyIds;
  private final ReadOptions readOptions;
  private final WriteOptions writeOptions;
  private final LongAdder calls = new LongAdder();
  /** Set once by {@link StoreOpen} right after the open, before the store is shared. */
  private @Nullable WalRecovery walRecovery;
  private boolean readOnly;
  /** The block cache the column families use (maybe the caller's); null for maintenance. */
  private final @Nullable Cache blockCache;
  /** RocksDB's statistics; null unless enabled. */
  private final @Nullable Statistics statistics;
  /** RocksDB's log: the bridge to System.Logger and the count of WAL recovery drops. */
  private final RocksLog rocksLog;
  /**
   * The pending changes of {@link Durability.Mode#GROUPED}, consulted before RocksDB by every
   * read; null in the other modes (and offline).
   */
  private volatile @Nullable GroupCommit grouped;

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
    this.familyIds = new int[ColumnFamily.values().length];
    for (ColumnFamily cf : ColumnFamily.values()) {
      ColumnFamilyHandle h = handles.get(cf);
      familyIds[cf.ordinal()] = h == null ? -1 : h.getID();
    }
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

  /** Records what the open found ({@link StoreOpen} only, before the store is shared). */
  void opened(WalRecovery recovery, boolean openedReadOnly) {
    this.walRecovery = recovery;
    this.readOnly = openedReadOnly;
  }

  /** Whether every write is fsynced before it returns ({@link Durability#SYNC}; for tests). */
  boolean syncsWrites() {
    return writeOptions.sync();
  }

  /** What write-ahead log recovery dropped when this database was opened. */
  WalRecovery walRecovery() {
    return java.util.Objects.requireNonNull(walRecovery, "not opened by StoreOpen");
  }

  /** How many reads, writes and scans were made (for tests: a cache hit makes none). */
  long callCount() {
    return calls.sum();
  }

  /** The directory. */
  Path dir() {
    return dir;
  }

  /**
   * The handle of {@code cf} (for building write batches); null only for a store opened by
   * maintenance that predates {@code cf} ({@link #has}).
   */
  ColumnFamilyHandle handle(ColumnFamily cf) {
    return handles.get(cf);
  }

  /**
   * Whether the store has {@code cf}: always when opened by a store (it creates what is
   * missing), not for a column family newer than the store when opened by maintenance.
   */
  boolean has(ColumnFamily cf) {
    return handles.containsKey(cf);
  }

  /**
   * The value of {@code key} in {@code cf}, or null if absent.
   *
   * @throws UnreadableEntryException if RocksDB could not read it (a damaged block)
   * @throws StorageException if RocksDB fails
   */
  byte @Nullable [] get(ColumnFamily cf, byte[] key) {
    if (!has(cf)) {
      return null;
    }
    GroupCommit g = grouped;
    if (g != null) {
      byte[] pending = g.lookup(cf, key);
      if (pending != null) {
        return pending == GroupCommit.DELETED ? null : pending.clone();
      }
    }
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
   * @throws StorageException if RocksDB fails
   */
  List<byte[]> multiGet(List<ColumnFamily> cfs, List<byte[]> keys) {
    GroupCommit g = grouped;
    if (g == null) {
      return rocksMultiGet(cfs, keys);
    }
    List<byte[]> values = new ArrayList<>(keys.size());
    List<ColumnFamily> missCfs = new ArrayList<>();
    List<byte[]> missKeys = new ArrayList<>();
    List<Integer> missAt = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      byte[] pending = g.lookup(cfs.get(i), keys.get(i));
      if (pending == null) {
        missCfs.add(cfs.get(i));
        missKeys.add(keys.get(i));
        missAt.add(i);
        values.add(null);
      } else {
        values.add(pending == GroupCommit.DELETED ? null : pending.clone());
      }
    }
    if (!missKeys.isEmpty()) {
      List<byte[]> read = rocksMultiGet(missCfs, missKeys);
      for (int j = 0; j < read.size(); j++) {
        values.set(missAt.get(j), read.get(j));
      }
    }
    return values;
  }

  private List<byte[]> rocksMultiGet(List<ColumnFamily> cfs, List<byte[]> keys) {
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

  /**
   * Applies the changes of {@code batch} atomically, with the store's durability: in
   * {@code SYNC} and {@code WAL} mode as one RocksDB batch before this returns (as
   * {@link #write(WriteBatch, String)}); in {@code GROUPED} mode into the pending changes,
   * visible to every read of this class at once and committed whole with the next group.
   *
   * @throws StorageException if RocksDB fails, or (grouped) an earlier group commit failed;
   *     nothing of the batch was applied
   */
  void commit(Batch batch, String what) {
    GroupCommit g = grouped;
    if (g != null) {
      g.add(batch);
      return;
    }
    WriteBatchRep rep = new WriteBatchRep(WriteBatchRep.bound(batch.bytes(), batch.count()));
    for (int i = 0, n = batch.count(); i < n; i++) {
      rep.change(familyId(batch.cf(i)), batch.key(i), batch.value(i));
    }
    write(rep, what);
  }

  /**
   * Switches to {@link Durability.Mode#GROUPED}: from now on {@link #commit} records into
   * pending changes that one writer thread commits (docs/STORAGE.md, "Durability"). Called
   * once by the store right after the open.
   */
  void startGrouped(Durability durability, String threadName) {
    grouped = new GroupCommit(this::writeLayer, durability.window(), durability.pendingBytes(),
        threadName);
  }

  /**
   * Returns once every change {@link #commit}ted before this call is in the write-ahead log
   * (at once unless grouped).
   *
   * @throws StorageException if a grouped commit failed
   */
  void flushPending() {
    GroupCommit g = grouped;
    if (g != null) {
      g.flush();
    }
  }

  /** How many grouped commits were written (0 unless grouped; for tests). */
  long groupCommits() {
    GroupCommit g = grouped;
    return g == null ? 0 : g.commitCount();
  }

  /** Bytes of keys and values waiting for a grouped commit (0 unless grouped). */
  long pendingBytes() {
    GroupCommit g = grouped;
    return g == null ? 0 : g.pendingBytes();
  }

  /**
   * Commits what is pending and stops the group commit's writer; reads answer from RocksDB
   * alone afterwards. Nothing to do unless grouped.
   *
   * @throws StorageException if a grouped commit failed (what it held is lost)
   */
  void stopGrouped() {
    GroupCommit g = grouped;
    if (g != null) {
      g.close();
      grouped = null;
    }
  }

  private void writeLayer(GroupCommit.Layer layer) {
    int n = layer.size();
    WriteBatchRep rep = groupRep;
    rep.reset(WriteBatchRep.bound(layer.bytes(), n));
    // In key order per family (forEach's order): RocksDB's memtable insert reuses its search
    // position from one key to the next, so sorted inserts cost far less than scattered ones.
    layer.forEach((cf, key, value) -> rep.change(familyId(cf), key, value));
    write(rep, "commit " + n + " grouped changes");
  }

  /** Writes a serialised batch (one native call to build it, one to write it). */
  private void write(WriteBatchRep rep, String what) {
    try (WriteBatch wb = new WriteBatch(rep.toBytes())) {
      write(wb, what);
    }
  }

  /** The RocksDB id of {@code cf}'s handle. */
  private int familyId(ColumnFamily cf) {
    int id = familyIds[cf.ordinal()];
    if (id < 0) {
      throw new IllegalStateException("column family " + cf + " is not open in this store");
    }
    return id;
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
  void scan(ColumnFamily cf, byte @Nullable [] from, byte @Nullable [] to, boolean fillCache,
      ScanVisitor visitor) {
    if (!has(cf)) {
      return;
    }
    calls.increment();
    Slice upper = to == null ? null : new Slice(to);
    try (ReadOptions options = new ReadOptions().setFillCache(fillCache)) {
      if (upper != null) {
        options.setIterateUpperBound(upper);
      }
      GroupCommit g = grouped;
      RocksIterator[] opened = new RocksIterator[1];
      Iterator<Map.Entry<byte[], byte[]>> pending = g == null
          ? Collections.emptyIterator()
          : g.pendingRange(cf, from, to,
              () -> opened[0] = db.newIterator(handles.get(cf), options)).entrySet().iterator();
      try (RocksIterator it = opened[0] != null
          ? opened[0] : db.newIterator(handles.get(cf), options)) {
        if (from == null) {
          it.seekToFirst();
        } else {
          it.seek(from);
        }
        merge(it, pending, visitor);
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

  /** Visits RocksDB's entries and the pending changes in key order, the pending ones winning. */
  private static void merge(
      RocksIterator it, Iterator<Map.Entry<byte[], byte[]>> pending, ScanVisitor visitor) {
    Map.Entry<byte[], byte[]> p = pending.hasNext() ? pending.next() : null;
    while (true) {
      byte[] stored = it.isValid() ? it.key() : null;
      if (p != null && (stored == null || GroupCommit.KEY_ORDER.compare(p.getKey(), stored) <= 0)) {
        if (stored != null && Arrays.equals(p.getKey(), stored)) {
          it.next(); // replaced or deleted by the pending change
        }
        byte[] v = p.getValue();
        if (v != GroupCommit.DELETED && !visitor.visit(p.getKey().clone(), v.clone())) {
          return;
        }
        p = pending.hasNext() ? pending.next() : null;
      } else if (stored != null) {
        if (!visitor.visit(stored, it.value())) {
          return;
        }
        it.next();
      } else {
        return;
      }
    }
  }

  /** {@link #scan} that never fills the block cache (maintenance walks). */
  void scan(
      ColumnFamily cf, byte @Nullable [] from, byte @Nullable [] to, ScanVisitor visitor) {
    scan(cf, from, to, false, visitor);
  }

  /** The RocksDB handle, for maintenance calls this class does not wrap (flush, compaction). */
  RocksDB rocks() {
    return db;
  }

  /** A numeric RocksDB property of {@code cf}, or -1 when RocksDB cannot tell. */
  long longProperty(ColumnFamily cf, String name) {
    if (!has(cf)) {
      return -1;
    }
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
