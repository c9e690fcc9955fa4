package org.peerstore.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.peerstore.conformance.Addrs.addr;
import static org.peerstore.conformance.Addrs.range;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peerstore.AddrTtl;
import org.peerstore.Peerstore;
import org.peerstore.crypto.KeyType;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;

/**
 * Persistence (docs/CONTRACT.md §11): everything but latency and subscriptions survives
 * {@code close()} and reopen, and expiry is absolute, so ttls continue where they were. Skipped
 * unless the factory is {@link PeerstoreFactory#persistent()}.
 */
abstract class PersistenceContract extends ContractBase {

  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration MS = Duration.ofMillis(1);

  PersistenceContract(PeerstoreConformanceSuite suite) {
    super(suite);
  }

  @BeforeEach
  void requirePersistentStores() {
    assumeTrue(persistent(), "the factory's stores are not persistent");
  }

  private Peerstore reopen(Peerstore ps) {
    return reopen(ps, b -> {});
  }

  @Test
  void addressesAndTheirTtlsSurviveReopen() {
    Peerstore ps = open();
    PeerId p = TestPeer.generate().id();
    ps.addAddr(p, addr(1), HOUR);
    ps.addAddr(p, addr(2), Duration.ofMinutes(10));
    ps.addAddr(p, addr(3), AddrTtl.CONNECTED);
    ps.addAddr(p, addr(4), AddrTtl.PERMANENT);
    ps = reopen(ps);
    assertAddrs(ps, p, range(1, 4));
    assertThat(ps.peersWithAddrs()).containsExactly(p);
    ps.updateAddrs(p, Duration.ofMinutes(10), Duration.ZERO);
    assertAddrs(ps, p, addr(1), addr(3), addr(4));
    // The connected address came back disconnected (§11): at RECENTLY_CONNECTED.
    ps.updateAddrs(p, AddrTtl.CONNECTED, Duration.ZERO);
    assertAddrs(ps, p, addr(1), addr(3), addr(4));
    ps.updateAddrs(p, AddrTtl.RECENTLY_CONNECTED, Duration.ZERO);
    assertAddrs(ps, p, addr(1), addr(4));
    ps.updateAddrs(p, AddrTtl.PERMANENT, Duration.ZERO);
    ps.updateAddrs(p, HOUR, Duration.ZERO);
    assertThat(ps.addrs(p)).isEmpty();
  }

  @Test
  void connectedAddressesComeBackDisconnected() {
    Peerstore ps = open();
    PeerId p = TestPeer.generate().id();
    ps.addAddr(p, addr(1), AddrTtl.CONNECTED);
    ps.addAddr(p, addr(2), AddrTtl.PERMANENT);
    ps.addAddr(p, addr(3), HOUR);
    advance(Duration.ofDays(2));
    ps = reopen(ps);
    // No connection outlives the process that held it (§11): RECENTLY_CONNECTED from the open.
    assertAddrs(ps, p, addr(1), addr(2));
    advance(AddrTtl.RECENTLY_CONNECTED.minus(MS));
    assertAddrs(ps, p, addr(1), addr(2));
    advance(MS);
    assertAddrs(ps, p, addr(2));
    ps = reopen(ps);
    assertAddrs(ps, p, addr(2));
  }

  @Test
  void ttlsContinueFromTheirAbsoluteExpiry() {
    Peerstore ps = open();
    PeerId p = TestPeer.generate().id();
    ps.addAddr(p, addr(1), HOUR);
    ps.addAddr(p, addr(2), Duration.ofMillis(1500));
    advance(Duration.ofMinutes(30));
    ps = reopen(ps);
    assertAddrs(ps, p, addr(1));
    advance(Duration.ofMinutes(30).minus(MS));
    assertAddrs(ps, p, addr(1));
    advance(MS);
    assertThat(ps.addrs(p)).isEmpty();
  }

