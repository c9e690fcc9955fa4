package org.peerstore.internal.codec;

import java.util.Arrays;

/**
 * Big-number base conversion shared by {@link Base58} and {@link Base36}: the input bytes are one
 * big-endian number written in the alphabet's digits, and each leading zero byte is written as
 * one leading zero digit (the alphabet's first character). Quadratic in the input length, which
 * is fine for the short identifiers these bases carry.
 *
 * <p>Immutable; thread-safe.
 */
final class Radix {
  private final String name;
  private final char[] alphabet;
  private final byte[] digitOf = new byte[128];
  private final int base;

  /**
   * @param name the base's name, for error messages
   * @param alphabet the digits, lowest first
   * @param ignoreCase whether decoding accepts both cases of each ASCII letter digit
   */
  Radix(String name, String alphabet, boolean ignoreCase) {
    this.name = name;
    this.alphabet = alphabet.toCharArray();
    this.base = alphabet.length();
    Arrays.fill(digitOf, (byte) -1);
    for (int i = 0; i < this.alphabet.length; i++) {
      char c = this.alphabet[i];
      digitOf[c] = (byte) i;
      if (ignoreCase) {
        digitOf[Character.toUpperCase(c)] = (byte) i;
        digitOf[Character.toLowerCase(c)] = (byte) i;
      }
    }
  }

  String encode(byte[] data) {
    int zeros = 0;
    while (zeros < data.length && data[zeros] == 0) {
      zeros++;
    }
    // Digits needed: (bytes) * log(256) / log(base), rounded up, plus slack.
    int size = (int) ((data.length - zeros) * (Math.log(256) / Math.log(base))) + 1;
    byte[] digits = new byte[size];
    int length = 0;
    for (int i = zeros; i < data.length; i++) {
      int carry = data[i] & 0xFF;
      int j = 0;
      for (int k = size - 1; (carry != 0 || j < length) && k >= 0; k--, j++) {
        carry += 256 * (digits[k] & 0xFF);
        digits[k] = (byte) (carry % base);
        carry /= base;
      }
      length = j;
    }
    int start = size - length;
    while (start < size && digits[start] == 0) {
      start++;
    }
    StringBuilder out = new StringBuilder(zeros + size - start);
    for (int i = 0; i < zeros; i++) {
      out.append(alphabet[0]);
    }
    for (int i = start; i < size; i++) {
      out.append(alphabet[digits[i]]);
    }
    return out.toString();
  }

  byte[] decode(CharSequence text) throws CodecException {
    int n = text.length();
    int zeros = 0;
    while (zeros < n && digit(text.charAt(zeros)) == 0) {
      zeros++;
    }
    int size = (int) ((n - zeros) * (Math.log(base) / Math.log(256))) + 1;
    byte[] bytes = new byte[size];
    int length = 0;
    for (int i = zeros; i < n; i++) {
      char c = text.charAt(i);
      int carry = digit(c);
      if (carry < 0) {
        throw new CodecException(
            "invalid " + name + " character " + describe(c) + " at index " + i);
      }
      int j = 0;
      for (int k = size - 1; (carry != 0 || j < length) && k >= 0; k--, j++) {
        carry += base * (bytes[k] & 0xFF);
        bytes[k] = (byte) carry;
        carry >>>= 8;
      }
      length = j;
    }
    int start = size - length;
    while (start < size && bytes[start] == 0) {
      start++;
    }
    byte[] out = new byte[zeros + size - start];
    System.arraycopy(bytes, start, out, zeros, size - start);
    return out;
  }

  private int digit(char c) {
    return c < 128 ? digitOf[c] : -1;
  }

  /** A character for an error message: printable ASCII as is, anything else as U+XXXX. */
  static String describe(char c) {
    if (c > 0x20 && c < 0x7F) {
      return "'" + c + "'";
    }
    return String.format("U+%04X", (int) c);
  }
}
