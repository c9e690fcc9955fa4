package org.peerstore.rocksdb;

import java.io.ByteArrayOutputStream;

/**
 * Encodes any Java {@code String} to bytes without loss, in Java's "modified UTF-8" (the
 * encoding of {@code DataOutput.writeUTF}, without its 2-byte length prefix and its 64 KiB
 * limit): each UTF-16 code unit becomes 1 to 3 bytes, NUL becomes {@code C0 80}.
 *
 * <p>Used for metadata key names and protocol names on disk. Plain UTF-8 would be the same for
 * every ASCII and most other text, but it cannot represent a string with an unpaired surrogate,
 * which both stores must accept like any other string. Stateless and thread-safe.
 */
final class JavaStrings {
  private JavaStrings() {}

  /** The modified UTF-8 bytes of {@code s}. */
  static byte[] encode(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != 0 && c < 0x80) {
        out.write(c);
      } else if (c < 0x800) {
        out.write(0xc0 | (c >> 6));
        out.write(0x80 | (c & 0x3f));
      } else {
        out.write(0xe0 | (c >> 12));
        out.write(0x80 | ((c >> 6) & 0x3f));
        out.write(0x80 | (c & 0x3f));
      }
    }
    return out.toByteArray();
  }

  /**
   * The string encoded in {@code bytes[from..]}.
   *
   * @throws CorruptValueException if the bytes are not modified UTF-8 as {@link #encode}
   *     writes it
   */
  static String decode(byte[] bytes, int from) throws CorruptValueException {
    StringBuilder sb = new StringBuilder(bytes.length - from);
    int i = from;
    while (i < bytes.length) {
      int b = bytes[i] & 0xff;
      if (b != 0 && b < 0x80) {
        sb.append((char) b);
        i += 1;
      } else if ((b & 0xe0) == 0xc0 && i + 1 < bytes.length && isContinuation(bytes[i + 1])) {
        int c = ((b & 0x1f) << 6) | (bytes[i + 1] & 0x3f);
        if (c != 0 && c < 0x80) {
          throw malformed(i);
        }
        sb.append((char) c);
        i += 2;
      } else if ((b & 0xf0) == 0xe0
          && i + 2 < bytes.length
          && isContinuation(bytes[i + 1])
          && isContinuation(bytes[i + 2])) {
        int c = ((b & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f);
        if (c < 0x800) {
          throw malformed(i);
        }
        sb.append((char) c);
        i += 3;
      } else {
        throw malformed(i);
      }
    }
    return sb.toString();
  }

  private static boolean isContinuation(byte b) {
    return (b & 0xc0) == 0x80;
  }

  private static CorruptValueException malformed(int at) {
    return new CorruptValueException("malformed modified UTF-8 at byte " + at);
  }
}