  @Test
  void addressesThatExpiredWhileClosedAreGone() {
    Peerstore ps = open();
    TestPeer alice = TestPeer.generate();
    ps.consumePeerRecord(alice.record(3, List.of(addr(1))), Duration.ofMinutes(1));
    ps.addAddr(alice.id(), addr(2), Duration.ofMinutes(1));
    ps.close();
    advance(Duration.ofMinutes(1));
    ps = reopen(ps);
    assertThat(ps.addrs(alice.id())).isEmpty();
    assertThat(ps.peerRecord(alice.id())).isEmpty();
    ps.collectGarbage();
    assertThat(ps.peersWithAddrs()).doesNotContain(alice.id());
    assertThat(ps.consumePeerRecord(alice.record(1, List.of(addr(3))), HOUR)).isTrue();
  }

  @Test
  void downgradedAddressesStillExpireAfterReopen() {
    Peerstore ps = open();
    PeerId p = TestPeer.generate().id();
    ps.addAddrs(p, range(1, 2), AddrTtl.CONNECTED);
    ps.addAddr(p, addr(3), AddrTtl.CONNECTED);
    ps.updateAddrs(p, AddrTtl.CONNECTED, AddrTtl.TEMP);
    ps = reopen(ps);
    assertAddrs(ps, p, range(1, 3));
    advance(AddrTtl.TEMP);
    assertThat(ps.addrs(p)).isEmpty();
    ps.collectGarbage();
    assertThat(ps.peersWithAddrs()).doesNotContain(p);
    ps = reopen(ps);
    assertThat(ps.addrs(p)).isEmpty();
    assertThat(ps.peersWithAddrs()).doesNotContain(p);
  }

  @Test
  void signedRecordSurvivesReopenAndKeepsItsSeq() {
    Peerstore ps = open();
    TestPeer alice = TestPeer.generate();
    Envelope rec = alice.record(7, range(1, 2));
    ps.consumePeerRecord(rec, HOUR);
    ps = reopen(ps);
    assertThat(ps.peerRecord(alice.id())).isPresent();
    assertThat(ps.peerRecord(alice.id()).orElseThrow().marshal()).isEqualTo(rec.marshal());
    assertThat(ps.consumePeerRecord(alice.record(6, List.of(addr(9))), HOUR)).isFalse();
    assertAddrs(ps, alice.id(), range(1, 2));
    // The superseded addresses of the reloaded record are still known and get dropped.
    assertThat(ps.consumePeerRecord(alice.record(8, List.of(addr(2))), HOUR)).isTrue();
    assertAddrs(ps, alice.id(), addr(2));
  }

  @Test
  void keysSurviveReopen() {
    Peerstore ps = open();
    TestPeer ed = TestPeer.generate();
    TestPeer ec = TestPeer.generate(KeyType.ECDSA);
    ps.addPubKey(ed.id(), ed.pubKey());
    ps.addPrivKey(ed.id(), ed.privKey());
    ps.addPubKey(ec.id(), ec.pubKey());
    ps.addPrivKey(ec.id(), ec.privKey());
    ps = reopen(ps);
    for (TestPeer t : List.of(ed, ec)) {
      assertThat(ps.pubKey(t.id()).orElseThrow().marshal()).isEqualTo(t.pubKey().marshal());
      assertThat(ps.privKey(t.id()).orElseThrow().marshal()).isEqualTo(t.privKey().marshal());
    }
    assertThat(ps.peersWithKeys()).containsExactlyInAnyOrder(ed.id(), ec.id());
  }

  @Test
  void protocolsSurviveReopen() {
    Peerstore ps = open();
    PeerId p = TestPeer.generate().id();
    PeerId q = TestPeer.generate().id();
    ps.setProtocols(p, List.of("/a/1", "/b/2", "/c/3"));
    ps.removeProtocols(p, List.of("/b/2"));
    ps.addProtocols(q, List.of("/x"));
    ps = reopen(ps);
    assertThat(ps.protocols(p)).containsExactlyInAnyOrder("/a/1", "/c/3");
    assertThat(ps.protocols(q)).containsExactly("/x");
    assertThat(ps.supportsProtocols(p, List.of("/c/3", "/b/2", "/a/1"))).containsExactly("/c/3",
        "/a/1");
  }

