package org.peerstore.internal.codec;

/**
 * Base58 with the Bitcoin alphabet ({@code 123456789ABCDEFGHJKLMNPQRSTUVWXYZabc...}), the text
 * form of peer ids (docs/WIRE.md §3.2) and multibase {@code z}. Each leading zero byte is one
 * leading {@code '1'}. Stateless; thread-safe.
 */
public final class Base58 {
  /** The Bitcoin alphabet. */
  public static final String ALPHABET =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

  private static final Radix RADIX = new Radix("base58btc", ALPHABET, false);

  private Base58() {}

  /** Encodes {@code data} (the empty array gives the empty string). */
  public static String encode(byte[] data) {
    return RADIX.encode(data);
  }

  /**
   * Decodes base58btc text (the empty string gives the empty array).
   *
   * @throws CodecException naming the first character outside the alphabet
   */
  public static byte[] decode(CharSequence text) throws CodecException {
    return RADIX.decode(text);
  }
}
