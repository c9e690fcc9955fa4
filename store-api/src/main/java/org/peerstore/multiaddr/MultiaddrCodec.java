package org.peerstore.multiaddr;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.peerstore.InvalidMultiaddrException;
import org.peerstore.internal.codec.CodecException;
import org.peerstore.internal.codec.Varint;

/**
 * Multiaddr text and bytes (docs/WIRE.md §6.1), following go-multiaddr v0.16.1 {@code codec.go}.
 *
 * <p>Bytes are the concatenation of {@code varint(code) || value}; a component is rejected for a
 * non-minimal or over-long varint, a code above 2^31-1 or not in {@link Protocol}, a zero or
 * over-long value length, a value cut short, or a value its transcoder refuses; nothing may
 * follow a path component; empty input is refused.
 *
 * <p>Stateless; thread-safe.
 */
final class MultiaddrCodec {
  private static final int MAX_QUOTED = 80;

  private MultiaddrCodec() {}

  /**
   * Walks components. After {@link #next()}, the fields describe the component just read; the
   * header checks (varints, code, size, bounds) are made, the value checks are not.
   */
  static final class Reader {
    private final byte[] b;
    private int pos;
    Protocol protocol;
    int start;
    int valueOffset;
    int valueLength;

    Reader(byte[] b) {
      this(b, 0);
    }

    Reader(byte[] b, int pos) {
      this.b = b;
      this.pos = pos;
    }

    boolean hasNext() {
      return pos < b.length;
    }

    void next() {
      start = pos;
      long code;
      try {
        code = Varint.decode(b, pos, b.length);
      } catch (CodecException e) {
        throw invalid("protocol code at byte " + pos + ": " + e.getMessage(), e);
      }
      if (code > Integer.MAX_VALUE) {
        throw invalid("protocol code " + code + " at byte " + pos + " exceeds 2^31-1", null);
      }
      protocol = Protocol.lookup(code);
      if (protocol == null) {
        throw invalid("unknown protocol code " + code + " at byte " + pos, null);
      }
      pos += Varint.encodedLength(code);
      int size;
      if (protocol.sizeBits() >= 0) {
        size = protocol.sizeBits() / 8;
      } else {
        long length;
        try {
          length = Varint.decode(b, pos, b.length);
        } catch (CodecException e) {
          throw invalid(
              "/" + protocol.protocolName() + " value length at byte " + pos + ": "
                  + e.getMessage(),
              e);
        }
        if (length == 0 || length > Integer.MAX_VALUE) {
          throw invalid(
              "/" + protocol.protocolName() + " value length " + length + " at byte " + pos
                  + " is not in [1, 2^31-1]",
              null);
        }
        pos += Varint.encodedLength(length);
        size = (int) length;
      }
      if (size > b.length - pos) {
        throw invalid(
            "/" + protocol.protocolName() + " value at byte " + pos + " needs " + size
                + " bytes, " + (b.length - pos) + " present",
            null);
      }
      valueOffset = pos;
      valueLength = size;
      pos += size;
    }
  }

  /**
   * Fully validates binary multiaddr bytes.
   *
   * @return the offset of the last component
   * @throws InvalidMultiaddrException naming what is wrong
   */
  static int validate(byte[] b) {
    if (b.length == 0) {
      throw invalid("empty multiaddr", null);
    }
    Reader r = new Reader(b);
    boolean afterPath = false;
    while (r.hasNext()) {
      if (afterPath) {
        throw invalid("component after path component /unix at byte " + r.pos, null);
      }
      r.next();
      Transcoder t = r.protocol.transcoder();
      if (t != null) {
        try {
          t.validate(b, r.valueOffset, r.valueLength);
        } catch (CodecException e) {
          throw invalid(
              "invalid /" + r.protocol.protocolName() + " value at byte " + r.valueOffset + ": "
                  + e.getMessage(),
              e);
        }
      }
      afterPath = r.protocol.isPath();
    }
    return r.start;
  }

  /** The offset of the last component of bytes that are known to be valid. */
  static int lastStart(byte[] b) {
    Reader r = new Reader(b);
    while (r.hasNext()) {
      r.next();
    }
    return r.start;
  }

