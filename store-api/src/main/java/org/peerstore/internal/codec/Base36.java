package org.peerstore.internal.codec;

/**
 * Base36 ({@code 0-9a-z}), multibase {@code k}/{@code K}, as go-base36 does it: a big-endian
 * number with each leading zero byte written as one leading {@code '0'}. Encoding is lower-case;
 * decoding accepts either case. Stateless; thread-safe.
 */
public final class Base36 {
  private static final Radix RADIX =
      new Radix("base36", "0123456789abcdefghijklmnopqrstuvwxyz", true);

  private Base36() {}

  /** Encodes {@code data} in lower case. */
  public static String encode(byte[] data) {
    return RADIX.encode(data);
  }

  /**
   * Decodes base36 text in either case.
   *
   * @throws CodecException naming the first character outside the alphabet
   */
  public static byte[] decode(CharSequence text) throws CodecException {
    return RADIX.decode(text);
  }
}
