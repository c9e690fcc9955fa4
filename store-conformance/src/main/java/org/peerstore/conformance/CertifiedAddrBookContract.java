package org.peerstore.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.peerstore.conformance.Addrs.addr;
import static org.peerstore.conformance.Addrs.range;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.peerstore.AddrTtl;
import org.peerstore.InvalidRecordException;
import org.peerstore.Peerstore;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;
import org.peerstore.record.PeerRecord;

/**
 * Signed peer records (docs/CONTRACT.md §4): acceptance by seq (unsigned), replacement of
 * superseded addresses, and the rule that a record lives exactly as long as its peer has an
 * address.
 */
abstract class CertifiedAddrBookContract extends ContractBase {

  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Duration MS = Duration.ofMillis(1);

  CertifiedAddrBookContract(PeerstoreConformanceSuite suite) {
    super(suite);
  }

  /** Asserts that {@code p}'s stored record is byte for byte {@code expected}. */
  private static void assertRecord(Peerstore ps, PeerId p, Envelope expected) {
    Optional<Envelope> actual = ps.peerRecord(p);
    assertThat(actual).as("peerRecord(%s)", p).isPresent();
    assertThat(actual.orElseThrow().marshal()).isEqualTo(expected.marshal());
    assertThat(actual.orElseThrow().peerRecord()).isEqualTo(expected.peerRecord());
  }

  @Test
  void acceptedRecordIsStoredWithItsAddresses() {
    Peerstore ps = open();
    TestPeer alice = TestPeer.generate();
    Envelope rec = alice.record(1, range(1, 3));
    assertThat(ps.consumePeerRecord(rec, HOUR)).isTrue();
    assertRecord(ps, alice.id(), rec);
    assertAddrs(ps, alice.id(), range(1, 3));
    assertThat(ps.peersWithAddrs()).containsExactly(alice.id());
  }

  @Test
  void unknownPeerHasNoRecord() {
    Peerstore ps = open();
    TestPeer alice = TestPeer.generate();
    assertThat(ps.peerRecord(alice.id())).isEmpty();
    ps.addAddr(alice.id(), addr(1), HOUR);
    assertThat(ps.peerRecord(alice.id())).isEmpty();
  }

  @Test
  void recordAddressesGetTheGivenTtl() {
    Peerstore ps = open();
    TestPeer alice = TestPeer.generate();
    ps.consumePeerRecord(alice.record(1, range(1, 2)), Duration.ofMinutes(10));
    advance(Duration.ofMinutes(10).minus(MS));
    assertAddrs(ps, alice.id(), range(1, 2));
    ps.updateAddrs(alice.id(), Duration.ofMinutes(10), Duration.ZERO);
    assertThat(ps.addrs(alice.id())).isEmpty();
  }

  @Test
  void recordAddressesAreAddedWithAddSemantics() {
    Peerstore ps = open();
    TestPeer alice = TestPeer.generate();
    ps.addAddr(alice.id(), addr(1), Duration.ofHours(2));
    ps.consumePeerRecord(alice.record(1, range(1, 2)), HOUR);
    advance(HOUR);
    // addr(1) kept its longer ttl and expiry; addr(2) came in at one hour.
    assertAddrs(ps, alice.id(), addr(1));
    ps.updateAddrs(alice.id(), Duration.ofHours(2), Duration.ZERO);
    assertThat(ps.addrs(alice.id())).isEmpty();
  }

  @Test
  void higherSeqReplacesTheRecordAndDropsSupersededUnconnectedAddresses() {
    Peerstore ps = open();
    TestPeer alice = TestPeer.generate();
    PeerId p = alice.id();
    var keep = addr(1);
    var drop = addr(2);
    var unsigned = addr(3);
    var connected = addr(4);
    assertThat(ps.consumePeerRecord(alice.record(1, List.of(keep, drop, connected)), HOUR))
        .isTrue();
    ps.addAddr(p, connected, AddrTtl.CONNECTED);
    ps.addAddr(p, unsigned, HOUR);
    assertAddrs(ps, p, keep, drop, unsigned, connected);
    Envelope rec2 = alice.record(2, List.of(keep));
    assertThat(ps.consumePeerRecord(rec2, HOUR)).isTrue();
    assertAddrs(ps, p, keep, unsigned, connected);
    assertRecord(ps, p, rec2);
  }

