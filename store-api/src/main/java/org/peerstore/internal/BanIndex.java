package org.peerstore.internal;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.peerstore.BanTarget;
import org.peerstore.Subnet;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

/**
 * The in-memory index of bans both stores check against (docs/CONTRACT.md §14): peer bans in a
 * {@link ConcurrentHashMap}, IP and subnet bans in one immutable {@link SubnetTrie} published
 * through a volatile field, and the bans that can expire ordered by expiry, so that collecting
 * expired bans costs what expired.
 *
 * <p>Thread-safety: the checks ({@code isBanned}, {@link #get}) take no lock and may run
 * concurrently with anything; each reads one published state (a check of an address, all of
 * its IP components included, reads one trie). Mutations ({@link #put}, {@link #remove},
 * {@link #clear}), {@link #inForce} and {@link #expired} must be serialised by the caller (the
 * store's ban lock).
 */
public final class BanIndex {
  /** Expiry first, then target order: unique per entry, as a target has one ban at a time. */
  private static final Comparator<BanEntry> BY_EXPIRY =
      Comparator.comparingLong(BanEntry::expiryNanos).thenComparing(BanEntry::target,
          BanRules.ORDER);

  private final ConcurrentHashMap<PeerId, BanEntry> peers = new ConcurrentHashMap<>();
  private volatile SubnetTrie ips = SubnetTrie.EMPTY;
  private final TreeSet<BanEntry> expiring = new TreeSet<>(BY_EXPIRY);

  /** The stored ban of exactly {@code target} (in force or not), or null. */
  public @Nullable BanEntry get(BanTarget target) {
    if (target instanceof BanTarget.PeerTarget p) {
      return peers.get(p.peer());
    }
    if (target instanceof BanTarget.IpTarget i) {
      return ips.ip(i.address().getAddress());
    }
    Subnet s = ((BanTarget.SubnetTarget) target).subnet();
    return ips.subnet(s.networkBytes(), s.prefixLength());
  }

  /** Stores {@code ban}, replacing any ban of its target. Caller serialises mutations. */
  public void put(BanEntry ban) {
    BanEntry old = set(ban.target(), ban);
    if (old != null) {
      expiring.remove(old);
    }
    if (!ban.isPermanent()) {
      expiring.add(ban);
    }
  }

  /**
   * Removes the ban of {@code target}.
   *
   * @return the removed ban (in force or not), or null if there was none
   */
  public @Nullable BanEntry remove(BanTarget target) {
    BanEntry old = set(target, null);
    if (old != null) {
      expiring.remove(old);
    }
    return old;
  }

  private @Nullable BanEntry set(BanTarget target, @Nullable BanEntry ban) {
    if (target instanceof BanTarget.PeerTarget p) {
      return ban == null ? peers.remove(p.peer()) : peers.put(p.peer(), ban);
    }
    BanEntry old = get(target);
    if (target instanceof BanTarget.IpTarget i) {
      ips = ips.withIp(i.address().getAddress(), ban);
    } else {
      Subnet s = ((BanTarget.SubnetTarget) target).subnet();
      ips = ips.withSubnet(s.networkBytes(), s.prefixLength(), ban);
    }
    return old;
  }

  /** Whether {@code peer} has a ban in force at {@code nowNanos}. */
  public boolean isBanned(PeerId peer, long nowNanos) {
    BanEntry b = peers.get(peer);
    return b != null && b.inForce(nowNanos);
  }

  /** Whether {@code address} or a subnet holding it has a ban in force at {@code nowNanos}. */
  public boolean isBanned(InetAddress address, long nowNanos) {
    return ips.banned(address.getAddress(), nowNanos);
  }

  /**
   * Whether an ip4/ip6 component of {@code address} is banned at {@code nowNanos}
   * ({@link BanRules#anyIp}); every component is checked against the same trie.
   */
  public boolean isBanned(Multiaddr address, long nowNanos) {
    SubnetTrie trie = ips;
    return BanRules.anyIp(address, (b, off, len) -> trie.banned(b, off, len, nowNanos));
  }

  /** Every ban in force at {@code nowNanos}, in {@link BanRules#ORDER}. Caller serialises. */
  public List<BanEntry> inForce(long nowNanos) {
    List<BanEntry> out = new ArrayList<>();
    for (BanEntry b : peers.values()) {
      if (b.inForce(nowNanos)) {
        out.add(b);
      }
    }
    ips.forEach(b -> {
      if (b.inForce(nowNanos)) {
        out.add(b);
      }
    });
    out.sort(Comparator.comparing(BanEntry::target, BanRules.ORDER));
    return out;
  }

  /**
   * The stored bans expired at {@code nowNanos} (expiry {@code <= now}), earliest first,
   * without removing them; costs what expired. Caller serialises.
   */
  public List<BanEntry> expired(long nowNanos) {
    List<BanEntry> out = new ArrayList<>();
    for (BanEntry b : expiring) {
      if (b.inForce(nowNanos)) {
        break;
      }
      out.add(b);
    }
    return out;
  }

  /** How many bans are stored (in force or not), by kind: peers, IPs, subnets. */
  public long[] counts() {
    SubnetTrie t = ips;
    return new long[] {peers.size(), t.ipCount(), t.subnetCount()};
  }

  /** Drops every ban. Caller serialises. */
  public void clear() {
    peers.clear();
    ips = SubnetTrie.EMPTY;
    expiring.clear();
  }
}
