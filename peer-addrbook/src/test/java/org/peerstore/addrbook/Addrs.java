package org.peerstore.addrbook;

import java.util.HexFormat;

/** Test addresses: distinct node ids, routable IPs spread over many /16 groups. */
final class Addrs {
  private Addrs() {}

  static String id(int i) {
    byte[] b = new byte[20];
    b[0] = (byte) 0xab;
    b[16] = (byte) (i >>> 24);
    b[17] = (byte) (i >>> 16);
    b[18] = (byte) (i >>> 8);
    b[19] = (byte) i;
    return HexFormat.of().formatHex(b);
  }

  /** Address {@code i}: group {@code (i mod groups)}, routable (first octet 1 to 99 but 10). */
  static NetAddress addr(int i, int groups) {
    int g = Math.floorMod(i, groups);
    int a = 11 + (g / 256) % 80;
    return NetAddress.of(id(i), a + "." + (g % 256) + "." + ((i >>> 8) & 0xff) + "." + (1 + (i & 0x7f)),
        26656);
  }

  static NetAddress addr(int i) {
    return addr(i, 5000);
  }
}