  @Test
  void lowerSeqIsRefusedAndChangesNothing() {
    Peerstore ps = open();
    TestPeer alice = TestPeer.generate();
    Envelope rec5 = alice.record(5, range(1, 2));
    ps.consumePeerRecord(rec5, HOUR);
    assertThat(ps.consumePeerRecord(alice.record(3, List.of(addr(3))), Duration.ofHours(5)))
        .isFalse();
    assertAddrs(ps, alice.id(), range(1, 2));
    assertRecord(ps, alice.id(), rec5);
    // The refused call did not extend the stored addresses either.
    advance(HOUR);
    assertThat(ps.addrs(alice.id())).isEmpty();
  }

  @Test
  void equalSeqIsAcceptedAndRefreshesTheTtl() {
    Peerstore ps = open();
    TestPeer alice = TestPeer.generate();
    Envelope rec = alice.record(5, List.of(addr(1)));
    ps.consumePeerRecord(rec, MINUTE);
    advance(Duration.ofSeconds(50));
    assertThat(ps.consumePeerRecord(rec, MINUTE)).isTrue();
    advance(Duration.ofSeconds(30));
    assertAddrs(ps, alice.id(), addr(1));
    assertRecord(ps, alice.id(), rec);
  }

  @Test
  void equalSeqWithOtherAddressesReplacesTheRecord() {
    Peerstore ps = open();
    TestPeer alice = TestPeer.generate();
    ps.consumePeerRecord(alice.record(5, range(1, 2)), HOUR);
    Envelope again = alice.record(5, range(2, 2));
    assertThat(ps.consumePeerRecord(again, HOUR)).isTrue();
    assertAddrs(ps, alice.id(), range(2, 2));
    assertRecord(ps, alice.id(), again);
  }

  @Test
  void recordNotSignedByItsOwnPeerIsRejected() {
    Peerstore ps = open();
    TestPeer alice = TestPeer.generate();
    TestPeer mallory = TestPeer.generate();
    // A valid signature by mallory over a record naming alice. Envelope.seal refuses to make
    // one and Envelope.open may already refuse it; either way the store must never take it.
    byte[] forged = ForgedEnvelopes.signedBy(new PeerRecord(alice.id(), 9, List.of(addr(1))),
        mallory.privKey());
    assertThatThrownBy(() -> ps.consumePeerRecord(Envelope.open(forged), HOUR))
        .isInstanceOf(InvalidRecordException.class);
    assertThat(ps.peerRecord(alice.id())).isEmpty();
    assertThat(ps.peerRecord(mallory.id())).isEmpty();
    assertThat(ps.addrs(alice.id())).isEmpty();
    assertThat(ps.addrs(mallory.id())).isEmpty();
    assertThat(ps.peers()).isEmpty();
  }

  @Test
  void envelopeNotCarryingAPeerRecordIsRejected() {
    Peerstore ps = open();
    TestPeer alice = TestPeer.generate();
    byte[] payload = alice.record(1, List.of(addr(1))).peerRecord().marshal();
    Envelope otherType = Envelope.seal(PeerRecord.ENVELOPE_DOMAIN, new byte[] {0x03, 0x02},
        payload, alice.privKey());
    Envelope otherDomain = Envelope.seal("conformance-test", PeerRecord.envelopePayloadType(),
        payload, alice.privKey());
    for (Envelope e : List.of(otherType, otherDomain)) {
      assertThatThrownBy(() -> ps.consumePeerRecord(e, HOUR))
          .isInstanceOf(InvalidRecordException.class);
    }
    assertThat(ps.peerRecord(alice.id())).isEmpty();
    assertThat(ps.addrs(alice.id())).isEmpty();
  }

  @Test
  void recordGoesWhenItsAddressesExpire() {
    Peerstore ps = open();
    TestPeer alice = TestPeer.generate();
    ps.consumePeerRecord(alice.record(1, range(1, 2)), MINUTE);
    advance(MINUTE.minus(MS));
    assertThat(ps.peerRecord(alice.id())).isPresent();
    advance(MS);
    assertThat(ps.peerRecord(alice.id())).isEmpty();
    ps.collectGarbage();
    assertThat(ps.peerRecord(alice.id())).isEmpty();
    assertThat(ps.peersWithAddrs()).doesNotContain(alice.id());
  }

  @Test
  void recordStaysWhileAnyAddressOfThePeerRemains() {
    Peerstore ps = open();
    TestPeer alice = TestPeer.generate();
    Envelope rec = alice.record(1, List.of(addr(1)));
    ps.consumePeerRecord(rec, MINUTE);
    ps.addAddr(alice.id(), addr(2), HOUR);
    advance(MINUTE);
    ps.collectGarbage();
    assertAddrs(ps, alice.id(), addr(2));
    assertRecord(ps, alice.id(), rec);
  }

