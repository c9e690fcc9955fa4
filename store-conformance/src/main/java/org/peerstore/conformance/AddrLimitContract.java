package org.peerstore.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.peerstore.conformance.Addrs.addr;
import static org.peerstore.conformance.Addrs.range;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peerstore.AddrTtl;
import org.peerstore.Peerstore;
import org.peerstore.PeerstoreException;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

/**
 * Address limits (docs/CONTRACT.md §3): the per-peer cap of unconnected addresses, and the global
 * caps of unconnected addresses and signed records set through builder options.
 *
 * <p>At a full global cap the suite expects go-libp2p's pstoremem behaviour, which docs/CONTRACT.md
 * follows where it does not mark a difference: a new unconnected address is not stored (the
 * call returns normally, the stored addresses stay), connected addresses are still accepted, and
 * a signed record of a peer without a stored record is refused with an error (here a
 * {@link PeerstoreException}) that changes nothing, while stored peers' records can still be
 * replaced. A cap is an upper bound at every moment, including within one call.
 */
abstract class AddrLimitContract extends ContractBase {

  private static final Duration HOUR = Duration.ofHours(1);

  AddrLimitContract(PeerstoreConformanceSuite suite) {
    super(suite);
  }

  private static PeerId newPeer() {
    return TestPeer.generate().id();
  }

  @Test
  void perPeerCapEvictsTheAddressWithTheNearestExpiry() {
    Peerstore ps = open(b -> b.maxAddrsPerPeer(3));
    PeerId p = newPeer();
    ps.addAddr(p, addr(1), HOUR);
    ps.addAddr(p, addr(2), Duration.ofMinutes(30));
    ps.addAddr(p, addr(3), Duration.ofMinutes(10));
    assertAddrs(ps, p, range(1, 3));
    ps.addAddr(p, addr(4), Duration.ofMinutes(45));
    assertAddrs(ps, p, addr(1), addr(2), addr(4));
  }

  @Test
  void perPeerCapEvictsByExpiryNotByTtl() {
    Peerstore ps = open(b -> b.maxAddrsPerPeer(2));
    PeerId p = newPeer();
    ps.addAddr(p, addr(1), Duration.ofMinutes(30));
    advance(Duration.ofMinutes(25));
    // addr(2) has the shorter ttl but the later expiry (now + 10 min vs now + 5 min).
    ps.addAddr(p, addr(2), Duration.ofMinutes(10));
    ps.addAddr(p, addr(3), HOUR);
    assertAddrs(ps, p, addr(2), addr(3));
  }

  @Test
  void perPeerCapAppliesToSetAddrs() {
    Peerstore ps = open(b -> b.maxAddrsPerPeer(2));
    PeerId p = newPeer();
    ps.addAddr(p, addr(1), HOUR);
    ps.addAddr(p, addr(2), Duration.ofMinutes(10));
    ps.setAddrs(p, List.of(addr(3)), Duration.ofMinutes(30));
    assertAddrs(ps, p, addr(1), addr(3));
  }

  @Test
  void perPeerCapNeitherCountsNorEvictsConnectedAddresses() {
    Peerstore ps = open(b -> b.maxAddrsPerPeer(2));
    PeerId p = newPeer();
    ps.addAddr(p, addr(1), AddrTtl.CONNECTED);
    ps.addAddr(p, addr(2), AddrTtl.PERMANENT);
    ps.addAddr(p, addr(3), Duration.ofMinutes(10));
    ps.addAddr(p, addr(4), Duration.ofMinutes(20));
    assertAddrs(ps, p, range(1, 4));
    ps.addAddr(p, addr(5), Duration.ofMinutes(30));
    assertAddrs(ps, p, addr(1), addr(2), addr(4), addr(5));
  }

  @Test
  void perPeerCapNeverEvictsConnectedAddressesWhenOnlyTheyAreStored() {
    Peerstore ps = open(b -> b.maxAddrsPerPeer(1));
    PeerId p = newPeer();
    ps.addAddrs(p, range(1, 2), AddrTtl.CONNECTED);
    // Two new unconnected addresses in one call against a cap of one: the connected addresses
    // stay, and exactly one of the new ones is kept (which one the spec leaves open).
    ps.addAddrs(p, range(3, 2), HOUR);
    List<Multiaddr> stored = ps.addrs(p);
    assertThat(stored).contains(addr(1), addr(2)).hasSize(3);
    assertThat(stored).containsAnyOf(addr(3), addr(4));
  }

