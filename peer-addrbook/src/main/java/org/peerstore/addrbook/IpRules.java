package org.peerstore.addrbook;

import java.net.InetAddress;

/**
 * CometBFT's IP classification and group keys (docs/ADDRBOOK.md, "Groups"): valid, local,
 * routable, and the group an address is placed by. IPv4 ranges hold IPv4 addresses only and
 * IPv6 ranges IPv6 addresses only (an IPv4-mapped address is IPv4). Pure functions.
 */
final class IpRules {
  private IpRules() {}

  private static final byte[] RFC1918_10 = {10};
  private static final byte[] RFC1918_192 = {(byte) 192, (byte) 168};
  private static final byte[] RFC1918_172 = {(byte) 172, 16};
  private static final byte[] RFC3849 = hex("20010db8");
  private static final byte[] RFC3927 = {(byte) 169, (byte) 254};
  private static final byte[] RFC3964 = hex("2002");
  private static final byte[] RFC4193 = hex("fc");
  private static final byte[] RFC4380 = hex("20010000");
  private static final byte[] RFC4843 = hex("20010010");
  private static final byte[] RFC4862 = hex("fe80000000000000");
  private static final byte[] RFC6052 = hex("0064ff9b0000000000000000");
  private static final byte[] RFC6145 = hex("0000000000000000ffff0000");
  private static final byte[] ZERO4 = {0};
  private static final byte[] ONION_CAT = hex("fd87d87eeb43");
  private static final byte[] HE_NET = hex("20010470");

  private static byte[] hex(String h) {
    return java.util.HexFormat.of().parseHex(h);
  }

  /** Whether {@code ip} is in the prefix {@code net}/{@code bits} of the same family. */
  static boolean in(byte[] ip, int family, byte[] net, int bits) {
    if (ip.length != family) {
      return false;
    }
    for (int i = 0; i < bits; i++) {
      int bit = 7 - (i & 7);
      if (((ip[i >> 3] >> bit) & 1) != ((net[i >> 3] >> bit) & 1)) {
        return false;
      }
    }
    return true;
  }

  private static boolean v4(byte[] ip, byte[] net, int bits) {
    return in(ip, 4, net, bits);
  }

  private static boolean v6(byte[] ip, byte[] net, int bits) {
    return in(ip, 16, net, bits);
  }

  /** Unspecified, RFC 3849 documentation, or the IPv4 broadcast address: never valid. */
  static boolean valid(InetAddress address) {
    byte[] ip = address.getAddress();
    boolean broadcast = ip.length == 4 && (ip[0] & ip[1] & ip[2] & ip[3]) == (byte) 0xff;
    return !address.isAnyLocalAddress() && !v6(ip, RFC3849, 32) && !broadcast;
  }

  /** Loopback, or IPv4 0.0.0.0/8. */
  static boolean local(InetAddress address) {
    return address.isLoopbackAddress() || v4(address.getAddress(), ZERO4, 8);
  }

  /** Valid and not private, link-local, ORCHID, unique-local or local (CometBFT's Routable). */
  static boolean routable(InetAddress address) {
    if (!valid(address)) {
      return false;
    }
    byte[] ip = address.getAddress();
    boolean rfc1918 = v4(ip, RFC1918_10, 8) || v4(ip, RFC1918_192, 16) || v4(ip, RFC1918_172, 12);
    return !rfc1918 && !v4(ip, RFC3927, 16) && !v6(ip, RFC4862, 64) && !v6(ip, RFC4193, 7)
        && !v6(ip, RFC4843, 28) && !local(address);
  }

  /**
   * The group of an address: {@code local} and {@code unroutable} (strict mode only); the IPv4
   * /16; the embedded IPv4 /16 of RFC 6145, 6052, 3964 and Teredo (RFC 4380, inverted) IPv6;
   * {@code tor:N} for OnionCat; the IPv6 /32, or /36 inside Hurricane Electric's 2001:470::/32.
   */
  static String groupKey(InetAddress address, boolean strict) {
    if (strict && local(address)) {
      return "local";
    }
    if (strict && !routable(address)) {
      return "unroutable";
    }
    byte[] ip = address.getAddress();
    if (ip.length == 4) {
      return v4Group(ip, 0, false);
    }
    if (v6(ip, RFC6145, 96) || v6(ip, RFC6052, 96)) {
      return v4Group(ip, 12, false);
    }
    if (v6(ip, RFC3964, 16)) {
      return v4Group(ip, 2, false);
    }
    if (v6(ip, RFC4380, 32)) {
      return v4Group(ip, 12, true);
    }
    if (v6(ip, ONION_CAT, 48)) {
      return "tor:" + (ip[6] & 0x0f);
    }
    int bits = v6(ip, HE_NET, 32) ? 36 : 32;
    byte[] masked = new byte[16];
    for (int i = 0; i < 16; i++) {
      int keep = Math.max(0, Math.min(8, bits - 8 * i));
      masked[i] = (byte) (ip[i] & (0xff << (8 - keep)));
    }
    return text(masked);
  }

  private static String v4Group(byte[] ip, int at, boolean invert) {
    int x = invert ? 0xff : 0;
    return ((ip[at] ^ x) & 0xff) + "." + ((ip[at + 1] ^ x) & 0xff) + ".0.0";
  }

  /** Dotted IPv4, or RFC 5952 IPv6 (lowercase, longest run of two or more zero groups as ::). */
  static String text(byte[] ip) {
    if (ip.length == 4) {
      return (ip[0] & 0xff) + "." + (ip[1] & 0xff) + "." + (ip[2] & 0xff) + "." + (ip[3] & 0xff);
    }
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = ((ip[2 * i] & 0xff) << 8) | (ip[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }
}
