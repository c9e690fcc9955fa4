package org.peerstore.rocksdb;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * Direct RocksDB access to a (closed) store directory, bypassing the store: for tests that
 * damage data or inspect what is on disk.
 */
final class RawRocks implements AutoCloseable {
  private final DBOptions options;
  private final RocksDB db;
  private final List<ColumnFamilyHandle> handles = new ArrayList<>();
  private final List<String> names = new ArrayList<>();

  private RawRocks(Path dir, List<String> extraColumnFamilies) throws RocksDBException {
    List<byte[]> existing;
    try (Options o = new Options()) {
      existing = RocksDB.listColumnFamilies(o, dir.toString());
    }
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    for (byte[] name : existing) {
      descriptors.add(new ColumnFamilyDescriptor(name));
      names.add(new String(name, java.nio.charset.StandardCharsets.UTF_8));
    }
    for (String extra : extraColumnFamilies) {
      if (!names.contains(extra)) {
        descriptors.add(new ColumnFamilyDescriptor(extra.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        names.add(extra);
      }
    }
    options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
    db = RocksDB.open(options, dir.toString(), descriptors, handles);
  }

  /** Opens an existing store directory with all of its column families (plus {@code extra}). */
  static RawRocks open(Path dir, String... extra) throws RocksDBException {
    return new RawRocks(dir, List.of(extra));
  }

  ColumnFamilyHandle handle(ColumnFamily cf) {
    return handle(cf.cfName());
  }

  ColumnFamilyHandle handle(String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no column family " + name + " in " + names);
    }
    return handles.get(i);
  }

  void put(ColumnFamily cf, byte[] key, byte[] value) throws RocksDBException {
    db.put(handle(cf), key, value);
  }

  void delete(ColumnFamily cf, byte[] key) throws RocksDBException {
    db.delete(handle(cf), key);
  }

  byte[] get(ColumnFamily cf, byte[] key) throws RocksDBException {
    return db.get(handle(cf), key);
  }

  /** Every key of {@code cf}, in order. */
  List<byte[]> keys(ColumnFamily cf) {
    List<byte[]> keys = new ArrayList<>();
    try (RocksIterator it = db.newIterator(handle(cf))) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        keys.add(it.key());
      }
    }
    return keys;
  }

  /** Every value of {@code cf}, in key order. */
  List<byte[]> values(ColumnFamily cf) {
    List<byte[]> values = new ArrayList<>();
    try (RocksIterator it = db.newIterator(handle(cf))) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        values.add(it.value());
      }
    }
    return values;
  }

  /** Drops column family {@code name} (to make a directory look like an older schema's). */
  void dropColumnFamily(String name) throws RocksDBException {
    db.dropColumnFamily(handle(name));
  }

  /** The live table files of {@code cf}, newest (highest file number) first. */
  List<java.nio.file.Path> sstFiles(ColumnFamily cf) {
    List<org.rocksdb.LiveFileMetaData> files = new ArrayList<>();
    for (org.rocksdb.LiveFileMetaData f : db.getLiveFilesMetaData()) {
      if (new String(f.columnFamilyName(), java.nio.charset.StandardCharsets.UTF_8)
          .equals(cf.cfName())) {
        files.add(f);
      }
    }
    files.sort((a, b) -> b.fileName().compareTo(a.fileName()));
    List<java.nio.file.Path> out = new ArrayList<>();
    for (org.rocksdb.LiveFileMetaData f : files) {
      out.add(java.nio.file.Path.of(f.path(), f.fileName()));
    }
    return out;
  }

  /** Flushes every memtable to table files. */
  void flush() throws RocksDBException {
    try (org.rocksdb.FlushOptions o = new org.rocksdb.FlushOptions().setWaitForFlush(true)) {
      db.flush(o, handles);
    }
  }

  @Override
  public void close() {
    for (int i = handles.size() - 1; i >= 0; i--) {
      handles.get(i).close();
    }
    db.close();
    options.close();
  }
}
