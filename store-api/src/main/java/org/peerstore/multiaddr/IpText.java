package org.peerstore.multiaddr;

import org.peerstore.internal.codec.CodecException;

/**
 * IP address text exactly as go-multiaddr handles it: parsing is Go's {@code net.ParseIP}
 * (which is {@code netip.ParseAddr} without zones), printing is Go's {@code net.IP.String} plus
 * go-multiaddr's {@code ::ffff:} prefix for IPv4-mapped IPv6 addresses.
 *
 * <p>Parsing rules (Go): an IPv4 address is exactly four decimal fields 0-255 without leading
 * zeros; an IPv6 address is up to eight groups of 1-4 hex digits (either case) with at most one
 * {@code ::} standing for at least one zero group, optionally ending in an embedded IPv4 address
 * in its last 32 bits; zones ({@code %eth0}) are refused. IPv4 text parses to the IPv4-mapped
 * IPv6 form {@code ::ffff:a.b.c.d}, which is how Go accepts {@code /ip6/127.0.0.1}.
 *
 * <p>Printing (RFC 5952 as Go does it): lower-case hex without leading zeros; the longest run of
 * two or more zero groups, leftmost on a tie, becomes {@code ::}.
 *
 * <p>Stateless; thread-safe.
 */
final class IpText {
  private IpText() {}

