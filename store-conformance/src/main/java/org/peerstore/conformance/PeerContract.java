package org.peerstore.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.peerstore.conformance.Addrs.addr;
import static org.peerstore.conformance.Addrs.range;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.peerstore.AddrInfo;
import org.peerstore.AddrTtl;
import org.peerstore.Peerstore;
import org.peerstore.crypto.KeyType;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;

/**
 * Peer-level operations and life cycle (docs/CONTRACT.md §9): {@code peers()}, {@code removePeer},
 * {@code peerInfo}, and {@code close()}.
 */
abstract class PeerContract extends ContractBase {

  private static final Duration HOUR = Duration.ofHours(1);

  PeerContract(PeerstoreConformanceSuite suite) {
    super(suite);
  }

  @Test
  void freshStoreHasNoPeers() {
    Peerstore ps = open();
    assertThat(ps.peers()).isEmpty();
    assertThat(ps.peersWithAddrs()).isEmpty();
    assertThat(ps.peersWithKeys()).isEmpty();
  }

  @Test
  void peersListsPeersWithAnythingInAnyBook() {
    Peerstore ps = open();
    PeerId withAddr = TestPeer.generate().id();
    TestPeer withKey = TestPeer.generate(KeyType.ECDSA);
    TestPeer withPrivKey = TestPeer.generate();
    PeerId withProtocol = TestPeer.generate().id();
    PeerId withMetadata = TestPeer.generate().id();
    TestPeer withRecord = TestPeer.generate();
    ps.addAddr(withAddr, addr(1), HOUR);
    ps.addPubKey(withKey.id(), withKey.pubKey());
    ps.addPrivKey(withPrivKey.id(), withPrivKey.privKey());
    ps.addProtocols(withProtocol, List.of("/p/1"));
    ps.put(withMetadata, "k", "v");
    ps.consumePeerRecord(withRecord.record(1, List.of(addr(2))), HOUR);
    assertThat(ps.peers()).containsExactlyInAnyOrder(withAddr, withKey.id(), withPrivKey.id(),
        withProtocol, withMetadata, withRecord.id());
  }

  @Test
  void removePeerRemovesKeysProtocolsMetadataAndLatency() {
    Peerstore ps = open();
    TestPeer alice = TestPeer.generate(KeyType.ECDSA);
    PeerId p = alice.id();
    ps.addPubKey(p, alice.pubKey());
    ps.addPrivKey(p, alice.privKey());
    ps.addProtocols(p, List.of("/p/1", "/p/2"));
    ps.put(p, "AgentVersion", "v1");
    ps.recordLatency(p, Duration.ofMillis(5));
    ps.removePeer(p);
    assertThat(ps.pubKey(p)).isEmpty();
    assertThat(ps.privKey(p)).isEmpty();
    assertThat(ps.protocols(p)).isEmpty();
    assertThat(ps.get(p, "AgentVersion")).isEmpty();
    assertThat(ps.latencyEwma(p)).isEqualTo(Duration.ZERO);
    assertThat(ps.peersWithKeys()).doesNotContain(p);
    assertThat(ps.peers()).doesNotContain(p);
  }

  @Test
  void removePeerKeepsAddressesAndTheSignedRecord() {
    Peerstore ps = open();
    TestPeer alice = TestPeer.generate();
    PeerId p = alice.id();
    Envelope rec = alice.record(4, range(1, 2));
    ps.consumePeerRecord(rec, HOUR);
    ps.addAddr(p, addr(3), AddrTtl.CONNECTED);
    ps.addPrivKey(p, alice.privKey());
    ps.addProtocols(p, List.of("/p/1"));
    ps.removePeer(p);
    assertAddrs(ps, p, range(1, 3));
    assertThat(ps.peerRecord(p)).isPresent();
    assertThat(ps.peerRecord(p).orElseThrow().marshal()).isEqualTo(rec.marshal());
    assertThat(ps.peers()).containsExactly(p);
    assertThat(ps.peersWithAddrs()).containsExactly(p);
    assertThat(ps.privKey(p)).isEmpty();
  }

  @Test
  void removePeerLeavesOtherPeersAlone() {
    Peerstore ps = open();
    TestPeer alice = TestPeer.generate(KeyType.ECDSA);
    TestPeer bob = TestPeer.generate(KeyType.ECDSA);
    for (TestPeer t : List.of(alice, bob)) {
      ps.addPubKey(t.id(), t.pubKey());
      ps.addProtocols(t.id(), List.of("/p/1"));
      ps.put(t.id(), "k", 1);
      ps.recordLatency(t.id(), Duration.ofMillis(7));
    }
    ps.removePeer(alice.id());
    assertThat(ps.pubKey(bob.id())).isPresent();
    assertThat(ps.protocols(bob.id())).containsExactly("/p/1");
    assertThat(ps.get(bob.id(), "k")).contains(1);
    assertThat(ps.latencyEwma(bob.id())).isEqualTo(Duration.ofMillis(7));
    assertThat(ps.peers()).containsExactly(bob.id());
  }

