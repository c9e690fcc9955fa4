package org.peerstore.fuzz;

import static org.peerstore.fuzz.FuzzAssertions.assertBytes;
import static org.peerstore.fuzz.FuzzAssertions.assertMessage;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.Map;
import org.peerstore.MetadataCodec;
import org.peerstore.internal.MetadataValues;

/**
 * The stored metadata value format ({@link MetadataValues#decode}, what a store reads back from
 * memory or disk) throws only {@link IllegalArgumentException}; a decoded value re-encodes to
 * the same bytes. One codec type ({@code "point"}, two big-endian ints) is registered so that
 * the registered-type path is fuzzed too.
 */
class MetadataValuesFuzzTest {

  /** A registered application type. */
  record Point(int x, int y) {}

  private static final MetadataCodec<Point> POINT = new MetadataCodec<>() {
    @Override
    public byte[] encode(Point p) {
      return ByteBuffer.allocate(8).putInt(p.x()).putInt(p.y()).array();
    }

    @Override
    public Point decode(byte[] bytes) {
      if (bytes.length != 8) {
        throw new IllegalArgumentException("point must have 8 bytes, has " + bytes.length);
      }
      ByteBuffer b = ByteBuffer.wrap(bytes);
      return new Point(b.getInt(), b.getInt());
    }
  };

  private static final MetadataValues VALUES =
      new MetadataValues(Map.of("point", Point.class), Map.of(Point.class, POINT));

  @FuzzTest
  void decode(byte[] data) {
    Object value;
    try {
      value = VALUES.decode(data);
    } catch (IllegalArgumentException e) {
      assertMessage(e);
      return;
    }
    assertBytes(data, VALUES.encode(value), "encode(decode())");
  }
}
