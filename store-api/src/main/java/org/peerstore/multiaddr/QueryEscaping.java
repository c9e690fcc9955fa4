package org.peerstore.multiaddr;

import java.io.ByteArrayOutputStream;
import org.peerstore.internal.codec.CodecException;

/**
 * URL query-component escaping on raw bytes, exactly as Go's {@code url.QueryEscape} and
 * {@code url.QueryUnescape}, used for {@code /http-path} values.
 *
 * <p>Escaping keeps ASCII letters, digits and {@code - _ . ~}, writes a space as {@code +}, and
 * every other byte as {@code %XX} (upper-case hex), so {@code /} becomes {@code %2F}. Unescaping
 * turns {@code %XX} (either case) into that byte and {@code +} into a space, copies every other
 * byte, and rejects a {@code %} not followed by two hex digits.
 *
 * <p>Stateless; thread-safe.
 */
final class QueryEscaping {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private QueryEscaping() {}

  /** Appends the escaped form of {@code len} bytes at {@code off}. */
  static void escape(byte[] b, int off, int len, StringBuilder out) {
    for (int i = off; i < off + len; i++) {
      int c = b[i] & 0xFF;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        out.append((char) c);
      } else if (c == ' ') {
        out.append('+');
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
  }

  /**
   * Unescapes the UTF-8 bytes of {@code text}.
   *
   * @throws CodecException if a {@code %} is not followed by two hex digits
   */
  static byte[] unescape(byte[] text) throws CodecException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length);
    for (int i = 0; i < text.length; i++) {
      int c = text[i] & 0xFF;
      if (c == '%') {
        int hi = i + 1 < text.length ? hexDigit(text[i + 1]) : -1;
        int lo = i + 2 < text.length ? hexDigit(text[i + 2]) : -1;
        if (hi < 0 || lo < 0) {
          throw new CodecException("invalid URL escape at byte " + i);
        }
        out.write(hi << 4 | lo);
        i += 2;
      } else if (c == '+') {
        out.write(' ');
      } else {
        out.write(c);
      }
    }
    return out.toByteArray();
  }

  private static int hexDigit(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    return -1;
  }
}
