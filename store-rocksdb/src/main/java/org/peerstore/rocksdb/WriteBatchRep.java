package org.peerstore.rocksdb;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Builds a batch of puts and deletes in RocksDB's serialised {@code WriteBatch} form
 * (docs/STORAGE.md, "Durability", write batches), so the whole batch crosses into RocksDB in one native call
 * ({@code new WriteBatch(byte[])}) instead of one per change.
 *
 * <p>The form: a 12-byte header (an 8-byte sequence number, which {@code DB::Write} assigns, and
 * the 4-byte little-endian record count), then per record a tag byte, the column family id as a
 * varint32 unless it is the default family (0), the key and, for a put, the value, each as a
 * varint32 length and its bytes. Tags: put 0x1, delete 0x0 in the default family; put 0x5,
 * delete 0x4 with a family id. {@code WriteBatchRepTest} checks every byte against what
 * RocksJava's own {@code WriteBatch.put}/{@code delete} build.
 *
 * <p>Not thread-safe: one builder per batch, used by one thread.
 */
final class WriteBatchRep {
  private static final int HEADER = 12;
  private static final byte PUT = 0x1;
  private static final byte DELETE = 0x0;
  private static final byte CF_PUT = 0x5;
  private static final byte CF_DELETE = 0x4;
  /** The most a record adds besides its key and value: tag, family id and two lengths. */
  private static final int RECORD_OVERHEAD = 1 + 5 + 5 + 5;

  /** A buffer at most this large is kept across {@link #reset}s however small batches get. */
  private static final int KEEP_BYTES = 1 << 20;

  private byte[] buf;
  private int len = HEADER;
  private int count;

  /**
   * @param expectedBytes the bytes the records will likely take (a hint: the buffer grows)
   */
  WriteBatchRep(long expectedBytes) {
    buf = new byte[capacity(expectedBytes)];
  }

  /** The most bytes {@code count} records holding {@code bytes} of keys and values take. */
  static long bound(long bytes, int count) {
    return bytes + (long) count * RECORD_OVERHEAD;
  }

  /** Adds a put of {@code value}, or a delete when it is null. */
  void change(int cfId, byte[] key, byte @Nullable [] value) {
    if (value == null) {
      delete(cfId, key);
    } else {
      put(cfId, key, value);
    }
  }

  /**
   * Empties the builder for the next batch, keeping its buffer (so a thread that builds one
   * large batch after another does not allocate and zero a new buffer each time).
   *
   * @param expectedBytes as for the constructor
   */
  void reset(long expectedBytes) {
    len = HEADER;
    count = 0;
    long want = HEADER + expectedBytes;
    // Grows to the largest batch, and gives a large buffer back once batches are far smaller.
    if (buf.length < want || (buf.length > KEEP_BYTES && buf.length / 4 > want)) {
      buf = new byte[capacity(expectedBytes)];
    }
  }

  private static int capacity(long expectedBytes) {
    return (int) Math.min(Math.max(64, HEADER + expectedBytes), Integer.MAX_VALUE - 8);
  }

  /** Adds a put of {@code value} under {@code key} in the column family {@code cfId}. */
  void put(int cfId, byte[] key, byte[] value) {
    ensure((long) key.length + value.length + RECORD_OVERHEAD);
    tag(cfId, PUT, CF_PUT);
    bytes(key);
    bytes(value);
    count++;
  }

  /** Adds a delete of {@code key} in the column family {@code cfId}. */
  void delete(int cfId, byte[] key) {
    ensure((long) key.length + RECORD_OVERHEAD);
    tag(cfId, DELETE, CF_DELETE);
    bytes(key);
    count++;
  }

  /** How many records were added. */
  int count() {
    return count;
  }

  /** The serialised batch (sequence number 0, the count filled in): a copy. */
  byte[] toBytes() {
    byte[] out = Arrays.copyOf(buf, len);
    out[8] = (byte) count;
    out[9] = (byte) (count >>> 8);
    out[10] = (byte) (count >>> 16);
    out[11] = (byte) (count >>> 24);
    return out;
  }

  private void tag(int cfId, byte plain, byte withFamily) {
    if (cfId == 0) {
      buf[len++] = plain;
    } else {
      buf[len++] = withFamily;
      varint(cfId);
    }
  }

  private void bytes(byte[] b) {
    varint(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
  }

  private void varint(int v) {
    while ((v & ~0x7F) != 0) {
      buf[len++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[len++] = (byte) v;
  }

  private void ensure(long more) {
    long need = len + more;
    if (need > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("write batch larger than 2 GiB");
    }
    if (need > buf.length) {
      buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(need,
          2L * buf.length)));
    }
  }
}
