package org.peerstore.rocksdb;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.peerstore.StorageException;
import org.peerstore.peer.PeerId;
import org.rocksdb.RocksDBException;

/**
 * Read-only raw access to a store directory's column families, for the day something looks
 * wrong: RocksDB's properties of each column family, and the undecoded bytes of entries by key or
 * key prefix (docs/STORAGE.md gives each column family's key and value format). Opened like
 * {@link RocksMaintenance#openReadOnly}: nothing in the directory is written and no lock is
 * taken. Every call reads the database as it is at that call.
 *
 * <p>Not thread-safe: use one instance from one thread at a time.
 */
public final class RawReader implements AutoCloseable {
  /** The RocksDB properties {@link #properties} reports. */
  private static final List<String> PROPERTIES = List.of(
      "rocksdb.estimate-num-keys",
      "rocksdb.estimate-live-data-size",
      "rocksdb.total-sst-files-size",
      "rocksdb.live-sst-files-size",
      "rocksdb.num-live-versions",
      "rocksdb.cur-size-all-mem-tables",
      "rocksdb.num-entries-active-mem-table",
      "rocksdb.estimate-pending-compaction-bytes",
      "rocksdb.num-files-at-level0",
      "rocksdb.num-files-at-level1",
      "rocksdb.num-files-at-level2",
      "rocksdb.block-cache-usage");

  /**
   * One stored entry, undecoded. Copies of the arrays.
   *
   * @param key the key
   * @param value the value
   */
  public record Entry(byte[] key, byte[] value) {
    /** Copies the arrays. */
    public Entry {
      key = key.clone();
      value = value.clone();
    }

    /** A copy of the key. */
    @Override
    public byte[] key() {
      return key.clone();
    }

    /** A copy of the value. */
    @Override
    public byte[] value() {
      return value.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Entry e && Arrays.equals(key, e.key) && Arrays.equals(value, e.value);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(key) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Entry[" + key.length + "-byte key, " + value.length + "-byte value]";
    }
  }

  private final StoreDb db;
  private boolean closed;

  private RawReader(StoreDb db) {
    this.db = db;
  }

  /**
   * Opens the store in {@code dir} read-only.
   *
   * @throws StorageException if {@code dir} is not a store, was written by a newer schema, or
   *     cannot be opened
   * @throws NullPointerException if {@code dir} is null
   */
  public static RawReader openReadOnly(Path dir) {
    StoreDirectory.diagnose(Objects.requireNonNull(dir, "dir"));
    return new RawReader(StoreOpen.existing(dir, true));
  }

  /** The names of the store's column families, in the order docs/STORAGE.md lists them. */
  public static List<String> columnFamilies() {
    List<String> names = new ArrayList<>();
    for (ColumnFamily cf : ColumnFamily.values()) {
      names.add(cf.cfName());
    }
    return names;
  }

  /**
   * The prefix of every key of {@code peer} in the addrs, records, keys, protocols and metadata
   * column families (the whole key in addrs, records and protocols).
   */
  public static byte[] peerPrefix(PeerId peer) {
    return StoreKeys.peer(peer.toBytes());
  }

  /**
   * RocksDB's properties of column family {@code cf}, by property name in a fixed order; a
   * value RocksDB cannot tell is omitted. Empty for a column family the directory lacks (a
   * schema 1 store has no bans).
   *
   * @throws IllegalArgumentException if {@code cf} is no column family of the store
   * @throws IllegalStateException after {@link #close()}
   */
  public Map<String, String> properties(String cf) {
    ColumnFamily family = family(cf);
    checkOpen();
    Map<String, String> out = new LinkedHashMap<>();
    if (!db.has(family)) {
      return out;
    }
    for (String name : PROPERTIES) {
      try {
        String v = db.rocks().getProperty(db.handle(family), name);
        if (v != null && !v.isEmpty()) {
          out.put(name, v.strip());
        }
      } catch (RocksDBException e) {
        // not known to this RocksDB build: omitted
      }
    }
    return out;
  }

  /**
   * The value of {@code key} in {@code cf}, or null if absent.
   *
   * @throws IllegalArgumentException if {@code cf} is no column family of the store
   * @throws StorageException if RocksDB fails
   * @throws IllegalStateException after {@link #close()}
   */
  public byte @Nullable [] get(String cf, byte[] key) {
    ColumnFamily family = family(cf);
    checkOpen();
    return db.has(family) ? db.get(family, key.clone()) : null;
  }

  /**
   * Up to {@code limit} entries of {@code cf} whose key starts with {@code prefix} (all keys
   * for an empty prefix), in key order.
   *
   * @throws IllegalArgumentException if {@code cf} is no column family or {@code limit < 1}
   * @throws StorageException if RocksDB fails
   * @throws IllegalStateException after {@link #close()}
   */
  public List<Entry> scan(String cf, byte[] prefix, int limit) {
    ColumnFamily family = family(cf);
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    checkOpen();
    List<Entry> out = new ArrayList<>();
    byte[] from = prefix.length == 0 ? null : prefix.clone();
    byte[] to = prefix.length == 0 ? null : StoreKeys.prefixEnd(prefix);
    db.scan(family, from, to, (k, v) -> {
      out.add(new Entry(k, v));
      return out.size() < limit;
    });
    return out;
  }

  private static ColumnFamily family(String cf) {
    for (ColumnFamily f : ColumnFamily.values()) {
      if (f.cfName().equals(cf)) {
        return f;
      }
    }
    throw new IllegalArgumentException("no column family " + cf + " (the store has "
        + String.join(", ", columnFamilies()) + ")");
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("closed");
    }
  }

  /** Releases the database. Idempotent. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      db.close();
    }
  }
}