  /** The canonical text of valid bytes. */
  static String format(byte[] b) {
    StringBuilder out = new StringBuilder(b.length * 2);
    Reader r = new Reader(b);
    while (r.hasNext()) {
      r.next();
      out.append('/').append(r.protocol.protocolName());
      Transcoder t = r.protocol.transcoder();
      if (t != null) {
        // Path values start with '/', which then doubles as the separator.
        if (!r.protocol.isPath() || b[r.valueOffset] != '/') {
          out.append('/');
        }
        t.format(b, r.valueOffset, r.valueLength, out);
      }
    }
    return out.toString();
  }

  /** The components of valid bytes. */
  static List<Component> components(byte[] b) {
    List<Component> out = new ArrayList<>();
    Reader r = new Reader(b);
    while (r.hasNext()) {
      r.next();
      Transcoder t = r.protocol.transcoder();
      String text = "";
      if (t != null) {
        StringBuilder sb = new StringBuilder();
        t.format(b, r.valueOffset, r.valueLength, sb);
        text = sb.toString();
      }
      byte[] value = Arrays.copyOfRange(b, r.valueOffset, r.valueOffset + r.valueLength);
      out.add(new Component(r.protocol, value, text));
    }
    return List.copyOf(out);
  }

  /**
   * Parses text into (not yet validated) bytes, as go-multiaddr {@code stringToBytes}: trailing
   * {@code /}s are dropped, the text must start with {@code /}, each name must be known, a
   * protocol with a value takes the next segment (a path protocol takes all remaining segments as
   * {@code "/" + rest}).
   *
   * @throws InvalidMultiaddrException naming what is wrong
   */
  static byte[] parseText(String s) {
    checkWellFormedUtf16(s);
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '/') {
      end--;
    }
    if (end > 0 && s.charAt(0) != '/') {
      throw invalid("multiaddr " + quote(s) + " must begin with '/'", null);
    }
    if (end == 0) {
      throw invalid("empty multiaddr " + quote(s), null);
    }
    List<String> parts = split(s, 1, end);
    ByteArrayOutputStream out = new ByteArrayOutputStream(end);
    int i = 0;
    while (i < parts.size()) {
      String name = parts.get(i++);
      Protocol p = Protocol.forName(name).orElse(null);
      if (p == null) {
        throw invalid("unknown protocol " + quote(name) + " in " + quote(s), null);
      }
      byte[] code = p.codeBytesShared();
      out.write(code, 0, code.length);
      if (!p.hasValue()) {
        continue;
      }
      if (i >= parts.size()) {
        throw invalid(
            "unexpected end of multiaddr " + quote(s) + ": /" + name + " needs a value", null);
      }
      String value;
      if (p.isPath()) {
        value = "/" + String.join("/", parts.subList(i, parts.size()));
        i = parts.size();
      } else {
        value = parts.get(i++);
      }
      byte[] v;
      try {
        v = p.transcoder().parse(value);
      } catch (CodecException e) {
        throw invalid(
            "invalid value " + quote(value) + " for /" + name + " in " + quote(s) + ": "
                + e.getMessage(),
            e);
      }
      if (p.sizeBits() < 0) {
        Varint.write(v.length, out);
      } else if (v.length * 8 != p.sizeBits()) {
        throw new IllegalStateException("transcoder for /" + name + " gave " + v.length + " bytes");
      }
      out.write(v, 0, v.length);
    }
    return out.toByteArray();
  }

  /** Go {@code strings.Split(s[from:end], "/")}: every segment, empty ones included. */
  private static List<String> split(String s, int from, int end) {
    List<String> parts = new ArrayList<>();
    int segmentStart = from;
    for (int i = from; i <= end; i++) {
      if (i == end || s.charAt(i) == '/') {
        parts.add(s.substring(segmentStart, i));
        segmentStart = i + 1;
      }
    }
    return parts;
  }

  /** Text with a lone surrogate has no UTF-8 form, so it cannot name bytes; refuse it. */
  private static void checkWellFormedUtf16(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw invalid("multiaddr text has an unpaired surrogate at index " + i, null);
      }
    }
  }

  /** Text for an error message, shortened and with control characters escaped. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder("'");
    int n = Math.min(s.length(), MAX_QUOTED);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (s.length() > MAX_QUOTED) {
      out.append("...");
    }
    return out.append('\'').toString();
  }

  static InvalidMultiaddrException invalid(String message, @Nullable Throwable cause) {
    return cause == null
        ? new InvalidMultiaddrException(message)
        : new InvalidMultiaddrException(message, cause);
  }
}
