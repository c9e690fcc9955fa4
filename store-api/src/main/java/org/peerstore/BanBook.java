package org.peerstore;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

/**
 * Bans of peers, IP addresses and subnets, so that a node can gate its dials and accepts
 * (docs/CONTRACT.md §14). Each ban has a reason, the time it was made and an expiry (a
 * duration, or {@link #PERMANENT}); an expired ban is not in force at once, before garbage
 * collection removes it. Bans are independent of the other books: banning a peer keeps what is
 * known about it, and {@link Peerstore#removePeer} does not lift a ban. A persistent store keeps
 * its bans across restarts.
 *
 * <p>IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}) are the IPv4 address {@code a.b.c.d}
 * everywhere: banning, unbanning and checking. IPv4 addresses are checked against IPv4 bans
 * only and IPv6 addresses against IPv6 bans only ({@code ::/0} does not ban IPv4).
 *
 * <p>Thread-safety: every method is thread-safe. Each ban, unban and check is atomic; the
 * checks ({@code isBanned}) take no lock and, in the RocksDB store too, read only memory: their
 * cost does not grow with the number of subnets banned (a prefix trie: at most 32 steps for
 * IPv4, 128 for IPv6).
 */
public interface BanBook {

  /** The duration of a ban that never expires ({@code Duration.ofNanos(Long.MAX_VALUE)}). */
  Duration PERMANENT = Duration.ofNanos(Long.MAX_VALUE);

  /** Longest reason, in UTF-8 bytes. */
  int MAX_REASON_BYTES = 1024;

  /**
   * Bans {@code target} for {@code duration} from now, replacing any ban of the same target
   * (its reason, creation time and expiry), expired or not. A duration of at least
   * {@code Long.MAX_VALUE - 1} nanoseconds ({@link #PERMANENT} included), or one whose end
   * would be past the last instant a {@code long} of epoch nanoseconds holds (year 2262), makes
   * a permanent ban.
   *
   * @param reason why, for the operator (may be empty)
   * @return the ban now in force
   * @throws LimitExceededException if {@code reason} is longer than {@link #MAX_REASON_BYTES}
   *     UTF-8 bytes (nothing is changed)
   * @throws IllegalArgumentException if {@code duration} is zero or negative, or
   *     {@code reason} holds an unpaired surrogate (nothing is changed)
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if the store could not write (nothing is changed)
   * @throws NullPointerException if an argument is null
   */
  Ban ban(BanTarget target, String reason, Duration duration);

  /**
   * Bans a peer: {@code ban(BanTarget.peer(peer), reason, duration)}.
   *
   * @throws LimitExceededException as {@link #ban}
   * @throws IllegalArgumentException as {@link #ban}
   * @throws NullPointerException if an argument is null
   */
  default Ban banPeer(PeerId peer, String reason, Duration duration) {
    return ban(BanTarget.peer(peer), reason, duration);
  }

  /**
   * Bans one IP address: {@code ban(BanTarget.ip(address), reason, duration)}.
   *
   * @throws LimitExceededException as {@link #ban}
   * @throws IllegalArgumentException as {@link #ban}
   * @throws NullPointerException if an argument is null
   */
  default Ban banIp(InetAddress address, String reason, Duration duration) {
    return ban(BanTarget.ip(address), reason, duration);
  }

  /**
   * Bans every address of a subnet: {@code ban(BanTarget.subnet(subnet), reason, duration)}.
   *
   * @throws LimitExceededException as {@link #ban}
   * @throws IllegalArgumentException as {@link #ban}
   * @throws NullPointerException if an argument is null
   */
  default Ban banSubnet(Subnet subnet, String reason, Duration duration) {
    return ban(BanTarget.subnet(subnet), reason, duration);
  }

  /**
   * Lifts the ban of exactly {@code target} (unbanning a subnet lifts no other subnet's ban,
   * overlapping or not, and no IP's). An expired ban not yet collected is removed too.
   *
   * @return whether a ban in force was lifted
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if the store could not write (nothing is changed)
   * @throws NullPointerException if {@code target} is null
   */
  boolean unban(BanTarget target);

  /**
   * {@code unban(BanTarget.peer(peer))}.
   *
   * @throws NullPointerException if {@code peer} is null
   */
  default boolean unbanPeer(PeerId peer) {
    return unban(BanTarget.peer(peer));
  }

  /**
   * {@code unban(BanTarget.ip(address))}.
   *
   * @throws NullPointerException if {@code address} is null
   */
  default boolean unbanIp(InetAddress address) {
    return unban(BanTarget.ip(address));
  }

  /**
   * {@code unban(BanTarget.subnet(subnet))}.
   *
   * @throws NullPointerException if {@code subnet} is null
   */
  default boolean unbanSubnet(Subnet subnet) {
    return unban(BanTarget.subnet(subnet));
  }

  /**
   * The ban in force of exactly {@code target}, or empty (a subnet covering an IP is not the
   * IP's ban; use {@link #isBanned(InetAddress)} for that).
   *
   * @throws IllegalStateException after {@code close()}
   * @throws NullPointerException if {@code target} is null
   */
  Optional<Ban> banOf(BanTarget target);

  /**
   * Every ban in force: peers first (by peer id bytes), then IP addresses (IPv4 before IPv6,
   * by address bytes), then subnets ({@link Subnet#compareTo} order). One consistent state:
   * no ban or unban is half-seen.
   *
   * @return an unmodifiable list
   * @throws IllegalStateException after {@code close()}
   */
  List<Ban> bans();

  /**
   * Whether {@code peer} is banned now.
   *
   * @throws IllegalStateException after {@code close()}
   * @throws NullPointerException if {@code peer} is null
   */
  boolean isBanned(PeerId peer);

  /**
   * Whether {@code address} is banned now: by a ban of the address itself or of any subnet
   * holding it (an IPv4-mapped IPv6 address is checked as its IPv4 address).
   *
   * @throws IllegalStateException after {@code close()}
   * @throws NullPointerException if {@code address} is null
   */
  boolean isBanned(InetAddress address);

  /**
   * Whether any {@code ip4} or {@code ip6} component of {@code address} is banned now, as
   * {@link #isBanned(InetAddress)}. An address without such a component (e.g. {@code /dns4/...})
   * is not banned; its {@code /p2p} component is not consulted (call {@link #isBanned(PeerId)}).
   *
   * @throws IllegalStateException after {@code close()}
   * @throws NullPointerException if {@code address} is null
   */
  boolean isBanned(Multiaddr address);
}
