package org.peerstore.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.peerstore.conformance.Addrs.addr;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerstore.Ban;
import org.peerstore.BanBook;
import org.peerstore.BanTarget;
import org.peerstore.InvalidSubnetException;
import org.peerstore.LimitExceededException;
import org.peerstore.Peerstore;
import org.peerstore.Snapshots;
import org.peerstore.Subnet;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

/**
 * The ban book (docs/CONTRACT.md §14): bans of peers, IP addresses and subnets, their expiry,
 * their independence from the other books, their bounds, and (for persistent stores) reopening.
 */
abstract class BanBookContract extends ContractBase {

  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration MS = Duration.ofMillis(1);

  BanBookContract(PeerstoreConformanceSuite suite) {
    super(suite);
  }

  static InetAddress ip(String literal) {
    try {
      // Literals only: getByName does no lookup for them.
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  static Multiaddr ma(String text) {
    return Multiaddr.fromString(text);
  }

  // ------------------------------------------------------------------------------- peers

  @Test
  void aBannedPeerIsBannedUntilItsBanExpires() {
    Peerstore ps = open();
    PeerId p = TestPeer.generate().id();
    PeerId q = TestPeer.generate().id();
    assertThat(ps.isBanned(p)).isFalse();
    Instant made = clock().instant();
    Ban ban = ps.banPeer(p, "flooding", HOUR);
    assertThat(ban).isEqualTo(new Ban(BanTarget.peer(p), "flooding", made,
        Optional.of(made.plus(HOUR))));
    assertThat(ban.isPermanent()).isFalse();
    assertThat(ps.isBanned(p)).isTrue();
    assertThat(ps.isBanned(q)).isFalse();
    assertThat(ps.bans()).containsExactly(ban);
    assertThat(ps.banOf(BanTarget.peer(p))).contains(ban);
    advance(HOUR.minus(MS));
    assertThat(ps.isBanned(p)).isTrue();
    advance(MS);
    assertThat(ps.isBanned(p)).isFalse();
    assertThat(ps.bans()).isEmpty();
    assertThat(ps.banOf(BanTarget.peer(p))).isEmpty();
  }

  @Test
  void permanentBansNeverExpire() {
    Peerstore ps = open();
    PeerId p = TestPeer.generate().id();
    PeerId q = TestPeer.generate().id();
    PeerId r = TestPeer.generate().id();
    assertThat(ps.banPeer(p, "", BanBook.PERMANENT).isPermanent()).isTrue();
    assertThat(ps.banPeer(q, "", Duration.ofNanos(Long.MAX_VALUE - 1)).isPermanent()).isTrue();
    // An end past 2262 saturates: permanent too.
    assertThat(ps.banPeer(r, "", Duration.ofSeconds(Long.MAX_VALUE)).isPermanent()).isTrue();
    assertThat(ps.banPeer(TestPeer.generate().id(), "", Duration.ofDays(365)).isPermanent())
        .isFalse();
    advance(Duration.ofDays(365 * 100));
    ps.collectGarbage();
    assertThat(ps.isBanned(p)).isTrue();
    assertThat(ps.isBanned(q)).isTrue();
    assertThat(ps.isBanned(r)).isTrue();
    assertThat(ps.bans()).hasSize(3).allMatch(Ban::isPermanent);
  }

  @Test
  void banningAgainReplacesTheBan() {
    Peerstore ps = open();
    PeerId p = TestPeer.generate().id();
    ps.banPeer(p, "first", HOUR);
    advance(Duration.ofMinutes(10));
    Instant now = clock().instant();
    Ban second = ps.banPeer(p, "second", Duration.ofMinutes(5));
    assertThat(second.created()).isEqualTo(now);
    assertThat(second.expires()).contains(now.plus(Duration.ofMinutes(5)));
    assertThat(ps.bans()).containsExactly(second);
    advance(Duration.ofMinutes(5));
    assertThat(ps.isBanned(p)).isFalse();
    // A ban replaced by a permanent one never expires.
    ps.banPeer(p, "short", MS);
    ps.banPeer(p, "forever", BanBook.PERMANENT);
    advance(HOUR);
    ps.collectGarbage();
    assertThat(ps.isBanned(p)).isTrue();
    assertThat(ps.banOf(BanTarget.peer(p)).orElseThrow().reason()).isEqualTo("forever");
  }

  @Test
  void unbanLiftsExactlyOneBanAndSaysWhetherOneWasInForce() {
    Peerstore ps = open();
    PeerId p = TestPeer.generate().id();
    PeerId q = TestPeer.generate().id();
    ps.banPeer(p, "a", HOUR);
    ps.banPeer(q, "b", Duration.ofMinutes(1));
    assertThat(ps.unbanPeer(p)).isTrue();
    assertThat(ps.isBanned(p)).isFalse();
    assertThat(ps.unbanPeer(p)).isFalse();
    assertThat(ps.isBanned(q)).isTrue();
    advance(Duration.ofMinutes(1));
    // Expired, not yet collected: removed, but no ban in force was lifted.
    assertThat(ps.unbanPeer(q)).isFalse();
    assertThat(ps.bans()).isEmpty();
    assertThat(ps.unban(BanTarget.ip(ip("1.2.3.4")))).isFalse();
  }

  @Test
  void aBanKeepsWhatIsKnownAndRemovePeerDoesNotLiftIt() {
    Peerstore ps = open();
    TestPeer alice = TestPeer.generate();
    PeerId p = alice.id();
    ps.addAddr(p, addr(1), HOUR);
    ps.addProtocols(p, List.of("/a"));
    ps.put(p, "k", "v");
    ps.banPeer(p, "misbehaved", HOUR);
    assertAddrs(ps, p, addr(1));
    assertThat(ps.protocols(p)).containsExactly("/a");
    assertThat(ps.get(p, "k")).contains("v");
    ps.removePeer(p);
    ps.clearAddrs(p);
    assertThat(ps.isBanned(p)).isTrue();
    assertThat(ps.bans()).extracting(Ban::target).containsExactly(BanTarget.peer(p));
    // A ban alone does not make a peer known.
    PeerId banned = TestPeer.generate().id();
    ps.banPeer(banned, "", HOUR);
    assertThat(ps.peers()).doesNotContain(banned);
  }

  // ----------------------------------------------------------------------------- addresses

  @Test
  void ipBansMatchExactlyTheirAddress() {
    Peerstore ps = open();
    ps.banIp(ip("192.0.2.1"), "v4", HOUR);
    ps.banIp(ip("2001:db8::1"), "v6", HOUR);
    assertThat(ps.isBanned(ip("192.0.2.1"))).isTrue();
    assertThat(ps.isBanned(ip("192.0.2.2"))).isFalse();
    assertThat(ps.isBanned(ip("2001:db8::1"))).isTrue();
    assertThat(ps.isBanned(ip("2001:db8:0:0:0:0:0:1"))).isTrue();
    assertThat(ps.isBanned(ip("2001:db8::2"))).isFalse();
    assertThat(ps.isBanned(ip("::1"))).isFalse();
    assertThat(ps.isBanned(ma("/ip4/192.0.2.1/tcp/4001"))).isTrue();
    assertThat(ps.isBanned(ma("/ip4/192.0.2.2/tcp/4001"))).isFalse();
    assertThat(ps.isBanned(ma("/ip6/2001:db8::1/udp/1/quic-v1"))).isTrue();
  }

  @Test
  void ipv4MappedIpv6AddressesAreTheirIpv4Address() throws Exception {
    Peerstore ps = open();
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    mapped[12] = (byte) 198;
    mapped[13] = 51;
    mapped[14] = 100;
    mapped[15] = 7;
    ps.banIp(InetAddress.getByAddress(mapped), "mapped", HOUR);
    assertThat(ps.isBanned(ip("198.51.100.7"))).isTrue();
    assertThat(ps.isBanned(ma("/ip4/198.51.100.7/tcp/1"))).isTrue();
    assertThat(ps.isBanned(ma("/ip6/::ffff:198.51.100.7/tcp/1"))).isTrue();
    assertThat(ps.bans()).extracting(Ban::target)
        .containsExactly(BanTarget.ip(ip("198.51.100.7")));
    ps.banSubnet(Subnet.parse("::ffff:203.0.113.0/120"), "mapped net", HOUR);
    assertThat(ps.banOf(BanTarget.subnet(Subnet.parse("203.0.113.0/24")))).isPresent();
    assertThat(ps.isBanned(ma("/ip6/::ffff:203.0.113.9/tcp/1"))).isTrue();
    assertThat(ps.isBanned(ip("203.0.113.9"))).isTrue();
    // An IPv6 subnet never bans IPv4 addresses, mapped or not.
    ps.banSubnet(Subnet.parse("::/0"), "all v6", HOUR);
    assertThat(ps.isBanned(ip("192.0.2.1"))).isFalse();
    assertThat(ps.isBanned(ma("/ip6/::ffff:192.0.2.1/tcp/1"))).isFalse();
    assertThat(ps.isBanned(ip("2001:db8::5"))).isTrue();
  }

  @Test
  void subnetEdges() {
    Peerstore ps = open();
    ps.banSubnet(Subnet.parse("0.0.0.0/0"), "all v4", HOUR);
    assertThat(ps.isBanned(ip("1.2.3.4"))).isTrue();
    assertThat(ps.isBanned(ip("255.255.255.255"))).isTrue();
    assertThat(ps.isBanned(ip("::1"))).isFalse();
    assertThat(ps.unbanSubnet(Subnet.parse("0.0.0.0/0"))).isTrue();
    ps.banSubnet(Subnet.parse("198.51.100.7/32"), "one", HOUR);
    assertThat(ps.isBanned(ip("198.51.100.7"))).isTrue();
    assertThat(ps.isBanned(ip("198.51.100.6"))).isFalse();
    assertThat(ps.isBanned(ip("198.51.100.8"))).isFalse();
    ps.banSubnet(Subnet.parse("2001:db8::ff/128"), "one v6", HOUR);
    assertThat(ps.isBanned(ip("2001:db8::ff"))).isTrue();
    assertThat(ps.isBanned(ip("2001:db8::fe"))).isFalse();
    ps.banSubnet(Subnet.parse("::/0"), "all v6", HOUR);
    assertThat(ps.isBanned(ip("fe80::1"))).isTrue();
    assertThat(ps.isBanned(ip("10.0.0.1"))).isFalse();
  }

  @Test
  void hostBitsAreNormalised() {
    Peerstore ps = open();
    Ban ban = ps.banSubnet(Subnet.parse("10.1.2.3/8"), "", HOUR);
    assertThat(ban.target()).isEqualTo(BanTarget.subnet(Subnet.parse("10.0.0.0/8")));
    assertThat(ban.target().toString()).isEqualTo("subnet 10.0.0.0/8");
    assertThat(ps.isBanned(ip("10.200.0.1"))).isTrue();
    assertThat(ps.isBanned(ip("11.0.0.1"))).isFalse();
    assertThat(ps.unbanSubnet(Subnet.parse("10.9.9.9/8"))).isTrue();
    assertThat(ps.isBanned(ip("10.200.0.1"))).isFalse();
    ps.banSubnet(Subnet.parse("2001:db8:ffff::1/33"), "", HOUR);
    assertThat(ps.banOf(BanTarget.subnet(Subnet.parse("2001:db8:8000::/33")))).isPresent();
    assertThat(ps.isBanned(ip("2001:db8:8000::5"))).isTrue();
    assertThat(ps.isBanned(ip("2001:db8:7fff::5"))).isFalse();
  }

  @Test
  void overlappingSubnetsAreLiftedOneByOne() {
    Peerstore ps = open();
    ps.banSubnet(Subnet.parse("10.0.0.0/8"), "wide", HOUR);
    ps.banSubnet(Subnet.parse("10.1.0.0/16"), "narrow", Duration.ofMinutes(30));
    assertThat(ps.isBanned(ip("10.1.2.3"))).isTrue();
    assertThat(ps.unbanSubnet(Subnet.parse("10.1.0.0/16"))).isTrue();
    assertThat(ps.isBanned(ip("10.1.2.3"))).isTrue();
    ps.banSubnet(Subnet.parse("10.1.0.0/16"), "narrow", HOUR.multipliedBy(2));
    assertThat(ps.unbanSubnet(Subnet.parse("10.0.0.0/8"))).isTrue();
    assertThat(ps.isBanned(ip("10.1.2.3"))).isTrue();
    assertThat(ps.isBanned(ip("10.2.0.1"))).isFalse();
    // An expired narrow ban does not hide a wider one in force, and vice versa.
    ps.banSubnet(Subnet.parse("10.1.2.0/24"), "short", Duration.ofMinutes(1));
    ps.banSubnet(Subnet.parse("10.1.2.3/32"), "shortest", MS);
    advance(Duration.ofMinutes(1));
    assertThat(ps.isBanned(ip("10.1.2.3"))).isTrue();
    assertThat(ps.unbanSubnet(Subnet.parse("10.1.0.0/16"))).isTrue();
    assertThat(ps.isBanned(ip("10.1.2.3"))).isFalse();
  }

  @Test
  void anIpBanAndTheSubnetOfThatOneAddressAreDifferentBans() {
    Peerstore ps = open();
    ps.banIp(ip("192.0.2.9"), "ip", HOUR);
    ps.banSubnet(Subnet.parse("192.0.2.9/32"), "net", HOUR);
    assertThat(ps.bans()).hasSize(2);
    assertThat(ps.unbanIp(ip("192.0.2.9"))).isTrue();
    assertThat(ps.isBanned(ip("192.0.2.9"))).isTrue();
    assertThat(ps.unbanSubnet(Subnet.parse("192.0.2.9/32"))).isTrue();
    assertThat(ps.isBanned(ip("192.0.2.9"))).isFalse();
  }

  @Test
  void multiaddrsWithoutAnIpAreNotBanned() {
    Peerstore ps = open();
    PeerId p = TestPeer.generate().id();
    ps.banSubnet(Subnet.parse("0.0.0.0/0"), "", HOUR);
    ps.banSubnet(Subnet.parse("::/0"), "", HOUR);
    ps.banPeer(p, "", HOUR);
    assertThat(ps.isBanned(ma("/dns4/example.com/tcp/4001"))).isFalse();
    assertThat(ps.isBanned(ma("/dns/example.com/udp/1/quic-v1"))).isFalse();
    assertThat(ps.isBanned(ma("/p2p/" + p))).isFalse();
    assertThat(ps.isBanned(ma("/dns4/example.com/tcp/4001/p2p/" + p))).isFalse();
    assertThat(ps.isBanned(ma("/ip4/1.2.3.4/tcp/4001/p2p/" + TestPeer.generate().id())))
        .isTrue();
  }

  @Test
  void anyIpComponentOfAMultiaddrCounts() {
    Peerstore ps = open();
    PeerId relay = TestPeer.generate().id();
    PeerId target = TestPeer.generate().id();
    ps.banIp(ip("203.0.113.1"), "relay", HOUR);
    Multiaddr viaRelay = ma("/ip4/203.0.113.1/tcp/4001/p2p/" + relay + "/p2p-circuit/p2p/"
        + target);
    assertThat(ps.isBanned(viaRelay)).isTrue();
    assertThat(ps.isBanned(ma("/ip4/203.0.113.2/tcp/4001/p2p/" + relay + "/p2p-circuit")))
        .isFalse();
  }

  @Test
  void bansAreListedInTheDocumentedOrder() {
    Peerstore ps = open();
    List<PeerId> peers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      peers.add(TestPeer.generate().id());
    }
    ps.banSubnet(Subnet.parse("2001:db8::/32"), "", HOUR);
    ps.banIp(ip("2001:db8::1"), "", HOUR);
    ps.banSubnet(Subnet.parse("10.0.0.0/16"), "", HOUR);
    ps.banSubnet(Subnet.parse("10.0.0.0/8"), "", HOUR);
    ps.banIp(ip("10.0.0.2"), "", HOUR);
    ps.banIp(ip("9.0.0.1"), "", HOUR);
    for (PeerId p : peers) {
      ps.banPeer(p, "", HOUR);
    }
    List<BanTarget> expected = new ArrayList<>();
    peers.sort(Comparator.comparing(PeerId::toBytes, java.util.Arrays::compareUnsigned));
    peers.forEach(p -> expected.add(BanTarget.peer(p)));
    expected.add(BanTarget.ip(ip("9.0.0.1")));
    expected.add(BanTarget.ip(ip("10.0.0.2")));
    expected.add(BanTarget.ip(ip("2001:db8::1")));
    expected.add(BanTarget.subnet(Subnet.parse("10.0.0.0/8")));
    expected.add(BanTarget.subnet(Subnet.parse("10.0.0.0/16")));
    expected.add(BanTarget.subnet(Subnet.parse("2001:db8::/32")));
    assertThat(ps.bans()).extracting(Ban::target).containsExactlyElementsOf(expected);
  }

  @Test
  void garbageCollectionRemovesExpiredBansOnly() {
    Peerstore ps = open();
    PeerId p = TestPeer.generate().id();
    PeerId q = TestPeer.generate().id();
    ps.banPeer(p, "", Duration.ofMinutes(1));
    ps.banIp(ip("192.0.2.1"), "", Duration.ofMinutes(1));
    ps.banSubnet(Subnet.parse("192.0.2.0/24"), "", Duration.ofMinutes(2));
    ps.banPeer(q, "", BanBook.PERMANENT);
    advance(Duration.ofMinutes(1));
    ps.collectGarbage();
    assertThat(ps.isBanned(p)).isFalse();
    assertThat(ps.isBanned(ip("192.0.2.1"))).isTrue();
    assertThat(ps.bans()).extracting(Ban::target).containsExactly(BanTarget.peer(q),
        BanTarget.subnet(Subnet.parse("192.0.2.0/24")));
    advance(Duration.ofMinutes(1));
    ps.collectGarbage();
    assertThat(ps.isBanned(ip("192.0.2.1"))).isFalse();
    assertThat(ps.bans()).extracting(Ban::target).containsExactly(BanTarget.peer(q));
    // A collected ban can be made again.
    ps.banPeer(p, "again", HOUR);
    assertThat(ps.isBanned(p)).isTrue();
  }

  // ----------------------------------------------------------------------------- bad input

  @Test
  void reasonsAreBoundedAndMustBeValidText() {
    Peerstore ps = open();
    PeerId p = TestPeer.generate().id();
    String max = "a".repeat(BanBook.MAX_REASON_BYTES);
    assertThat(ps.banPeer(p, max, HOUR).reason()).isEqualTo(max);
    assertThatThrownBy(() -> ps.banPeer(p, max + "b", HOUR))
        .isInstanceOf(LimitExceededException.class).hasMessageContaining("ban reason");
    // 342 three-byte characters are 1026 bytes.
    assertThatThrownBy(() -> ps.banPeer(p, "\u20ac".repeat(342), HOUR))
        .isInstanceOf(LimitExceededException.class);
    assertThatThrownBy(() -> ps.banPeer(p, "bad \ud800 surrogate", HOUR))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ps.banOf(BanTarget.peer(p)).orElseThrow().reason()).isEqualTo(max);
    String unicode = "spam \uD83D\uDEAB \u00fc\u00df";
    assertThat(ps.banPeer(p, unicode, HOUR).reason()).isEqualTo(unicode);
    assertThat(ps.banOf(BanTarget.peer(p)).orElseThrow().reason()).isEqualTo(unicode);
  }

