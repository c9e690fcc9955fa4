package org.peerstore.rocksdb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/** {@link WriteBatchRep} builds exactly the bytes RocksJava's own {@link WriteBatch} builds. */
class WriteBatchRepTest {
  private static final int[] LENGTHS = {0, 1, 2, 127, 128, 129, 300, 16_383, 16_384, 70_000};

  @TempDir Path dir;

  @Test
  void randomBatchesMatchRocksJavaByteForByteAndApply() throws RocksDBException {
    List<ColumnFamilyDescriptor> descriptors = List.of(
        new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY),
        new ColumnFamilyDescriptor("a".getBytes(UTF_8)),
        new ColumnFamilyDescriptor("b".getBytes(UTF_8)));
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try (DBOptions options =
            new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
        RocksDB db = RocksDB.open(options, dir.toString(), descriptors, handles);
        WriteOptions wo = new WriteOptions()) {
      try {
        Random rnd = new Random(16);
        // One builder for every round, as the grouped writer uses it: a reset forgets the last.
        WriteBatchRep rep = new WriteBatchRep(0);
        for (int round = 0; round < 200; round++) {
          rep.reset(rnd.nextInt(100));
          List<Object[]> changes = new ArrayList<>();
          try (WriteBatch expected = new WriteBatch()) {
            int n = rnd.nextInt(20);
            for (int i = 0; i < n; i++) {
              ColumnFamilyHandle h = handles.get(rnd.nextInt(handles.size()));
              byte[] key = bytes(rnd, 1 + rnd.nextInt(3) * 100 + rnd.nextInt(3));
              if (rnd.nextInt(3) == 0) {
                expected.delete(h, key);
                rep.delete(h.getID(), key);
                changes.add(new Object[] {h, key, null});
              } else {
                byte[] value = bytes(rnd, LENGTHS[rnd.nextInt(LENGTHS.length)]);
                expected.put(h, key, value);
                rep.put(h.getID(), key, value);
                changes.add(new Object[] {h, key, value});
              }
            }
            assertThat(rep.count()).isEqualTo(n);
            byte[] built = rep.toBytes();
            assertThat(built).as("round %d", round).isEqualTo(expected.data());
            try (WriteBatch wb = new WriteBatch(built)) {
              assertThat(wb.count()).isEqualTo(n);
              db.write(wo, wb);
            }
          }
          // Applied as written: the last change of each key is what RocksDB holds.
          for (int i = changes.size() - 1; i >= 0; i--) {
            Object[] c = changes.get(i);
            boolean later = false;
            for (int j = i + 1; j < changes.size(); j++) {
              Object[] d = changes.get(j);
              later |= d[0] == c[0] && java.util.Arrays.equals((byte[]) d[1], (byte[]) c[1]);
            }
            if (!later) {
              assertThat(db.get((ColumnFamilyHandle) c[0], (byte[]) c[1])).isEqualTo(c[2]);
            }
          }
        }
      } finally {
        for (int i = handles.size() - 1; i >= 0; i--) {
          handles.get(i).close();
        }
      }
    }
  }

  @Test
  void aBufferTooSmallForItsRecordsGrows() {
    WriteBatchRep rep = new WriteBatchRep(0);
    byte[] big = new byte[100_000];
    rep.put(3, "k".getBytes(UTF_8), big);
    rep.delete(0, "k".getBytes(UTF_8));
    byte[] b = rep.toBytes();
    // header + (tag, family id, key length, key, 3-byte value length, value) + (tag, length, key)
    assertThat(b).hasSize(12 + (1 + 1 + 1 + 1 + 3 + big.length) + (1 + 1 + 1));
    assertThat(b[8]).isEqualTo((byte) 2);
  }

  private static byte[] bytes(Random rnd, int n) {
    byte[] b = new byte[n];
    rnd.nextBytes(b);
    return b;
  }
}
