package org.peerstore.internal.codec;

import java.util.Arrays;

/**
 * RFC 4648 base64 in its alphabets: {@link #STANDARD} (multibase {@code m}/{@code M}),
 * {@link #URL} (multibase {@code u}/{@code U}, certhash text) and {@link #I2P} (garlic64
 * addresses, {@code -} and {@code ~} in place of {@code +} and {@code /}).
 *
 * <p>Decoding follows Go's {@code encoding/base64}: padded text is whole 4-character quanta whose
 * last one may end in one or two {@code '='}; unpadded text has no {@code '='} and a length other
 * than 1 modulo 4; bits left over past the last whole byte are ignored. Unlike Go, line breaks
 * inside the text are not skipped.
 *
 * <p>Immutable; thread-safe.
 */
public final class Base64 {
  /** RFC 4648 §4 alphabet ({@code +}, {@code /}). */
  public static final Base64 STANDARD = new Base64("base64", '+', '/');

  /** RFC 4648 §5 URL-safe alphabet ({@code -}, {@code _}). */
  public static final Base64 URL = new Base64("base64url", '-', '_');

  /** I2P's alphabet ({@code -}, {@code ~}). */
  public static final Base64 I2P = new Base64("i2p base64", '-', '~');

  private static final char PAD = '=';

  private final String name;
  private final char[] alphabet;
  private final byte[] values = new byte[128];

  private Base64(String name, char c62, char c63) {
    this.name = name;
    this.alphabet =
        ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789" + c62 + c63)
            .toCharArray();
    Arrays.fill(values, (byte) -1);
    for (int i = 0; i < 64; i++) {
      values[alphabet[i]] = (byte) i;
    }
  }

  /**
   * Encodes {@code data}.
   *
   * @param padded whether to pad the last quantum with {@code '='} to 4 characters
   */
  public String encode(byte[] data, boolean padded) {
    int chars = (data.length * 8 + 5) / 6;
    StringBuilder out = new StringBuilder(padded ? (chars + 3) / 4 * 4 : chars);
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xFF);
      bits += 8;
      while (bits >= 6) {
        out.append(alphabet[(buffer >> (bits - 6)) & 0x3F]);
        bits -= 6;
      }
    }
    if (bits > 0) {
      out.append(alphabet[(buffer << (6 - bits)) & 0x3F]);
    }
    if (padded) {
      while (out.length() % 4 != 0) {
        out.append(PAD);
      }
    }
    return out.toString();
  }

  /**
   * Decodes {@code text}.
   *
   * @param padded whether the text must be padded to whole 4-character quanta ({@code true}) or
   *     must carry no padding at all ({@code false})
   * @throws CodecException naming a bad character, bad padding or an impossible length
   */
  public byte[] decode(CharSequence text, boolean padded) throws CodecException {
    int n = text.length();
    int dataChars = n;
    if (padded) {
      if (n % 4 != 0) {
        throw new CodecException(
            name + " text length " + n + " is not a multiple of 4 (padding required)");
      }
      while (dataChars > 0 && n - dataChars < 2 && text.charAt(dataChars - 1) == PAD) {
        dataChars--;
      }
    } else if (n % 4 == 1) {
      throw new CodecException(name + " text has impossible length " + n);
    }
    byte[] out = new byte[dataChars * 6 / 8];
    int buffer = 0;
    int bits = 0;
    int pos = 0;
    for (int i = 0; i < dataChars; i++) {
      char c = text.charAt(i);
      int v = c < 128 ? values[c] : -1;
      if (v < 0) {
        throw new CodecException(
            "invalid " + name + " character " + Radix.describe(c) + " at index " + i);
      }
      buffer = (buffer << 6) | v;
      bits += 6;
      if (bits >= 8) {
        out[pos++] = (byte) (buffer >> (bits - 8));
        bits -= 8;
      }
    }
    return out;
  }
}
