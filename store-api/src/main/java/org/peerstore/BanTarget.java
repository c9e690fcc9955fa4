package org.peerstore;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import org.peerstore.peer.PeerId;

/**
 * What a ban applies to: a peer ({@link PeerTarget}), one IP address ({@link IpTarget}) or a
 * subnet ({@link SubnetTarget}); docs/CONTRACT.md §14. Two targets are equal when they are of
 * the same kind with equal values; a ban of the IP {@code 10.0.0.1} and one of the subnet
 * {@code 10.0.0.1/32} are different bans.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface BanTarget permits BanTarget.PeerTarget, BanTarget.IpTarget,
    BanTarget.SubnetTarget {

  /**
   * A ban of one peer.
   *
   * @throws NullPointerException if {@code peer} is null
   */
  static PeerTarget peer(PeerId peer) {
    return new PeerTarget(peer);
  }

  /**
   * A ban of one IP address (canonical: without host name or IPv6 scope; an IPv4-mapped IPv6
   * address is its IPv4 address).
   *
   * @throws NullPointerException if {@code address} is null
   */
  static IpTarget ip(InetAddress address) {
    return new IpTarget(address);
  }

  /**
   * A ban of every address of a subnet.
   *
   * @throws NullPointerException if {@code subnet} is null
   */
  static SubnetTarget subnet(Subnet subnet) {
    return new SubnetTarget(subnet);
  }

  /**
   * A banned peer.
   *
   * @param peer the peer
   */
  record PeerTarget(PeerId peer) implements BanTarget {
    /** Checks the argument. */
    public PeerTarget {
      Objects.requireNonNull(peer, "peer id");
    }

    /** {@code peer <base58 id>}. */
    @Override
    public String toString() {
      return "peer " + peer;
    }
  }

  /**
   * A banned IP address.
   *
   * @param address the address: 4 bytes for IPv4 (IPv4-mapped IPv6 included), 16 for IPv6,
   *     never with a host name or scope
   */
  record IpTarget(InetAddress address) implements BanTarget {
    /** Canonicalises the address (drops host name and scope; Java maps IPv4-mapped to IPv4). */
    public IpTarget {
      Objects.requireNonNull(address, "address");
      try {
        address = InetAddress.getByAddress(address.getAddress());
      } catch (UnknownHostException e) {
        throw new AssertionError("an InetAddress always has 4 or 16 bytes", e);
      }
    }

    /** {@code ip <address>}, IPv6 in compressed form. */
    @Override
    public String toString() {
      return "ip " + Subnet.ipText(address.getAddress());
    }
  }

  /**
   * A banned subnet.
   *
   * @param subnet the subnet
   */
  record SubnetTarget(Subnet subnet) implements BanTarget {
    /** Checks the argument. */
    public SubnetTarget {
      Objects.requireNonNull(subnet, "subnet");
    }

    /** {@code subnet <cidr>}. */
    @Override
    public String toString() {
      return "subnet " + subnet;
    }
  }
}