  @Test
  void durationsMustBePositive() {
    Peerstore ps = open();
    PeerId p = TestPeer.generate().id();
    assertThatThrownBy(() -> ps.banPeer(p, "", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ps.banIp(ip("1.2.3.4"), "", Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ps.bans()).isEmpty();
    assertThat(ps.isBanned(p)).isFalse();
  }

  @Test
  void nullsAreRejected() {
    Peerstore ps = open();
    PeerId p = TestPeer.generate().id();
    assertThatThrownBy(() -> ps.banPeer(null, "", HOUR)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ps.banPeer(p, null, HOUR)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ps.banPeer(p, "", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ps.ban(null, "", HOUR)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ps.unban(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ps.isBanned((PeerId) null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ps.isBanned((InetAddress) null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ps.isBanned((Multiaddr) null))
        .isInstanceOf(NullPointerException.class);
    assertThat(ps.bans()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0", "10.0.0.0/", "/8", "10.0.0.0/33", "10.0.0.0/-1",
      "10.0.0.0/08", "10.0.0.0/+8", "10.0.0/8", "10.0.0.256/8", "::/129", "2001:db8::/1000",
      "host.example/8", "10.0.0.0/8/9", "::ffff:1.2.3.4/95", "::ffff:1.2.3.4/129", "[::1]/128",
      "fe80::1%eth0/64", " 10.0.0.0/8", "10.0.0.0/8 ", "", "1.2.3.4/x", "/ip4/1.2.3.4/32"})
  void malformedSubnetsAreRejected(String text) {
    assertThatThrownBy(() -> Subnet.parse(text)).isInstanceOf(InvalidSubnetException.class);
  }

  @Test
  void subnetsOfOutOfRangePrefixesAreRejected() {
    assertThatThrownBy(() -> Subnet.of(ip("10.0.0.1"), 33))
        .isInstanceOf(InvalidSubnetException.class);
    assertThatThrownBy(() -> Subnet.of(ip("10.0.0.1"), -1))
        .isInstanceOf(InvalidSubnetException.class);
    assertThatThrownBy(() -> Subnet.of(ip("::1"), 129))
        .isInstanceOf(InvalidSubnetException.class);
    assertThat(Subnet.of(ip("::1"), 128).toString()).isEqualTo("::1/128");
    assertThat(Subnet.of(ip("10.0.0.1"), 0).toString()).isEqualTo("0.0.0.0/0");
  }

  @Test
  void callsAfterCloseThrow() {
    Peerstore ps = open();
    ps.close();
    PeerId p = TestPeer.generate().id();
    assertThatThrownBy(() -> ps.banPeer(p, "", HOUR)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ps.isBanned(p)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ps.bans()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ps.unbanPeer(p)).isInstanceOf(IllegalStateException.class);
  }

  // ------------------------------------------------------------------------------- restore

  @Test
  void restoreBanKeepsTheCreationTimeAndTheExpiryAsGiven() {
    Peerstore ps = open();
    Snapshots snapshots = (Snapshots) ps;
    PeerId p = TestPeer.generate().id();
    Instant now = clock().instant();
    Ban old = new Ban(BanTarget.peer(p), "from the export", now.minus(Duration.ofDays(3)),
        Optional.of(now.plus(Duration.ofMinutes(5))));
    Ban permanent = new Ban(BanTarget.subnet(Subnet.parse("10.0.0.0/8")), "net",
        now.minus(HOUR), Optional.empty());
    assertThat(snapshots.restoreBan(old)).isTrue();
    assertThat(snapshots.restoreBan(permanent)).isTrue();
    assertThat(ps.bans()).containsExactly(old, permanent);
    assertThat(ps.isBanned(p)).isTrue();
    assertThat(ps.isBanned(ip("10.1.2.3"))).isTrue();
    advance(Duration.ofMinutes(5));
    assertThat(ps.isBanned(p)).isFalse();
    assertThat(ps.bans()).containsExactly(permanent);
  }

  @Test
  void restoreBanReplacesABanOfTheSameTargetAndSkipsAnExpiredOne() {
    Peerstore ps = open();
    Snapshots snapshots = (Snapshots) ps;
    PeerId p = TestPeer.generate().id();
    Ban made = ps.banPeer(p, "now", BanBook.PERMANENT);
    Instant now = clock().instant();
    Ban expired = new Ban(BanTarget.peer(p), "long ago", now.minus(Duration.ofDays(2)),
        Optional.of(now));
    assertThat(snapshots.restoreBan(expired)).isFalse();
    assertThat(ps.bans()).containsExactly(made);
    Ban replacing = new Ban(BanTarget.peer(p), "replaced", now.minus(HOUR),
        Optional.of(now.plus(HOUR)));
    assertThat(snapshots.restoreBan(replacing)).isTrue();
    assertThat(ps.bans()).containsExactly(replacing);
  }

  @Test
  void restoreBanChecksTheReasonAndNulls() {
    Peerstore ps = open();
    Snapshots snapshots = (Snapshots) ps;
    Instant now = clock().instant();
    Ban tooLong = new Ban(BanTarget.ip(ip("192.0.2.7")), "x".repeat(BanBook.MAX_REASON_BYTES + 1),
        now, Optional.empty());
    assertThatThrownBy(() -> snapshots.restoreBan(tooLong))
        .isInstanceOf(LimitExceededException.class);
    assertThatThrownBy(() -> snapshots.restoreBan(null)).isInstanceOf(NullPointerException.class);
    assertThat(ps.bans()).isEmpty();
    ps.close();
    assertThatThrownBy(() -> snapshots.restoreBan(new Ban(BanTarget.ip(ip("192.0.2.7")), "",
        now, Optional.empty()))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aRestoredBanSurvivesReopen() {
    assumeTrue(persistent(), "the factory's stores are not persistent");
    Peerstore ps = open();
    Instant now = clock().instant();
    Ban ban = new Ban(BanTarget.ip(ip("2001:db8::9")), "restored", now.minus(HOUR),
        Optional.of(now.plus(HOUR)));
    assertThat(((Snapshots) ps).restoreBan(ban)).isTrue();
    ps = reopen(ps, b -> {});
    assertThat(ps.bans()).containsExactly(ban);
  }

  // --------------------------------------------------------------------------- persistence

  @Test
  void bansSurviveReopen() {
    assumeTrue(persistent(), "the factory's stores are not persistent");
    Peerstore ps = open();
    PeerId p = TestPeer.generate().id();
    ps.banPeer(p, "peer \u00fc", HOUR);
    ps.banIp(ip("192.0.2.1"), "ip", BanBook.PERMANENT);
    ps.banIp(ip("2001:db8::1"), "ip6", Duration.ofMinutes(10));
    ps.banSubnet(Subnet.parse("10.0.0.0/8"), "net", Duration.ofMinutes(20));
    ps.banSubnet(Subnet.parse("2001:db8:1::/48"), "net6", HOUR);
    PeerId lifted = TestPeer.generate().id();
    ps.banPeer(lifted, "lifted", HOUR);
    assertThat(ps.unbanPeer(lifted)).isTrue();
    List<Ban> before = ps.bans();
    assertThat(before).hasSize(5);
    ps = reopen(ps, b -> {});
    assertThat(ps.bans()).isEqualTo(before);
    assertThat(ps.isBanned(p)).isTrue();
    assertThat(ps.isBanned(ip("10.9.9.9"))).isTrue();
    assertThat(ps.isBanned(ma("/ip6/2001:db8:1::5/tcp/1"))).isTrue();
    advance(Duration.ofMinutes(10));
    assertThat(ps.isBanned(ip("2001:db8::1"))).isFalse();
    assertThat(ps.isBanned(ip("10.9.9.9"))).isTrue();
    advance(Duration.ofMinutes(10));
    assertThat(ps.isBanned(ip("10.9.9.9"))).isFalse();
    ps.collectGarbage();
    ps = reopen(ps, b -> {});
    assertThat(ps.bans()).extracting(Ban::target).containsExactly(BanTarget.peer(p),
        BanTarget.ip(ip("192.0.2.1")), BanTarget.subnet(Subnet.parse("2001:db8:1::/48")));
    advance(Duration.ofMinutes(40));
    assertThat(ps.bans()).extracting(Ban::target).containsExactly(BanTarget.ip(ip("192.0.2.1")));
  }

  @Test
  void bansThatExpiredWhileClosedAreGoneAndCanBeCollected() {
    assumeTrue(persistent(), "the factory's stores are not persistent");
    Peerstore ps = open();
    PeerId p = TestPeer.generate().id();
    ps.banPeer(p, "", Duration.ofMinutes(1));
    ps.banSubnet(Subnet.parse("198.51.100.0/24"), "", Duration.ofMinutes(1));
    ps.close();
    advance(Duration.ofMinutes(1));
    ps = reopen(ps, b -> {});
    assertThat(ps.isBanned(p)).isFalse();
    assertThat(ps.isBanned(ip("198.51.100.1"))).isFalse();
    assertThat(ps.bans()).isEmpty();
    ps.collectGarbage();
    ps = reopen(ps, b -> {});
    assertThat(ps.bans()).isEmpty();
    assertThat(ps.unbanPeer(p)).isFalse();
  }

  @Test
  void removePeerDoesNotLiftABanAcrossReopen() {
    assumeTrue(persistent(), "the factory's stores are not persistent");
    Peerstore ps = open();
    PeerId p = TestPeer.generate().id();
    ps.addProtocols(p, List.of("/x"));
    ps.banPeer(p, "", HOUR);
    ps.removePeer(p);
    ps = reopen(ps, b -> {});
    assertThat(ps.isBanned(p)).isTrue();
    assertThat(ps.protocols(p)).isEmpty();
  }
}
