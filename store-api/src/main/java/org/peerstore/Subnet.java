package org.peerstore;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.peerstore.multiaddr.Multiaddr;

/**
 * An IPv4 or IPv6 subnet in CIDR notation, e.g. {@code 10.0.0.0/8} or {@code 2001:db8::/32}:
 * a network address and a prefix length (docs/CONTRACT.md §14).
 *
 * <p>The host bits are normalised away: {@code 10.1.2.3/8} is the subnet {@code 10.0.0.0/8}
 * and equals it. An IPv4-mapped IPv6 network with a prefix of at least 96
 * ({@code ::ffff:10.0.0.0/104}) is the IPv4 subnet it maps ({@code 10.0.0.0/8}), as an
 * IPv4-mapped address is the IPv4 address everywhere in the ban book. Parsing takes literals
 * only and never resolves a host name.
 *
 * <p>Immutable and thread-safe. Equal when family, network and prefix length are equal.
 */
public final class Subnet implements Comparable<Subnet> {
  private static final int MAPPED_PREFIX = 96;

  private final byte[] network;
  private final int prefixLength;

  private Subnet(byte[] network, int prefixLength) {
    this.network = network;
    this.prefixLength = prefixLength;
  }

  /**
   * Parses {@code address/prefix}, e.g. {@code 192.168.0.0/16} or {@code fe80::/10}. The
   * address is an IPv4 dotted quad or an IPv6 literal (no zone, no brackets); the prefix a
   * decimal number from 0 to 32 (IPv4) or 128 (IPv6) without sign or leading zeros.
   *
   * @throws InvalidSubnetException if the text is not of that form or out of range
   * @throws NullPointerException if {@code cidr} is null
   */
  public static Subnet parse(String cidr) {
    Objects.requireNonNull(cidr, "cidr");
    int slash = cidr.indexOf('/');
    if (slash <= 0 || slash != cidr.lastIndexOf('/') || slash == cidr.length() - 1) {
      throw new InvalidSubnetException("subnet " + quote(cidr) + " is not address/prefix");
    }
    String addr = cidr.substring(0, slash);
    String len = cidr.substring(slash + 1);
    if (len.length() > 3 || !len.chars().allMatch(c -> c >= '0' && c <= '9')
        || (len.length() > 1 && len.charAt(0) == '0')) {
      throw new InvalidSubnetException("subnet " + quote(cidr) + " has an invalid prefix length");
    }
    boolean v6 = addr.indexOf(':') >= 0;
    byte[] bytes;
    try {
      bytes = Multiaddr.fromString((v6 ? "/ip6/" : "/ip4/") + addr).components().get(0)
          .rawValue();
    } catch (InvalidMultiaddrException e) {
      throw new InvalidSubnetException(
          "subnet " + quote(cidr) + " does not start with an IP address literal", e);
    }
    return of(bytes, Integer.parseInt(len), cidr);
  }

  /**
   * The subnet of {@code address} with {@code prefixLength} leading bits (host bits cleared).
   *
   * @throws InvalidSubnetException if the prefix length is negative or longer than the
   *     address (32 bits for IPv4, 128 for IPv6)
   * @throws NullPointerException if {@code address} is null
   */
  public static Subnet of(InetAddress address, int prefixLength) {
    Objects.requireNonNull(address, "address");
    byte[] bytes = address.getAddress();
    return of(bytes, prefixLength, ipText(bytes) + "/" + prefixLength);
  }

  private static Subnet of(byte[] bytes, int prefixLength, String text) {
    byte[] b = bytes;
    int len = prefixLength;
    if (b.length == 16 && isV4Mapped(b)) {
      if (len < MAPPED_PREFIX || len > 128) {
        throw new InvalidSubnetException("subnet " + quote(text) + ": an IPv4-mapped network"
            + " needs a prefix length from 96 to 128");
      }
      b = Arrays.copyOfRange(b, 12, 16);
      len -= MAPPED_PREFIX;
    }
    int bits = b.length * 8;
    if (len < 0 || len > bits) {
      throw new InvalidSubnetException("subnet " + quote(text) + ": prefix length " + prefixLength
          + " out of range 0.." + bits);
    }
    byte[] net = b.clone();
    for (int i = 0; i < net.length; i++) {
      int keep = Math.max(0, Math.min(8, len - i * 8));
      net[i] &= (byte) (0xff00 >>> keep);
    }
    return new Subnet(net, len);
  }

  /** Whether {@code b} (16 bytes) is {@code ::ffff:a.b.c.d}. */
  static boolean isV4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
  }

  private static String quote(String s) {
    return "\"" + (s.length() > 64 ? s.substring(0, 64) + "..." : s) + "\"";
  }

  /** Whether this is an IPv6 subnet (16-byte network) rather than an IPv4 one. */
  public boolean isIpv6() {
    return network.length == 16;
  }

  /** The prefix length: 0 to 32 for IPv4, 0 to 128 for IPv6. */
  public int prefixLength() {
    return prefixLength;
  }

  /** The network address bytes (4 or 16, host bits zero; a copy). */
  public byte[] networkBytes() {
    return network.clone();
  }

  /** The network address. */
  public InetAddress network() {
    try {
      return InetAddress.getByAddress(network);
    } catch (UnknownHostException e) {
      throw new AssertionError("4 or 16 bytes are always an address", e);
    }
  }

  /**
   * Whether {@code address} is in this subnet: same family (an IPv4-mapped IPv6 address is
   * IPv4) and the same leading {@link #prefixLength()} bits.
   *
   * @throws NullPointerException if {@code address} is null
   */
  public boolean contains(InetAddress address) {
    byte[] a = address.getAddress();
    if (a.length != network.length) {
      return false;
    }
    for (int i = 0; i < prefixLength; i++) {
      if (((a[i >>> 3] >>> (7 - (i & 7))) & 1) != ((network[i >>> 3] >>> (7 - (i & 7))) & 1)) {
        return false;
      }
    }
    return true;
  }

  /** Orders IPv4 subnets before IPv6 ones, then by network bytes (unsigned), then prefix length. */
  @Override
  public int compareTo(Subnet other) {
    int c = Integer.compare(network.length, other.network.length);
    if (c == 0) {
      c = Arrays.compareUnsigned(network, other.network);
    }
    return c != 0 ? c : Integer.compare(prefixLength, other.prefixLength);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Subnet s && prefixLength == s.prefixLength
        && Arrays.equals(network, s.network);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(network) * 31 + prefixLength;
  }

  /** CIDR text, e.g. {@code 10.0.0.0/8} or {@code 2001:db8::/32}; {@link #parse} reads it back. */
  @Override
  public String toString() {
    return ipText(network) + "/" + prefixLength;
  }

  /** The canonical text of 4 or 16 address bytes (IPv6 compressed, as multiaddrs print it). */
  static String ipText(byte[] address) {
    byte[] ma = new byte[1 + address.length];
    ma[0] = (byte) (address.length == 4 ? 4 : 41); // the ip4 and ip6 multiaddr codes
    System.arraycopy(address, 0, ma, 1, address.length);
    return Multiaddr.fromBytes(ma).components().get(0).value();
  }
}