  @Test
  void metadataSurvivesReopenWithItsTypes() {
    Peerstore ps = open(MetadataContract::withPointCodec);
    PeerId p = TestPeer.generate().id();
    ps.put(p, "s", "text");
    ps.put(p, "b", Boolean.TRUE);
    ps.put(p, "i", 7);
    ps.put(p, "l", 7L);
    ps.put(p, "d", 0.25);
    ps.put(p, "bytes", new byte[] {1, 2});
    ps.put(p, "point", new MetadataContract.Point(5, 6));
    ps = reopen(ps, MetadataContract::withPointCodec);
    assertThat(ps.get(p, "s")).contains("text");
    assertThat(ps.get(p, "b")).contains(Boolean.TRUE);
    assertThat(ps.get(p, "i")).containsInstanceOf(Integer.class).contains(7);
    assertThat(ps.get(p, "l")).containsInstanceOf(Long.class).contains(7L);
    assertThat(ps.get(p, "d")).containsInstanceOf(Double.class).contains(0.25);
    assertThat((byte[]) ps.get(p, "bytes").orElseThrow()).containsExactly(1, 2);
    assertThat(ps.get(p, "point")).contains(new MetadataContract.Point(5, 6));
  }

  @Test
  void latencyDoesNotSurviveReopen() {
    Peerstore ps = open();
    PeerId p = TestPeer.generate().id();
    ps.recordLatency(p, Duration.ofMillis(40));
    ps = reopen(ps);
    assertThat(ps.latencyEwma(p)).isEqualTo(Duration.ZERO);
  }

  @Test
  void deletionsSurviveReopen() {
    Peerstore ps = open();
    TestPeer alice = TestPeer.generate(KeyType.ECDSA);
    PeerId p = alice.id();
    PeerId q = TestPeer.generate().id();
    ps.addAddrs(p, range(1, 3), HOUR);
    ps.addPubKey(p, alice.pubKey());
    ps.addProtocols(p, List.of("/a"));
    ps.put(p, "k", "v");
    ps.addAddrs(q, range(4, 2), HOUR);
    ps.setAddrs(p, List.of(addr(2)), Duration.ZERO);
    ps.removePeer(p);
    ps.clearAddrs(q);
    ps = reopen(ps);
    assertAddrs(ps, p, addr(1), addr(3));
    assertThat(ps.addrs(q)).isEmpty();
    assertThat(ps.pubKey(p)).isEmpty();
    assertThat(ps.protocols(p)).isEmpty();
    assertThat(ps.get(p, "k")).isEmpty();
    assertThat(ps.peersWithKeys()).isEmpty();
  }

  @Test
  void peersSurviveReopen() {
    Peerstore ps = open();
    TestPeer withKey = TestPeer.generate(KeyType.ECDSA);
    PeerId withAddr = TestPeer.generate().id();
    PeerId withProto = TestPeer.generate().id();
    PeerId withMeta = TestPeer.generate().id();
    ps.addAddr(withAddr, addr(1), AddrTtl.PERMANENT);
    ps.addPubKey(withKey.id(), withKey.pubKey());
    ps.addProtocols(withProto, List.of("/a"));
    ps.put(withMeta, "k", 1L);
    ps = reopen(ps);
    assertThat(ps.peers()).containsExactlyInAnyOrder(withAddr, withKey.id(), withProto,
        withMeta);
  }

  @Test
  void streamsOfAReopenedStoreStartFromTheStoredAddresses() {
    Peerstore ps = open();
    PeerId p = TestPeer.generate().id();
    ps.addAddrs(p, range(1, 2), HOUR);
    RecordingSubscriber<Multiaddr> before = RecordingSubscriber.eager();
    ps.addrStream(p).subscribe(before);
    before.awaitItems(2);
    ps = reopen(ps);
    before.awaitTermination();
    assertThat(before.isCompleted()).isTrue();
    RecordingSubscriber<Multiaddr> after = RecordingSubscriber.eager();
    ps.addrStream(p).subscribe(after);
    assertThat(after.awaitItems(2)).containsExactlyInAnyOrderElementsOf(range(1, 2));
    assertThat(after.violations()).isEmpty();
  }
}
