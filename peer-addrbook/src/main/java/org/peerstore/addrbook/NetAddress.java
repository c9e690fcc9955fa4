package org.peerstore.addrbook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A CometBFT network address: node id, IP address and TCP port (docs/ADDRBOOK.md, "Addresses").
 * Its text is {@code id@ip:port} ({@code id@[ip6]:port} for IPv6), as CometBFT prints it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the node id: 40 lowercase hex digits (the 20 bytes of CometBFT's {@code p2p.ID})
 * @param ip the IP address, without host name or scope; an IPv4-mapped IPv6 address is its IPv4
 *     address
 * @param port the TCP port, 0 to 65535
 */
public record NetAddress(String id, InetAddress ip, int port) {
  private static final Pattern ID = Pattern.compile("[0-9a-fA-F]{40}");
  private static final Pattern IP_CHARS = Pattern.compile("[0-9a-fA-F:.]+");

  /**
   * Checks and canonicalises the components (id lowercased, IP without host name or scope).
   *
   * @throws IllegalArgumentException if the id is not 40 hex digits or the port is out of range
   * @throws NullPointerException if an argument is null
   */
  public NetAddress {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(ip, "ip");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("node id is not 40 hex digits: " + id);
    }
    id = id.toLowerCase(Locale.ROOT);
    if (port < 0 || port > 0xffff) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    ip = canonical(ip);
  }

  /**
   * The address of {@code id} at the IP literal {@code ip} (never resolved as a host name).
   *
   * @throws IllegalArgumentException if a component is invalid
   * @throws NullPointerException if an argument is null
   */
  public static NetAddress of(String id, String ip, int port) {
    return new NetAddress(id, parseIp(ip), port);
  }

  /**
   * Parses {@code id@ip:port} or {@code id@[ip6]:port}.
   *
   * @throws IllegalArgumentException if the text is not of that form
   * @throws NullPointerException if {@code text} is null
   */
  public static NetAddress parse(String text) {
    Objects.requireNonNull(text, "text");
    int at = text.indexOf('@');
    int colon = text.lastIndexOf(':');
    if (at < 0 || colon < at) {
      throw new IllegalArgumentException("not id@ip:port: " + text);
    }
    String host = text.substring(at + 1, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a port in " + text, e);
    }
    return of(text.substring(0, at), host, port);
  }

  /**
   * Parses an IPv4 or IPv6 literal; never resolves a host name.
   *
   * @throws IllegalArgumentException if {@code text} is not an IP literal
   */
  static InetAddress parseIp(String text) {
    if (text.isEmpty() || !IP_CHARS.matcher(text).matches()) {
      throw new IllegalArgumentException("not an IP address: \"" + text + "\"");
    }
    if (text.indexOf(':') < 0 && !text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      throw new IllegalArgumentException("not an IP address: \"" + text + "\"");
    }
    try {
      // Only literals reach this (checked above), so no name lookup happens.
      return canonical(InetAddress.getByName(text));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: \"" + text + "\"", e);
    }
  }

  private static InetAddress canonical(InetAddress ip) {
    try {
      return InetAddress.getByAddress(ip.getAddress());
    } catch (UnknownHostException e) {
      throw new AssertionError("an InetAddress always has 4 or 16 bytes", e);
    }
  }

  /**
   * Checks a node id and returns it lowercased.
   *
   * @throws IllegalArgumentException if it is not 40 hex digits
   */
  static String checkId(String id) {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("node id is not 40 hex digits: " + id);
    }
    return id.toLowerCase(Locale.ROOT);
  }

  /** The node id's 20 bytes. */
  byte[] idBytes() {
    return java.util.HexFormat.of().parseHex(id);
  }

  /** The IP as CometBFT prints it: dotted IPv4, or RFC 5952 compressed lowercase IPv6. */
  public String ipText() {
    return IpRules.text(ip.getAddress());
  }

  /** {@code ip:port}, or {@code [ip6]:port}. */
  public String dialString() {
    String t = ipText();
    return (t.indexOf(':') >= 0 ? "[" + t + "]" : t) + ":" + port;
  }

  /** {@code id@ip:port}, or {@code id@[ip6]:port}. */
  @Override
  public String toString() {
    return id + "@" + dialString();
  }
}