  @Test
  void recordGoesWhenAddressesAreCleared() {
    Peerstore ps = open();
    TestPeer alice = TestPeer.generate();
    ps.consumePeerRecord(alice.record(1, range(1, 2)), HOUR);
    ps.addAddr(alice.id(), addr(3), AddrTtl.CONNECTED);
    ps.clearAddrs(alice.id());
    assertThat(ps.peerRecord(alice.id())).isEmpty();
    assertThat(ps.addrs(alice.id())).isEmpty();
  }

  @Test
  void recordGoesWhenItsAddressesAreDeleted() {
    Peerstore ps = open();
    TestPeer alice = TestPeer.generate();
    TestPeer bob = TestPeer.generate();
    ps.consumePeerRecord(alice.record(1, range(1, 2)), HOUR);
    ps.consumePeerRecord(bob.record(1, range(3, 1)), HOUR);
    ps.setAddrs(alice.id(), range(1, 2), Duration.ZERO);
    ps.updateAddrs(bob.id(), HOUR, Duration.ZERO);
    assertThat(ps.peerRecord(alice.id())).isEmpty();
    assertThat(ps.peerRecord(bob.id())).isEmpty();
  }

  @Test
  void olderSeqIsAcceptedAfterTheRecordWasCleared() {
    Peerstore ps = open();
    TestPeer alice = TestPeer.generate();
    ps.consumePeerRecord(alice.record(10, List.of(addr(1))), HOUR);
    ps.clearAddrs(alice.id());
    Envelope older = alice.record(3, List.of(addr(2)));
    assertThat(ps.consumePeerRecord(older, HOUR)).isTrue();
    assertRecord(ps, alice.id(), older);
    assertAddrs(ps, alice.id(), addr(2));
  }

  @Test
  void olderSeqIsAcceptedOnceTheAddressesExpiredAndWereCollected() {
    Peerstore ps = open();
    TestPeer alice = TestPeer.generate();
    ps.consumePeerRecord(alice.record(10, List.of(addr(1))), MINUTE);
    advance(MINUTE);
    ps.collectGarbage();
    Envelope older = alice.record(3, List.of(addr(2)));
    assertThat(ps.consumePeerRecord(older, HOUR)).isTrue();
    assertRecord(ps, alice.id(), older);
  }

  @Test
  void olderSeqIsAcceptedOnceTheAddressesExpiredEvenBeforeCollection() {
    Peerstore ps = open();
    TestPeer alice = TestPeer.generate();
    ps.consumePeerRecord(alice.record(10, List.of(addr(1))), MINUTE);
    advance(MINUTE);
    Envelope older = alice.record(3, List.of(addr(2)));
    assertThat(ps.consumePeerRecord(older, HOUR)).isTrue();
    assertRecord(ps, alice.id(), older);
    assertAddrs(ps, alice.id(), addr(2));
  }

  @Test
  void seqIsComparedAsAnUnsigned64BitNumber() {
    Peerstore ps = open();
    TestPeer alice = TestPeer.generate();
    PeerId p = alice.id();
    // 2^63 is above every positive long.
    assertThat(ps.consumePeerRecord(alice.record(Long.MIN_VALUE, List.of(addr(1))), HOUR))
        .isTrue();
    assertThat(ps.consumePeerRecord(alice.record(5, List.of(addr(2))), HOUR)).isFalse();
    assertThat(ps.consumePeerRecord(alice.record(Long.MAX_VALUE, List.of(addr(2))), HOUR))
        .isFalse();
    // 2^64 - 1, the largest seq, is above 2^63.
    Envelope max = alice.record(-1L, List.of(addr(3)));
    assertThat(ps.consumePeerRecord(max, HOUR)).isTrue();
    assertThat(ps.consumePeerRecord(alice.record(Long.MIN_VALUE + 1, List.of(addr(4))), HOUR))
        .isFalse();
    assertRecord(ps, p, max);
    assertAddrs(ps, p, addr(3));
  }

  @Test
  void recordsOfDifferentPeersAreIndependent() {
    Peerstore ps = open();
    TestPeer alice = TestPeer.generate();
    TestPeer bob = TestPeer.generate();
    Envelope recA = alice.record(7, List.of(addr(1)));
    Envelope recB = bob.record(2, List.of(addr(2)));
    ps.consumePeerRecord(recA, HOUR);
    assertThat(ps.consumePeerRecord(recB, HOUR)).isTrue();
    ps.clearAddrs(alice.id());
    assertThat(ps.peerRecord(alice.id())).isEmpty();
    assertRecord(ps, bob.id(), recB);
    assertAddrs(ps, bob.id(), addr(2));
  }
}
