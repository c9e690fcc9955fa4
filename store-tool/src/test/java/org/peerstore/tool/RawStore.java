package org.peerstore.tool;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.peerstore.peer.PeerId;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * A closed store directory opened with the raw RocksDB API, for tests that damage it on
 * purpose or look at what is on disk. Keys follow docs/STORAGE.md: per-peer keys start with
 * {@code [length][peer id bytes]}; expiry index keys are the sign-flipped big-endian expiry
 * followed by the peer id.
 */
final class RawStore implements AutoCloseable {
  private final DBOptions options;
  private final RocksDB db;
  private final List<ColumnFamilyHandle> handles = new ArrayList<>();
  private final List<String> names = new ArrayList<>();

  RawStore(Path dir) throws RocksDBException {
    List<byte[]> existing;
    try (Options o = new Options()) {
      existing = RocksDB.listColumnFamilies(o, dir.toString());
    }
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    for (byte[] name : existing) {
      descriptors.add(new ColumnFamilyDescriptor(name));
      names.add(new String(name, StandardCharsets.UTF_8));
    }
    options = new DBOptions();
    db = RocksDB.open(options, dir.toString(), descriptors, handles);
  }

  /** The framed peer prefix of {@code p}. */
  static byte[] peerKey(PeerId p) {
    byte[] id = p.toBytes();
    byte[] key = new byte[id.length + 1];
    key[0] = (byte) id.length;
    System.arraycopy(id, 0, key, 1, id.length);
    return key;
  }

  /** {@code p}'s prefix followed by {@code suffix}. */
  static byte[] peerKey(PeerId p, byte... suffix) {
    byte[] prefix = peerKey(p);
    byte[] key = Arrays.copyOf(prefix, prefix.length + suffix.length);
    System.arraycopy(suffix, 0, key, prefix.length, suffix.length);
    return key;
  }

  /** The expiry index key of {@code p} at {@code expiryNanos}. */
  static byte[] expiryKey(long expiryNanos, PeerId p) {
    byte[] id = p.toBytes();
    byte[] key = new byte[8 + id.length];
    long v = expiryNanos ^ Long.MIN_VALUE;
    for (int i = 7; i >= 0; i--) {
      key[i] = (byte) v;
      v >>>= 8;
    }
    System.arraycopy(id, 0, key, 8, id.length);
    return key;
  }

  ColumnFamilyHandle handle(String cf) {
    int i = names.indexOf(cf);
    if (i < 0) {
      throw new IllegalArgumentException("no column family " + cf);
    }
    return handles.get(i);
  }

  void put(String cf, byte[] key, byte[] value) throws RocksDBException {
    db.put(handle(cf), key, value);
  }

  byte[] get(String cf, byte[] key) throws RocksDBException {
    return db.get(handle(cf), key);
  }

  void delete(String cf, byte[] key) throws RocksDBException {
    db.delete(handle(cf), key);
  }

  /** Every key of {@code cf}, in order. */
  List<byte[]> keys(String cf) {
    List<byte[]> keys = new ArrayList<>();
    try (RocksIterator it = db.newIterator(handle(cf))) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        keys.add(it.key());
      }
    }
    return keys;
  }

  /** Flushes every memtable to table files. */
  void flush() throws RocksDBException {
    try (org.rocksdb.FlushOptions o = new org.rocksdb.FlushOptions().setWaitForFlush(true)) {
      db.flush(o, handles);
    }
  }

  /** The live table files of {@code cf}, newest (highest file number) first. */
  List<Path> sstFiles(String cf) {
    List<org.rocksdb.LiveFileMetaData> files = new ArrayList<>();
    for (org.rocksdb.LiveFileMetaData f : db.getLiveFilesMetaData()) {
      if (new String(f.columnFamilyName(), StandardCharsets.UTF_8).equals(cf)) {
        files.add(f);
      }
    }
    files.sort((a, b) -> b.fileName().compareTo(a.fileName()));
    List<Path> out = new ArrayList<>();
    for (org.rocksdb.LiveFileMetaData f : files) {
      out.add(Path.of(f.path(), f.fileName()));
    }
    return out;
  }

  /**
   * Flushes the closed store in {@code dir} and inverts {@code n} bytes in the middle of the
   * newest table file of {@code cf}, as a failing disk would (its block checksum then fails).
   */
  static Path flipMiddleOfNewestSst(Path dir, String cf, int n) throws Exception {
    List<Path> files;
    try (RawStore raw = new RawStore(dir)) {
      raw.flush();
      files = raw.sstFiles(cf);
    }
    Path file = files.get(0);
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
      long at = f.length() / 2;
      byte[] b = new byte[n];
      f.seek(at);
      f.readFully(b);
      for (int i = 0; i < n; i++) {
        b[i] = (byte) ~b[i];
      }
      f.seek(at);
      f.write(b);
    }
    return file;
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
