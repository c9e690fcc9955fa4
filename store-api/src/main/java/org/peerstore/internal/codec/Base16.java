package org.peerstore.internal.codec;

/**
 * Hexadecimal (multibase {@code f}/{@code F}): lower-case output, either case accepted, like Go's
 * {@code encoding/hex}. Stateless; thread-safe.
 */
public final class Base16 {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Base16() {}

  /** Encodes {@code data} as lower-case hex. */
  public static String encode(byte[] data) {
    char[] out = new char[data.length * 2];
    for (int i = 0; i < data.length; i++) {
      out[2 * i] = DIGITS[(data[i] >> 4) & 0xF];
      out[2 * i + 1] = DIGITS[data[i] & 0xF];
    }
    return new String(out);
  }

  /**
   * Decodes hex in either case.
   *
   * @throws CodecException if the length is odd or a character is not a hex digit
   */
  public static byte[] decode(CharSequence text) throws CodecException {
    int n = text.length();
    if (n % 2 != 0) {
      throw new CodecException("hex text has odd length " + n);
    }
    byte[] out = new byte[n / 2];
    for (int i = 0; i < n; i += 2) {
      out[i / 2] = (byte) (digit(text, i) << 4 | digit(text, i + 1));
    }
    return out;
  }

  private static int digit(CharSequence text, int i) throws CodecException {
    char c = text.charAt(i);
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    throw new CodecException("invalid hex character " + Radix.describe(c) + " at index " + i);
  }
}