  /**
   * Parses IPv4 or IPv6 text into 16 bytes (IPv4 becomes IPv4-mapped IPv6).
   *
   * @throws CodecException naming what is wrong
   */
  static byte[] parse(String s) throws CodecException {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '.') {
        byte[] ip = new byte[16];
        ip[10] = (byte) 0xFF;
        ip[11] = (byte) 0xFF;
        parseV4Fields(s, 0, s.length(), ip, 12);
        return ip;
      }
      if (c == ':') {
        return parseV6(s);
      }
      if (c == '%') {
        throw new CodecException("missing IPv6 address before zone");
      }
    }
    throw new CodecException("not an IP address");
  }

  /** Whether the 16 bytes at {@code off} are an IPv4-mapped IPv6 address. */
  static boolean isV4Mapped(byte[] b, int off) {
    for (int i = 0; i < 10; i++) {
      if (b[off + i] != 0) {
        return false;
      }
    }
    return b[off + 10] == (byte) 0xFF && b[off + 11] == (byte) 0xFF;
  }

  /** Appends the dotted quad of the 4 bytes at {@code off}. */
  static void formatV4(byte[] b, int off, StringBuilder out) {
    out.append(b[off] & 0xFF)
        .append('.')
        .append(b[off + 1] & 0xFF)
        .append('.')
        .append(b[off + 2] & 0xFF)
        .append('.')
        .append(b[off + 3] & 0xFF);
  }

  /** Appends the 16 bytes at {@code off} as go-multiaddr prints an {@code /ip6} value. */
  static void formatV6(byte[] b, int off, StringBuilder out) {
    if (isV4Mapped(b, off)) {
      out.append("::ffff:");
      formatV4(b, off + 12, out);
      return;
    }
    int zeroStart = -1;
    int zeroEnd = -1;
    for (int i = 0; i < 8; i++) {
      int j = i;
      while (j < 8 && group(b, off, j) == 0) {
        j++;
      }
      if (j - i >= 2 && j - i > zeroEnd - zeroStart) {
        zeroStart = i;
        zeroEnd = j;
      }
    }
    for (int i = 0; i < 8; i++) {
      if (i == zeroStart) {
        out.append("::");
        i = zeroEnd;
        if (i >= 8) {
          break;
        }
      } else if (i > 0) {
        out.append(':');
      }
      out.append(Integer.toHexString(group(b, off, i)));
    }
  }

  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static int group(byte[] b, int off, int i) {
    return (b[off + 2 * i] & 0xFF) << 8 | (b[off + 2 * i + 1] & 0xFF);
  }

  /** Go {@code parseIPv4Fields}: the four fields of {@code s[from, to)} into {@code dst}. */
  private static void parseV4Fields(String s, int from, int to, byte[] dst, int dstOff)
      throws CodecException {
    int val = 0;
    int pos = 0;
    int digits = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        if (digits == 1 && val == 0) {
          throw new CodecException("IPv4 field has octet with leading zero");
        }
        val = val * 10 + (c - '0');
        digits++;
        if (val > 255) {
          throw new CodecException("IPv4 field has value >255");
        }
      } else if (c == '.') {
        if (i == from || i == to - 1 || s.charAt(i - 1) == '.') {
          throw new CodecException("IPv4 field must have at least one digit");
        }
        if (pos == 3) {
          throw new CodecException("IPv4 address too long");
        }
        dst[dstOff + pos++] = (byte) val;
        val = 0;
        digits = 0;
      } else {
        throw new CodecException("unexpected character in IPv4 address");
      }
    }
    if (pos < 3) {
      throw new CodecException("IPv4 address too short");
    }
    dst[dstOff + 3] = (byte) val;
  }

  /** Go {@code netip.parseIPv6}, refusing zones as {@code net.ParseIP} does. */
  private static byte[] parseV6(String in) throws CodecException {
    if (in.indexOf('%') >= 0) {
      throw new CodecException("IPv6 zones are not allowed here (use /ip6zone)");
    }
    byte[] ip = new byte[16];
    int ellipsis = -1;
    int p = 0;
    int n = in.length();
    if (n >= 2 && in.charAt(0) == ':' && in.charAt(1) == ':') {
      ellipsis = 0;
      p = 2;
      if (p == n) {
        return ip;
      }
    }
    int i = 0;
    while (i < 16) {
      int off = 0;
      int acc = 0;
      for (; p + off < n; off++) {
        int d = hexDigit(in.charAt(p + off));
        if (d < 0) {
          break;
        }
        if (off > 3) {
          throw new CodecException("each IPv6 group must have 4 or less digits");
        }
        acc = (acc << 4) + d;
      }
      if (off == 0) {
        throw new CodecException("each colon-separated IPv6 field must have at least one digit");
      }
      if (p + off < n && in.charAt(p + off) == '.') {
        if (ellipsis < 0 && i != 12) {
          throw new CodecException(
              "embedded IPv4 address must replace the final 2 fields of the address");
        }
        if (i + 4 > 16) {
          throw new CodecException(
              "too many hex fields to fit an embedded IPv4 at the end of the address");
        }
        parseV4Fields(in, p, n, ip, i);
        p = n;
        i += 4;
        break;
      }
      ip[i] = (byte) (acc >> 8);
      ip[i + 1] = (byte) acc;
      i += 2;
      p += off;
      if (p == n) {
        break;
      }
      if (in.charAt(p) != ':') {
        throw new CodecException("unexpected character in IPv6 address, want colon");
      }
      if (p + 1 == n) {
        throw new CodecException("colon must be followed by more characters");
      }
      p++;
      if (in.charAt(p) == ':') {
        if (ellipsis >= 0) {
          throw new CodecException("multiple :: in IPv6 address");
        }
        ellipsis = i;
        p++;
        if (p == n) {
          break;
        }
      }
    }
    if (p != n) {
      throw new CodecException("trailing garbage after IPv6 address");
    }
    if (i < 16) {
      if (ellipsis < 0) {
        throw new CodecException("IPv6 address too short");
      }
      int shift = 16 - i;
      for (int j = i - 1; j >= ellipsis; j--) {
        ip[j + shift] = ip[j];
      }
      for (int j = ellipsis; j < ellipsis + shift; j++) {
        ip[j] = 0;
      }
    } else if (ellipsis >= 0) {
      throw new CodecException("the :: must expand to at least one field of zeros");
    }
    return ip;
  }
}
