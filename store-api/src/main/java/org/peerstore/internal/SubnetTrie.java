package org.peerstore.internal;

import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * An immutable binary prefix trie of IP bans (docs/CONTRACT.md §14): one trie for IPv4 (32
 * bits deep) and one for IPv6 (128 bits). A node at depth {@code d} may hold the ban of the
 * subnet whose first {@code d} bits lead to it; a node at full depth may also hold the ban of
 * that exact address. A check walks the address's bits from the root and looks at each node on
 * the way, so it costs at most 33 or 129 steps whatever the number of bans, and never scans.
 *
 * <p>Changes copy the path they touch (at most 129 nodes) and return a new trie: a reader holding
 * a trie sees one consistent state without a lock. Immutable and thread-safe.
 */
public final class SubnetTrie {

  /** The trie without any ban. */
  public static final SubnetTrie EMPTY = new SubnetTrie(null, null, 0, 0);

  private static final class Node {
    final @Nullable Node zero;
    final @Nullable Node one;
    /** The ban of the subnet ending at this node, or null. */
    final @Nullable BanEntry subnet;
    /** At full depth: the ban of the exact address, or null. */
    final @Nullable BanEntry ip;

    Node(@Nullable Node zero, @Nullable Node one, @Nullable BanEntry subnet,
        @Nullable BanEntry ip) {
      this.zero = zero;
      this.one = one;
      this.subnet = subnet;
      this.ip = ip;
    }

    boolean isEmpty() {
      return zero == null && one == null && subnet == null && ip == null;
    }
  }

  private final @Nullable Node v4;
  private final @Nullable Node v6;
  private final int subnets;
  private final int ips;

  private SubnetTrie(@Nullable Node v4, @Nullable Node v6, int subnets, int ips) {
    this.v4 = v4;
    this.v6 = v6;
    this.subnets = subnets;
    this.ips = ips;
  }

  /** How many subnet bans it holds. */
  public int subnetCount() {
    return subnets;
  }

  /** How many exact-address bans it holds. */
  public int ipCount() {
    return ips;
  }

  /**
   * Whether a ban in force at {@code nowNanos} covers {@code address} (4 or 16 bytes): the
   * exact address's ban or the ban of any subnet holding it.
   */
  public boolean banned(byte[] address, long nowNanos) {
    return banned(address, 0, address.length, nowNanos);
  }

  /** {@link #banned(byte[], long)} of the address {@code buf[offset, offset + length)}. */
  public boolean banned(byte[] buf, int offset, int length, long nowNanos) {
    int bits = length * 8;
    Node n = length == 4 ? v4 : v6;
    for (int d = 0; n != null; d++) {
      if (n.subnet != null && n.subnet.inForce(nowNanos)) {
        return true;
      }
      if (d == bits) {
        return n.ip != null && n.ip.inForce(nowNanos);
      }
      n = ((buf[offset + (d >>> 3)] >>> (7 - (d & 7))) & 1) == 0 ? n.zero : n.one;
    }
    return false;
  }

  /** The ban of exactly the subnet {@code network/prefixLength}, or null. */
  public @Nullable BanEntry subnet(byte[] network, int prefixLength) {
    Node n = find(network, prefixLength);
    return n == null ? null : n.subnet;
  }

  /** The ban of exactly {@code address}, or null. */
  public @Nullable BanEntry ip(byte[] address) {
    Node n = find(address, address.length * 8);
    return n == null ? null : n.ip;
  }

  private @Nullable Node find(byte[] key, int depth) {
    Node n = key.length == 4 ? v4 : v6;
    for (int d = 0; n != null && d < depth; d++) {
      n = bit(key, d) == 0 ? n.zero : n.one;
    }
    return n;
  }

  /**
   * This trie with the ban of subnet {@code network/prefixLength} set to {@code ban} (null:
   * removed). The network's host bits must be zero.
   */
  public SubnetTrie withSubnet(byte[] network, int prefixLength, @Nullable BanEntry ban) {
    return with(network, prefixLength, ban, false);
  }

  /** This trie with the ban of exactly {@code address} set to {@code ban} (null: removed). */
  public SubnetTrie withIp(byte[] address, @Nullable BanEntry ban) {
    return with(address, address.length * 8, ban, true);
  }

  private SubnetTrie with(byte[] key, int depth, @Nullable BanEntry ban, boolean exact) {
    boolean v6key = key.length == 16;
    if (!v6key && key.length != 4) {
      throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + key.length);
    }
    if (depth < 0 || depth > key.length * 8) {
      throw new IllegalArgumentException("prefix length out of range: " + depth);
    }
    Node root = v6key ? v6 : v4;
    int[] delta = {0};
    Node next = with(root, key, 0, depth, ban, exact, delta);
    int s = subnets + (exact ? 0 : delta[0]);
    int i = ips + (exact ? delta[0] : 0);
    return v6key ? new SubnetTrie(v4, next, s, i) : new SubnetTrie(next, v6, s, i);
  }

  private static @Nullable Node with(@Nullable Node n, byte[] key, int d, int depth,
      @Nullable BanEntry ban, boolean exact, int[] delta) {
    if (n == null) {
      if (ban == null) {
        return null;
      }
      n = new Node(null, null, null, null);
    }
    Node out;
    if (d == depth) {
      BanEntry old = exact ? n.ip : n.subnet;
      delta[0] = (ban != null ? 1 : 0) - (old != null ? 1 : 0);
      out = exact ? new Node(n.zero, n.one, n.subnet, ban) : new Node(n.zero, n.one, ban, n.ip);
    } else if (bit(key, d) == 0) {
      out = new Node(with(n.zero, key, d + 1, depth, ban, exact, delta), n.one, n.subnet, n.ip);
    } else {
      out = new Node(n.zero, with(n.one, key, d + 1, depth, ban, exact, delta), n.subnet, n.ip);
    }
    return out.isEmpty() ? null : out;
  }

  /** Visits every ban it holds (subnets and exact addresses, in no particular order). */
  public void forEach(Consumer<BanEntry> visitor) {
    for (Node root : List.of(v4 == null ? EMPTY_NODE : v4, v6 == null ? EMPTY_NODE : v6)) {
      visit(root, visitor);
    }
  }

  private static final Node EMPTY_NODE = new Node(null, null, null, null);

  private static void visit(@Nullable Node n, Consumer<BanEntry> visitor) {
    // Depth is at most 129, so recursion is safe.
    if (n == null) {
      return;
    }
    if (n.subnet != null) {
      visitor.accept(n.subnet);
    }
    if (n.ip != null) {
      visitor.accept(n.ip);
    }
    visit(n.zero, visitor);
    visit(n.one, visitor);
  }

  private static int bit(byte[] key, int i) {
    return (key[i >>> 3] >>> (7 - (i & 7))) & 1;
  }
}