  @Test
  void removingAnUnknownPeerIsHarmless() {
    Peerstore ps = open();
    PeerId p = TestPeer.generate().id();
    ps.removePeer(p);
    assertThat(ps.peers()).isEmpty();
  }

  @Test
  void peerLeavesPeersWhenItsOnlyAddressesAreCollected() {
    Peerstore ps = open();
    PeerId p = TestPeer.generate().id();
    PeerId q = TestPeer.generate().id();
    ps.addAddr(p, addr(1), Duration.ofMinutes(1));
    ps.addAddr(q, addr(2), Duration.ofMinutes(1));
    ps.put(q, "k", "v");
    advance(Duration.ofMinutes(1));
    ps.collectGarbage();
    assertThat(ps.peers()).containsExactly(q);
  }

  @Test
  void peerInfoHasTheIdAndTheUnexpiredAddresses() {
    Peerstore ps = open();
    PeerId p = TestPeer.generate().id();
    ps.addAddr(p, addr(1), HOUR);
    ps.addAddr(p, addr(2), Duration.ofMinutes(1));
    ps.addAddr(p, addr(3), AddrTtl.PERMANENT);
    advance(Duration.ofMinutes(1));
    AddrInfo info = ps.peerInfo(p);
    assertThat(info.id()).isEqualTo(p);
    assertThat(info.addrs()).containsExactlyInAnyOrder(addr(1), addr(3));
  }

  @Test
  void closeIsIdempotent() {
    Peerstore ps = open();
    ps.addAddr(TestPeer.generate().id(), addr(1), HOUR);
    ps.close();
    ps.close();
    assertThatThrownBy(ps::peers).isInstanceOf(IllegalStateException.class);
  }

  @TestFactory
  Stream<DynamicTest> everyMethodThrowsAfterClose() {
    Peerstore ps = open();
    TestPeer alice = TestPeer.generate();
    PeerId p = alice.id();
    Envelope rec = alice.record(1, List.of(addr(1)));
    ps.addAddr(p, addr(2), HOUR);
    ps.close();
    Map<String, Runnable> calls = new LinkedHashMap<>();
    calls.put("addAddr", () -> ps.addAddr(p, addr(3), HOUR));
    calls.put("addAddrs", () -> ps.addAddrs(p, List.of(addr(3)), HOUR));
    calls.put("setAddr", () -> ps.setAddr(p, addr(3), HOUR));
    calls.put("setAddrs", () -> ps.setAddrs(p, List.of(addr(3)), HOUR));
    calls.put("updateAddrs", () -> ps.updateAddrs(p, HOUR, Duration.ZERO));
    calls.put("addrs", () -> ps.addrs(p));
    calls.put("addrStream", () -> ps.addrStream(p));
    calls.put("clearAddrs", () -> ps.clearAddrs(p));
    calls.put("peersWithAddrs", ps::peersWithAddrs);
    calls.put("consumePeerRecord", () -> ps.consumePeerRecord(rec, HOUR));
    calls.put("peerRecord", () -> ps.peerRecord(p));
    calls.put("pubKey", () -> ps.pubKey(p));
    calls.put("addPubKey", () -> ps.addPubKey(p, alice.pubKey()));
    calls.put("privKey", () -> ps.privKey(p));
    calls.put("addPrivKey", () -> ps.addPrivKey(p, alice.privKey()));
    calls.put("peersWithKeys", ps::peersWithKeys);
    calls.put("protocols", () -> ps.protocols(p));
    calls.put("addProtocols", () -> ps.addProtocols(p, List.of("/p/1")));
    calls.put("setProtocols", () -> ps.setProtocols(p, List.of("/p/1")));
    calls.put("removeProtocols", () -> ps.removeProtocols(p, List.of("/p/1")));
    calls.put("supportsProtocols", () -> ps.supportsProtocols(p, List.of("/p/1")));
    calls.put("firstSupportedProtocol", () -> ps.firstSupportedProtocol(p, List.of("/p/1")));
    calls.put("get", () -> ps.get(p, "k"));
    calls.put("put", () -> ps.put(p, "k", "v"));
    calls.put("recordLatency", () -> ps.recordLatency(p, Duration.ofMillis(1)));
    calls.put("latencyEwma", () -> ps.latencyEwma(p));
    calls.put("peerInfo", () -> ps.peerInfo(p));
    calls.put("peers", ps::peers);
    calls.put("removePeer", () -> ps.removePeer(p));
    calls.put("collectGarbage", ps::collectGarbage);
    return calls.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey() + " after close",
        () -> assertThatThrownBy(e.getValue()::run).isInstanceOf(IllegalStateException.class)));
  }
}
