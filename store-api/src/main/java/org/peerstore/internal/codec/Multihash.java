package org.peerstore.internal.codec;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A multihash: {@code varint(code) || varint(digest length) || digest} (docs/WIRE.md §3.1).
 *
 * <p>Parsing follows go-multihash {@code Decode}: at least 2 bytes, minimal varints, a digest
 * length of at most 2^31-1, and a total length exactly equal to the header plus the declared
 * digest length (no missing and no trailing bytes). The hash function code is not checked against
 * a registry: any code is accepted, as go does; callers that care (peer ids) check it.
 *
 * <p>Instances are immutable and value-equal on their bytes; thread-safe.
 */
public final class Multihash {
  /** The identity "hash" (digest = the data itself). */
  public static final int IDENTITY = 0x00;

  /** SHA2-256. */
  public static final int SHA2_256 = 0x12;

  private final byte[] bytes;
  private final long code;
  private final int digestOffset;

  private Multihash(byte[] bytes, long code, int digestOffset) {
    this.bytes = bytes;
    this.code = code;
    this.digestOffset = digestOffset;
  }

  /**
   * Parses a multihash that occupies all of {@code bytes} (which are copied).
   *
   * @throws CodecException naming what is wrong
   */
  public static Multihash decode(byte[] bytes) throws CodecException {
    long code = validate(bytes, 0, bytes.length);
    int digestOffset = bytes.length - digestLength(bytes, 0, bytes.length);
    return new Multihash(bytes.clone(), code, digestOffset);
  }

  /**
   * Checks that {@code length} bytes at {@code offset} are exactly one multihash, without
   * allocating.
   *
   * @return the hash function code
   * @throws CodecException naming what is wrong
   * @throws IndexOutOfBoundsException if the range is not within {@code src}
   */
  public static long validate(byte[] src, int offset, int length) throws CodecException {
    int end = offset + length;
    if (offset < 0 || length < 0 || end > src.length) {
      throw new IndexOutOfBoundsException(
          "range [" + offset + ", +" + length + ") of a " + src.length + "-byte array");
    }
    if (length < 2) {
      throw new CodecException("multihash too short: " + length + " bytes");
    }
    long code;
    try {
      code = Varint.decode(src, offset, end);
    } catch (CodecException e) {
      throw new CodecException("multihash code: " + e.getMessage(), e);
    }
    int pos = offset + Varint.encodedLength(code);
    long declared;
    try {
      declared = Varint.decode(src, pos, end);
    } catch (CodecException e) {
      throw new CodecException("multihash digest length: " + e.getMessage(), e);
    }
    if (declared > Integer.MAX_VALUE) {
      throw new CodecException("multihash digest length " + declared + " exceeds 2^31-1");
    }
    pos += Varint.encodedLength(declared);
    int present = end - pos;
    if (declared != present) {
      throw new CodecException(
          "multihash length mismatch: declares " + declared + " digest bytes, " + present
              + " present");
    }
    return code;
  }

  /**
   * The digest length of the multihash at {@code offset}, which must already have passed {@link
   * #validate}.
   */
  public static int digestLength(byte[] src, int offset, int length) {
    try {
      long code = Varint.decode(src, offset, offset + length);
      return (int) Varint.decode(src, offset + Varint.encodedLength(code), offset + length);
    } catch (CodecException e) {
      throw new IllegalArgumentException("not a validated multihash", e);
    }
  }

  /**
   * Builds the multihash bytes {@code varint(code) || varint(digest.length) || digest}.
   *
   * @throws IllegalArgumentException if {@code code} is negative
   */
  public static byte[] encode(long code, byte[] digest) {
    byte[] out =
        new byte[Varint.encodedLength(code) + Varint.encodedLength(digest.length) + digest.length];
    int pos = Varint.write(code, out, 0);
    pos = Varint.write(digest.length, out, pos);
    System.arraycopy(digest, 0, out, pos, digest.length);
    return out;
  }

  /** The identity multihash of {@code data}: {@code 00 varint(len) data}. */
  public static byte[] identity(byte[] data) {
    return encode(IDENTITY, data);
  }

  /** The sha2-256 multihash of {@code data}: {@code 12 20 sha256(data)}. */
  public static byte[] sha256(byte[] data) {
    try {
      return encode(SHA2_256, MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** The hash function code. */
  public long code() {
    return code;
  }

  /** The digest length in bytes. */
  public int digestLength() {
    return bytes.length - digestOffset;
  }

  /** The digest (a copy). */
  public byte[] digest() {
    return Arrays.copyOfRange(bytes, digestOffset, bytes.length);
  }

  /** The whole multihash (a copy). */
  public byte[] toBytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Multihash && Arrays.equals(bytes, ((Multihash) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** {@code code/hex digest}, e.g. {@code 0x12/9b7d…}, for debugging. */
  @Override
  public String toString() {
    return "0x" + Long.toHexString(code) + "/" + Base16.encode(digest());
  }
}
