package org.peerstore.internal.codec;

import java.io.ByteArrayOutputStream;

/**
 * Unsigned LEB128 varints as multiformats uses them (docs/WIRE.md §1): 7 bits per byte, least
 * significant group first, high bit set on every byte but the last.
 *
 * <p>Decoding is strict, like go-varint {@code FromUvarint}: the encoding must be minimal (no
 * multi-byte varint may end in {@code 0x00}), at most {@value #MAX_LENGTH} bytes long (so values
 * are at most 63 bits and always fit a non-negative {@code long}), and must not be cut short.
 * Because only minimal encodings are accepted, the number of bytes a decoded value occupied is
 * always {@link #encodedLength(long)} of that value, so callers advance by that.
 *
 * <p>Stateless; thread-safe.
 */
public final class Varint {
  /** The longest accepted varint, in bytes. */
  public static final int MAX_LENGTH = 9;

  private Varint() {}

  /**
   * The number of bytes {@code value} takes when encoded (1 to 9).
   *
   * @throws IllegalArgumentException if {@code value} is negative (not representable)
   */
  public static int encodedLength(long value) {
    checkNonNegative(value);
    return (63 - Long.numberOfLeadingZeros(value | 1)) / 7 + 1;
  }

  /**
   * The encoding of {@code value}.
   *
   * @throws IllegalArgumentException if {@code value} is negative
   */
  public static byte[] encode(long value) {
    byte[] out = new byte[encodedLength(value)];
    write(value, out, 0);
    return out;
  }

  /**
   * Writes the encoding of {@code value} into {@code dst} at {@code offset}.
   *
   * @return the offset just after the written bytes
   * @throws IllegalArgumentException if {@code value} is negative
   * @throws IndexOutOfBoundsException if {@code dst} has no room for {@link #encodedLength}
   *     bytes at {@code offset}
   */
  public static int write(long value, byte[] dst, int offset) {
    checkNonNegative(value);
    int pos = offset;
    long v = value;
    while ((v & ~0x7FL) != 0) {
      dst[pos++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    dst[pos++] = (byte) v;
    return pos;
  }

  /**
   * Appends the encoding of {@code value} to {@code out}.
   *
   * @throws IllegalArgumentException if {@code value} is negative
   */
  public static void write(long value, ByteArrayOutputStream out) {
    byte[] buf = new byte[MAX_LENGTH];
    int n = write(value, buf, 0);
    out.write(buf, 0, n);
  }

  /**
   * Decodes the varint that starts at {@code offset}, reading no byte at or beyond {@code limit}.
   * The varint occupied {@link #encodedLength(long)} bytes of the returned value.
   *
   * @return the value, in {@code [0, 2^63-1]}
   * @throws CodecException if the varint is not minimal, is longer than 9 bytes, or does not end
   *     before {@code limit}
   * @throws IndexOutOfBoundsException if {@code offset}/{@code limit} are not within {@code src}
   */
  public static long decode(byte[] src, int offset, int limit) throws CodecException {
    if (offset < 0 || limit > src.length || offset > limit) {
      throw new IndexOutOfBoundsException(
          "range [" + offset + ", " + limit + ") of a " + src.length + "-byte array");
    }
    long value = 0;
    int shift = 0;
    for (int i = 0; offset + i < limit; i++) {
      int b = src[offset + i] & 0xFF;
      if (i == MAX_LENGTH - 1 && b >= 0x80) {
        throw new CodecException("varint is longer than " + MAX_LENGTH + " bytes");
      }
      if (b < 0x80) {
        if (b == 0 && i > 0) {
          throw new CodecException("varint is not minimally encoded");
        }
        return value | ((long) b << shift);
      }
      value |= (long) (b & 0x7F) << shift;
      shift += 7;
    }
    throw new CodecException("varint is truncated");
  }

  /**
   * Decodes the varint at {@code offset}, reading at most to the end of {@code src}.
   *
   * @see #decode(byte[], int, int)
   */
  public static long decode(byte[] src, int offset) throws CodecException {
    return decode(src, offset, src.length);
  }

  private static void checkNonNegative(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("varints hold values in [0, 2^63-1], got " + value);
    }
  }
}