  @Test
  void perPeerCapNeverEvictsAConnectedAddressEvenAgainstAFarExpiry() {
    Peerstore ps = open(b -> b.maxAddrsPerPeer(1));
    PeerId p = newPeer();
    ps.addAddr(p, addr(1), AddrTtl.CONNECTED);
    // 250 years: unconnected, but its expiry may saturate to the same "never" as a connected
    // address's. The cap is at one unconnected address, so one of addr(2) and addr(3) goes
    // (which one depends on whether the new address is a candidate); addr(1) never does.
    ps.addAddr(p, addr(2), Duration.ofDays(365L * 250));
    ps.addAddr(p, addr(3), HOUR);
    assertThat(ps.addrs(p)).contains(addr(1)).hasSize(2);
  }

  @Test
  void perPeerCapOfZeroDisablesIt() {
    Peerstore ps = open(b -> b.maxAddrsPerPeer(0));
    PeerId p = newPeer();
    for (Multiaddr a : range(1, 200)) {
      ps.addAddr(p, a, HOUR);
    }
    assertAddrs(ps, p, range(1, 200));
  }

  @Test
  void defaultPerPeerCapIs64() {
    Peerstore ps = open();
    PeerId p = newPeer();
    // Address i expires after i + 1 minutes, so each insertion beyond 64 evicts the oldest.
    for (int i = 0; i < 70; i++) {
      ps.addAddr(p, addr(i), Duration.ofMinutes(i + 1));
    }
    assertAddrs(ps, p, range(6, 64));
  }

  @Test
  void perPeerCapCountsEachPeerSeparately() {
    Peerstore ps = open(b -> b.maxAddrsPerPeer(2));
    PeerId p = newPeer();
    PeerId q = newPeer();
    ps.addAddrs(p, range(1, 2), HOUR);
    ps.addAddrs(q, range(3, 2), HOUR);
    assertAddrs(ps, p, range(1, 2));
    assertAddrs(ps, q, range(3, 2));
  }

  @Test
  void perPeerCapHoldsWithinOneCall() {
    Peerstore ps = open(b -> b.maxAddrsPerPeer(3));
    PeerId p = newPeer();
    ps.addAddrs(p, range(1, 10), HOUR);
    assertThat(ps.addrs(p)).hasSize(3).isSubsetOf(range(1, 10));
    ps.setAddrs(p, range(20, 10), HOUR);
    assertThat(ps.addrs(p)).hasSize(3);
  }

  @Test
  void globalAddressCapDropsNewUnconnectedAddresses() {
    Peerstore ps = open(b -> b.maxUnconnectedAddrs(4).maxAddrsPerPeer(0));
    PeerId p = newPeer();
    PeerId q = newPeer();
    PeerId r = newPeer();
    ps.addAddr(p, addr(1), HOUR);
    ps.addAddr(p, addr(2), HOUR);
    ps.addAddr(q, addr(3), HOUR);
    ps.addAddr(q, addr(4), HOUR);
    ps.addAddr(r, addr(5), HOUR);
    ps.setAddr(r, addr(6), HOUR);
    ps.addAddr(p, addr(7), HOUR);
    assertThat(ps.addrs(r)).isEmpty();
    assertAddrs(ps, p, range(1, 2));
    assertAddrs(ps, q, range(3, 2));
  }

  @Test
  void globalAddressCapDoesNotLimitConnectedAddresses() {
    Peerstore ps = open(b -> b.maxUnconnectedAddrs(2).maxAddrsPerPeer(0));
    PeerId p = newPeer();
    PeerId q = newPeer();
    ps.addAddrs(p, range(1, 2), HOUR);
    ps.addAddr(q, addr(3), AddrTtl.CONNECTED);
    ps.addAddr(q, addr(4), AddrTtl.PERMANENT);
    ps.setAddr(q, addr(5), AddrTtl.CONNECTED);
    assertAddrs(ps, p, range(1, 2));
    assertAddrs(ps, q, range(3, 3));
  }

