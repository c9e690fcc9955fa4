package org.peerstore.internal.codec;

/**
 * Multibase: text that names its own base with a one-character prefix, as go-multibase reads it.
 *
 * <p>Decoded prefixes: {@code f}/{@code F} base16, {@code b}/{@code B} base32, {@code c}/{@code
 * C} base32 padded, {@code v}/{@code V} base32hex, {@code t}/{@code T} base32hex padded, {@code h}
 * z-base32, {@code k}/{@code K} base36, {@code z} base58btc, {@code m} base64, {@code M} base64
 * padded, {@code u} base64url, {@code U} base64url padded. Like go-multibase, the base16, base32
 * and base36 bodies are accepted in either case whatever the case of the prefix. Other prefixes
 * (identity, base2, base8, base10, base58flickr, base256emoji) are not supported and rejected.
 *
 * <p>Encoders exist for the two forms this project writes: {@code b} (peer-id CIDs) and {@code u}
 * (certhash). Stateless; thread-safe.
 */
public final class Multibase {
  private Multibase() {}

  /**
   * Decodes multibase text.
   *
   * @throws CodecException if the text is empty, its prefix is unsupported, or its body is not
   *     valid in the named base
   */
  public static byte[] decode(String text) throws CodecException {
    if (text.isEmpty()) {
      throw new CodecException("empty multibase text");
    }
    char prefix = text.charAt(0);
    CharSequence body = text.subSequence(1, text.length());
    switch (prefix) {
      case 'f':
      case 'F':
        return Base16.decode(body);
      case 'b':
      case 'B':
        return Base32.STANDARD.decode(body, false, true);
      case 'c':
      case 'C':
        return Base32.STANDARD.decode(body, true, true);
      case 'v':
      case 'V':
        return Base32.HEX.decode(body, false, true);
      case 't':
      case 'T':
        return Base32.HEX.decode(body, true, true);
      case 'h':
        return Base32.Z.decode(body, false, false);
      case 'k':
      case 'K':
        return Base36.decode(body);
      case 'z':
        return Base58.decode(body);
      case 'm':
        return Base64.STANDARD.decode(body, false);
      case 'M':
        return Base64.STANDARD.decode(body, true);
      case 'u':
        return Base64.URL.decode(body, false);
      case 'U':
        return Base64.URL.decode(body, true);
      default:
        throw new CodecException("unsupported multibase prefix " + Radix.describe(prefix));
    }
  }

  /** {@code 'b'} + lower-case unpadded base32 of {@code data}. */
  public static String encodeBase32(byte[] data) {
    return "b" + Base32.STANDARD.encode(data, false, false);
  }

  /** {@code 'u'} + unpadded base64url of {@code data}. */
  public static String encodeBase64Url(byte[] data) {
    return "u" + Base64.URL.encode(data, false);
  }
}
