package org.peerstore.internal.codec;

import java.util.Arrays;

/**
 * RFC 4648 base32 in its alphabets: {@link #STANDARD} (multibase {@code b}/{@code c}, onion
 * and garlic32 addresses, peer-id CIDs), {@link #HEX} (multibase {@code v}/{@code t}) and
 * {@link #Z} (z-base32, multibase {@code h}).
 *
 * <p>Decoding follows Go's {@code encoding/base32}: with padding the text is whole 8-character
 * quanta whose last one may end in 1, 3, 4 or 6 {@code '='}; without padding no {@code '='} is
 * allowed and a length of 1, 3 or 6 modulo 8 is rejected (those leave a dangling character); bits
 * left over past the last whole byte are ignored (Go does not check them either). Unlike Go,
 * line breaks inside the text are not skipped.
 *
 * <p>Immutable; thread-safe.
 */
public final class Base32 {
  /** RFC 4648 §6 alphabet ({@code a-z2-7}). */
  public static final Base32 STANDARD = new Base32("base32", "abcdefghijklmnopqrstuvwxyz234567");

  /** RFC 4648 §7 "extended hex" alphabet ({@code 0-9a-v}). */
  public static final Base32 HEX = new Base32("base32hex", "0123456789abcdefghijklmnopqrstuv");

  /** z-base32 ({@code ybndrfg8ejkmcpqxot1uwisza345h769}); has no upper-case form. */
  public static final Base32 Z = new Base32("base32z", "ybndrfg8ejkmcpqxot1uwisza345h769");

  private static final char PAD = '=';

  private final String name;
  private final char[] lower;
  private final char[] upper;
  private final byte[] exact = new byte[128];
  private final byte[] anyCase = new byte[128];

  private Base32(String name, String lowerAlphabet) {
    this.name = name;
    this.lower = lowerAlphabet.toCharArray();
    this.upper = lowerAlphabet.toUpperCase(java.util.Locale.ROOT).toCharArray();
    Arrays.fill(exact, (byte) -1);
    Arrays.fill(anyCase, (byte) -1);
    for (int i = 0; i < 32; i++) {
      exact[lower[i]] = (byte) i;
      anyCase[lower[i]] = (byte) i;
      anyCase[upper[i]] = (byte) i;
    }
  }

  /**
   * Encodes {@code data}.
   *
   * @param upperCase whether to use the upper-case alphabet
   * @param padded whether to pad the last quantum with {@code '='} to 8 characters
   */
  public String encode(byte[] data, boolean upperCase, boolean padded) {
    char[] alphabet = upperCase ? upper : lower;
    int chars = (data.length * 8 + 4) / 5;
    StringBuilder out = new StringBuilder(padded ? (chars + 7) / 8 * 8 : chars);
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xFF);
      bits += 8;
      while (bits >= 5) {
        out.append(alphabet[(buffer >> (bits - 5)) & 0x1F]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(alphabet[(buffer << (5 - bits)) & 0x1F]);
    }
    if (padded) {
      while (out.length() % 8 != 0) {
        out.append(PAD);
      }
    }
    return out.toString();
  }

  /**
   * Decodes {@code text}.
   *
   * @param padded whether the text must be padded to whole 8-character quanta ({@code true}) or
   *     must carry no padding at all ({@code false})
   * @param ignoreCase whether upper-case letters are accepted too; otherwise only the lower-case
   *     alphabet is
   * @throws CodecException naming a bad character, bad padding or an impossible length
   */
  public byte[] decode(CharSequence text, boolean padded, boolean ignoreCase)
      throws CodecException {
    int n = text.length();
    int dataChars = n;
    if (padded) {
      while (dataChars > 0 && text.charAt(dataChars - 1) == PAD) {
        dataChars--;
      }
    }
    byte[] table = ignoreCase ? anyCase : exact;
    for (int i = 0; i < dataChars; i++) {
      char c = text.charAt(i);
      if (c >= 128 || table[c] < 0) {
        throw new CodecException(
            "invalid " + name + " character " + Radix.describe(c) + " at index " + i);
      }
    }
    if (padded) {
      if (n % 8 != 0) {
        throw new CodecException(
            name + " text length " + n + " is not a multiple of 8 (padding required)");
      }
      int pads = n - dataChars;
      if (pads != 0 && pads != 1 && pads != 3 && pads != 4 && pads != 6) {
        throw new CodecException(name + " text has invalid padding (" + pads + " '=')");
      }
    } else if (n % 8 == 1 || n % 8 == 3 || n % 8 == 6) {
      throw new CodecException(name + " text has impossible length " + n);
    }
    byte[] out = new byte[dataChars * 5 / 8];
    int buffer = 0;
    int bits = 0;
    int pos = 0;
    for (int i = 0; i < dataChars; i++) {
      buffer = (buffer << 5) | table[text.charAt(i)];
      bits += 5;
      if (bits >= 8) {
        out[pos++] = (byte) (buffer >> (bits - 8));
        bits -= 8;
      }
    }
    return out;
  }
}