  @Test
  void globalAddressCapHoldsWithinOneCall() {
    Peerstore ps = open(b -> b.maxUnconnectedAddrs(3).maxAddrsPerPeer(0));
    PeerId p = newPeer();
    PeerId q = newPeer();
    ps.addAddrs(p, range(1, 5), HOUR);
    ps.setAddrs(q, range(10, 5), HOUR);
    assertThat(all(ps, p, q)).hasSizeLessThanOrEqualTo(3);
  }

  @Test
  void globalAddressCapFreesRoomWhenAddressesGo() {
    Peerstore ps = open(b -> b.maxUnconnectedAddrs(2).maxAddrsPerPeer(0));
    PeerId p = newPeer();
    PeerId q = newPeer();
    PeerId r = newPeer();
    ps.addAddr(p, addr(1), Duration.ofMinutes(1));
    ps.addAddr(p, addr(2), HOUR);
    ps.addAddr(q, addr(3), HOUR);
    assertThat(ps.addrs(q)).isEmpty();
    advance(Duration.ofMinutes(1));
    ps.collectGarbage();
    ps.addAddr(q, addr(3), HOUR);
    assertAddrs(ps, q, addr(3));
    ps.addAddr(r, addr(4), HOUR);
    assertThat(ps.addrs(r)).isEmpty();
    ps.clearAddrs(p);
    ps.addAddr(r, addr(4), HOUR);
    assertAddrs(ps, r, addr(4));
  }

  @Test
  void signedRecordCapRefusesRecordsOfNewPeersAndChangesNothing() {
    Peerstore ps = open(b -> b.maxSignedRecords(2));
    TestPeer alice = TestPeer.generate();
    TestPeer bob = TestPeer.generate();
    TestPeer carol = TestPeer.generate();
    assertThat(ps.consumePeerRecord(alice.record(1, List.of(addr(1))), HOUR)).isTrue();
    assertThat(ps.consumePeerRecord(bob.record(1, List.of(addr(2))), HOUR)).isTrue();
    assertThatThrownBy(() -> ps.consumePeerRecord(carol.record(1, List.of(addr(3))), HOUR))
        .isInstanceOf(PeerstoreException.class);
    assertThat(ps.peerRecord(carol.id())).isEmpty();
    assertThat(ps.addrs(carol.id())).isEmpty();
    assertThat(ps.peerRecord(alice.id())).isPresent();
    assertThat(ps.peerRecord(bob.id())).isPresent();
  }

  @Test
  void signedRecordCapStillReplacesRecordsOfStoredPeers() {
    Peerstore ps = open(b -> b.maxSignedRecords(1));
    TestPeer alice = TestPeer.generate();
    assertThat(ps.consumePeerRecord(alice.record(1, List.of(addr(1))), HOUR)).isTrue();
    assertThat(ps.consumePeerRecord(alice.record(2, List.of(addr(2))), HOUR)).isTrue();
    assertThat(ps.peerRecord(alice.id()).orElseThrow().peerRecord().seq()).isEqualTo(2L);
    assertAddrs(ps, alice.id(), addr(2));
  }

  @Test
  void signedRecordCapFreesRoomWhenARecordGoes() {
    Peerstore ps = open(b -> b.maxSignedRecords(1));
    TestPeer alice = TestPeer.generate();
    TestPeer bob = TestPeer.generate();
    TestPeer carol = TestPeer.generate();
    assertThat(ps.consumePeerRecord(alice.record(1, List.of(addr(1))), HOUR)).isTrue();
    ps.clearAddrs(alice.id());
    assertThat(ps.consumePeerRecord(bob.record(1, List.of(addr(2))), Duration.ofMinutes(1)))
        .isTrue();
    advance(Duration.ofMinutes(1));
    ps.collectGarbage();
    assertThat(ps.consumePeerRecord(carol.record(1, List.of(addr(3))), HOUR)).isTrue();
    assertThat(ps.peerRecord(carol.id())).isPresent();
  }

  /** Every address stored for {@code peers}, for totals. */
  static List<Multiaddr> all(Peerstore ps, PeerId... peers) {
    List<Multiaddr> out = new ArrayList<>();
    for (PeerId p : peers) {
      out.addAll(ps.addrs(p));
    }
    return out;
  }
}
