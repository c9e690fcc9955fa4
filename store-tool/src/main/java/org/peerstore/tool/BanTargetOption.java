package org.peerstore.tool;

import java.net.InetAddress;
import org.peerstore.BanTarget;
import org.peerstore.PeerstoreException;
import org.peerstore.Subnet;
import org.peerstore.peer.PeerId;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The target of {@code ban} and {@code unban}: exactly one of {@code --peer}, {@code --ip},
 * {@code --subnet} (a picocli mixin). Addresses are literals only, never resolved.
 */
final class BanTargetOption {
  @ArgGroup(exclusive = true, multiplicity = "1")
  private Target target;

  static final class Target {
    @Option(names = "--peer", paramLabel = "PEER_ID", description = "A peer id (base58 or CID).")
    String peer;
    @Option(names = "--ip", paramLabel = "ADDRESS",
        description = "An IPv4 or IPv6 address literal (IPv4-mapped IPv6 is its IPv4 address).")
    String ip;
    @Option(names = "--subnet", paramLabel = "CIDR",
        description = "A subnet, e.g. 10.0.0.0/8 or 2001:db8::/32 (host bits are cleared).")
    String subnet;
  }

  /**
   * The target given.
   *
   * @throws ToolException if it does not parse
   */
  BanTarget target() {
    try {
      if (target.peer != null) {
        return BanTarget.peer(PeerId.fromString(target.peer));
      }
      if (target.ip != null) {
        return BanTarget.ip(address(target.ip));
      }
      return BanTarget.subnet(Subnet.parse(target.subnet));
    } catch (PeerstoreException e) {
      throw new ToolException(e.getMessage(), e);
    }
  }

  /** The address of a literal, through the subnet parser (which never resolves names). */
  private static InetAddress address(String literal) {
    String full = literal + (literal.indexOf(':') >= 0 ? "/128" : "/32");
    Subnet s = Subnet.parse(full);
    if (s.prefixLength() != (s.isIpv6() ? 128 : 32)) {
      throw new ToolException("not an address: " + literal);
    }
    return s.network();
  }
}
