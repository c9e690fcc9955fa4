package org.peerstore.rocksdb;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;

/**
 * Damages a (closed) store on disk as a failing disk would: flushes every memtable, then flips
 * bytes in the middle of the newest table file of one column family, so RocksDB's block
 * checksum no longer matches and reads of the keys in that block fail with a Corruption status.
 */
final class SstDamage {
  private SstDamage() {}

  /**
   * Flushes the store in {@code dir} and flips {@code n} bytes in the middle of the newest
   * table file of {@code cf}.
   *
   * @return the damaged file
   */
  static Path flipMiddle(Path dir, ColumnFamily cf, int n) throws Exception {
    List<Path> files;
    try (RawRocks raw = RawRocks.open(dir)) {
      raw.flush();
      files = raw.sstFiles(cf);
    }
    if (files.isEmpty()) {
      throw new IllegalStateException("no table file of " + cf.cfName() + " in " + dir);
    }
    Path file = files.get(0);
    flip(file, n);
    return file;
  }

  /** Inverts {@code n} bytes in the middle of {@code file}. */
  static void flip(Path file, int n) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
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
  }
}
