package org.peerstore.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.peerstore.conformance.Addrs.addr;
import static org.peerstore.conformance.Addrs.range;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.peerstore.AddrTtl;
import org.peerstore.PeerSnapshot;
import org.peerstore.Peerstore;
import org.peerstore.PeerstoreException;
import org.peerstore.Snapshots;
import org.peerstore.TooManyProtocolsException;
import org.peerstore.crypto.KeyType;
import org.peerstore.internal.MetadataValues;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;

/**
 * Snapshots ({@link Snapshots}): a snapshot holds every book of a peer exactly as stored, and
 * restoring it into a fresh store reproduces every book, ttls and absolute expiries included,
 * so that the new store then behaves exactly as the old one would have.
 */
abstract class SnapshotContract extends ContractBase {

  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration MS = Duration.ofMillis(1);
  private static final MetadataValues BUILT_INS = MetadataValues.builtInsOnly();

  SnapshotContract(PeerstoreConformanceSuite suite) {
    super(suite);
  }

  /** The store's snapshot interface; every store must implement it. */
  private static Snapshots snapshots(Peerstore ps) {
    assertThat(ps).as("every store implements Snapshots").isInstanceOf(Snapshots.class);
    return (Snapshots) ps;
  }

  /** A peer with something in every book, addresses of every kind of ttl. */
  private TestPeer populate(Peerstore ps, KeyType type) {
    TestPeer t = TestPeer.generate(type);
    PeerId p = t.id();
    ps.addAddr(p, addr(1), HOUR);
    ps.addAddr(p, addr(2), AddrTtl.CONNECTED);
    ps.addAddr(p, addr(3), AddrTtl.PERMANENT);
    ps.addAddr(p, addr(4), Duration.ofMillis(1500));
    ps.addAddrs(p, range(5, 2), AddrTtl.CONNECTED);
    ps.updateAddrs(p, AddrTtl.CONNECTED, AddrTtl.TEMP); // 2, 5 and 6 downgraded
    ps.consumePeerRecord(t.record(7, List.of(addr(1), addr(7))), HOUR);
    ps.addPubKey(p, t.pubKey());
    ps.addPrivKey(p, t.privKey());
    ps.setProtocols(p, List.of("/ipfs/id/1.0.0", "/ipfs/kad/1.0.0", "/meshsub/1.1.0"));
    ps.put(p, "AgentVersion", "go-libp2p/0.40");
    ps.put(p, "count", 7);
    ps.put(p, "big", Long.MAX_VALUE);
    ps.put(p, "ratio", 0.5);
    ps.put(p, "ok", Boolean.TRUE);
    ps.put(p, "bytes", new byte[] {0, 1, (byte) 0xff});
    return t;
  }

  @Test
  void snapshotOfUnknownPeerIsEmpty() {
    Peerstore ps = open();
    assertThat(snapshots(ps).snapshot(TestPeer.generate().id())).isEmpty();
  }

  @Test
  void latencyAloneMakesNoSnapshot() {
    Peerstore ps = open();
    PeerId p = TestPeer.generate().id();
    ps.recordLatency(p, Duration.ofMillis(5));
    assertThat(snapshots(ps).snapshot(p)).isEmpty();
  }

  @Test
  void snapshotHoldsEveryBookExactlyAsStored() {
    Peerstore ps = open();
    Instant t0 = clock().instant();
    TestPeer t = populate(ps, KeyType.ECDSA);
    PeerSnapshot s = snapshots(ps).snapshot(t.id()).orElseThrow();

    assertThat(s.peer()).isEqualTo(t.id());
    Map<Multiaddr, PeerSnapshot.Addr> byAddr = new LinkedHashMap<>();
    s.addrs().forEach(a -> byAddr.put(a.addr(), a));
    assertThat(byAddr.keySet()).containsExactlyInAnyOrderElementsOf(range(1, 7));
    assertThat(byAddr.get(addr(1))).isEqualTo(new PeerSnapshot.Addr(addr(1), HOUR, t0.plus(HOUR)));
    assertThat(byAddr.get(addr(3)))
        .isEqualTo(new PeerSnapshot.Addr(addr(3), AddrTtl.PERMANENT, PeerSnapshot.NEVER));
    assertThat(byAddr.get(addr(4)).expiry()).isEqualTo(t0.plusMillis(1500));
    assertThat(byAddr.get(addr(2)))
        .isEqualTo(new PeerSnapshot.Addr(addr(2), AddrTtl.TEMP, t0.plus(AddrTtl.TEMP)));
    assertThat(byAddr.get(addr(7)))
        .isEqualTo(new PeerSnapshot.Addr(addr(7), HOUR, t0.plus(HOUR)));
    assertThat(s.record().marshal()).isEqualTo(ps.peerRecord(t.id()).orElseThrow().marshal());
    assertThat(s.pubKey()).isEqualTo(t.pubKey());
    assertThat(s.privKey()).isEqualTo(t.privKey());
    assertThat(s.protocols())
        .containsExactlyInAnyOrder("/ipfs/id/1.0.0", "/ipfs/kad/1.0.0", "/meshsub/1.1.0");
    assertThat(s.metadata()).containsOnlyKeys("AgentVersion", "count", "big", "ratio", "ok",
        "bytes");
    assertThat(BUILT_INS.decode(s.metadata().get("count"))).isEqualTo(7);
    assertThat(BUILT_INS.decode(s.metadata().get("big"))).isEqualTo(Long.MAX_VALUE);
    assertThat((byte[]) BUILT_INS.decode(s.metadata().get("bytes"))).containsExactly(0, 1, 0xff);
  }

  @Test
  void snapshotKeepsExpiredAddressesUntilCollected() {
    Peerstore ps = open();
    PeerId p = TestPeer.generate().id();
    ps.addAddr(p, addr(1), Duration.ofMinutes(1));
    ps.addAddr(p, addr(2), HOUR);
    advance(Duration.ofMinutes(2));
    assertThat(snapshots(ps).snapshot(p).orElseThrow().addrs()).hasSize(2);
    ps.collectGarbage();
    assertThat(snapshots(ps).snapshot(p).orElseThrow().addrs())
        .extracting(PeerSnapshot.Addr::addr)
        .containsExactly(addr(2));
  }

  @Test
  void restoreIntoAFreshStoreReproducesEveryBook() {
    Peerstore source = open(MetadataContract::withPointCodec);
    List<TestPeer> peers = new ArrayList<>();
    for (KeyType type : List.of(KeyType.ED25519, KeyType.ECDSA, KeyType.SECP256K1)) {
      TestPeer t = populate(source, type);
      source.put(t.id(), "point", new MetadataContract.Point(3, 4));
      peers.add(t);
    }
    PeerId onlyProtocols = TestPeer.generate().id();
    source.addProtocols(onlyProtocols, List.of("/x/1"));
    advance(Duration.ofSeconds(1)); // restore happens later than the writes

    Peerstore target = open(MetadataContract::withPointCodec);
    for (PeerId p : source.peers()) {
      snapshots(target).restore(snapshots(source).snapshot(p).orElseThrow());
    }

    assertThat(target.peers()).containsExactlyInAnyOrderElementsOf(source.peers());
    for (PeerId p : source.peers()) {
      assertThat(snapshots(target).snapshot(p)).isEqualTo(snapshots(source).snapshot(p));
      assertSameReads(source, target, p);
    }
    // Expiry is absolute: both stores drop the same addresses at the same instants.
    advance(Duration.ofMillis(500).minus(MS));
    for (TestPeer t : peers) {
      assertAddrs(target, t.id(), source.addrs(t.id()));
      assertThat(target.addrs(t.id())).contains(addr(4));
    }
    advance(MS);
    for (TestPeer t : peers) {
      assertThat(target.addrs(t.id())).doesNotContain(addr(4));
      assertSameReads(source, target, t.id());
    }
    advance(HOUR);
    for (TestPeer t : peers) {
      assertSameReads(source, target, t.id());
      assertAddrs(target, t.id(), addr(3));
    }
    assertThat(target.collectGarbage()).isEqualTo(source.collectGarbage()).isPositive();
    for (PeerId p : source.peers()) {
      assertThat(snapshots(target).snapshot(p)).isEqualTo(snapshots(source).snapshot(p));
    }
  }

  private static void assertSameReads(Peerstore a, Peerstore b, PeerId p) {
    assertAddrs(b, p, a.addrs(p));
    assertThat(b.peerRecord(p).map(Envelope::marshal).orElse(null))
        .isEqualTo(a.peerRecord(p).map(Envelope::marshal).orElse(null));
    assertThat(b.pubKey(p)).isEqualTo(a.pubKey(p));
    assertThat(b.privKey(p)).isEqualTo(a.privKey(p));
    assertThat(b.protocols(p)).isEqualTo(a.protocols(p));
    for (String key : List.of("AgentVersion", "count", "big", "ratio", "ok", "point")) {
      assertThat(b.get(p, key)).isEqualTo(a.get(p, key));
    }
    assertThat(b.get(p, "bytes").map(v -> (byte[]) v).orElse(null))
        .isEqualTo(a.get(p, "bytes").map(v -> (byte[]) v).orElse(null));
  }

  @Test
  void restoredRecordKeepsItsSeqRules() {
    Peerstore source = open();
    TestPeer t = TestPeer.generate();
    source.consumePeerRecord(t.record(5, range(1, 2)), HOUR);
    Peerstore target = open();
    snapshots(target).restore(snapshots(source).snapshot(t.id()).orElseThrow());
    assertThat(target.consumePeerRecord(t.record(4, List.of(addr(9))), HOUR)).isFalse();
    assertThat(target.consumePeerRecord(t.record(6, List.of(addr(2))), HOUR)).isTrue();
    assertAddrs(target, t.id(), addr(2));
  }

  @Test
  void restoreReplacesEveryBookOfThePeer() {
    Peerstore ps = open();
    TestPeer t = populate(ps, KeyType.ED25519);
    PeerSnapshot small = new PeerSnapshot(t.id(),
        List.of(new PeerSnapshot.Addr(addr(20), HOUR, clock().instant().plus(HOUR))), null,
        null, null, Set.of("/only/1"), Map.of("k", BUILT_INS.encode("v")));
    snapshots(ps).restore(small);
    assertThat(snapshots(ps).snapshot(t.id())).contains(small);
    assertAddrs(ps, t.id(), addr(20));
    assertThat(ps.peerRecord(t.id())).isEmpty();
    assertThat(ps.privKey(t.id())).isEmpty();
    assertThat(ps.protocols(t.id())).containsExactly("/only/1");
    assertThat(ps.get(t.id(), "AgentVersion")).isEmpty();
    assertThat(ps.get(t.id(), "k")).contains("v");
    assertThat(ps.peersWithKeys()).doesNotContain(t.id());
  }

  @Test
  void restoringAnEmptySnapshotForgetsThePeer() {
    Peerstore ps = open();
    TestPeer t = populate(ps, KeyType.ED25519);
    PeerId other = TestPeer.generate().id();
    ps.addProtocols(other, List.of("/a"));
    snapshots(ps).restore(PeerSnapshot.empty(t.id()));
    assertThat(snapshots(ps).snapshot(t.id())).isEmpty();
    assertThat(ps.peers()).containsExactly(other);
    assertThat(ps.peersWithAddrs()).isEmpty();
    assertThat(ps.collectGarbage()).isZero();
  }

  @Test
  void restoredAddressesExpireAndAreCollected() {
    Peerstore ps = open();
    TestPeer t = TestPeer.generate();
    Instant now = clock().instant();
    Envelope rec = t.record(1, List.of(addr(1)));
    PeerSnapshot s = new PeerSnapshot(t.id(),
        List.of(new PeerSnapshot.Addr(addr(1), HOUR, now.plusSeconds(10)),
            new PeerSnapshot.Addr(addr(2), AddrTtl.TEMP, now.minusSeconds(1))),
        rec, null, null, Set.of(), Map.of());
    snapshots(ps).restore(s);
    assertAddrs(ps, t.id(), addr(1)); // addr 2 is restored already expired: invisible
    assertThat(ps.peerRecord(t.id())).contains(rec);
    advance(Duration.ofSeconds(10));
    assertThat(ps.addrs(t.id())).isEmpty();
    assertThat(ps.peerRecord(t.id())).isEmpty();
    assertThat(ps.collectGarbage()).isEqualTo(2);
    assertThat(snapshots(ps).snapshot(t.id())).isEmpty();
    assertThat(ps.peersWithAddrs()).isEmpty();
  }

  @Test
  void restorePublishesAddressesNewToThePeer() {
    Peerstore ps = open();
    PeerId p = TestPeer.generate().id();
    ps.addAddr(p, addr(1), HOUR);
    RecordingSubscriber<Multiaddr> sub = RecordingSubscriber.eager();
    ps.addrStream(p).subscribe(sub);
    assertThat(sub.awaitItems(1)).containsExactly(addr(1));
    Instant later = clock().instant().plus(HOUR);
    snapshots(ps).restore(new PeerSnapshot(p,
        List.of(new PeerSnapshot.Addr(addr(1), HOUR, later),
            new PeerSnapshot.Addr(addr(2), HOUR, later)),
        null, null, null, Set.of(), Map.of()));
    assertThat(sub.awaitItems(2)).containsExactly(addr(1), addr(2));
    assertThat(sub.violations()).isEmpty();
  }

  @Test
  void restoreRefusesMoreProtocolsThanTheStoreAllowsAndChangesNothing() {
    Peerstore ps = open(b -> b.maxProtocols(2));
    PeerId p = TestPeer.generate().id();
    ps.addProtocols(p, List.of("/a"));
    PeerSnapshot s = new PeerSnapshot(p, List.of(), null, null, null, Set.of("/1", "/2", "/3"),
        Map.of());
    assertThatThrownBy(() -> snapshots(ps).checkRestore(s))
        .isInstanceOf(TooManyProtocolsException.class);
    assertThatThrownBy(() -> snapshots(ps).restore(s))
        .isInstanceOf(TooManyProtocolsException.class);
    assertThat(ps.protocols(p)).containsExactly("/a");
  }

  @Test
  void restoreRefusesMoreUnconnectedAddressesThanThePerPeerCap() {
    Peerstore ps = open(b -> b.maxAddrsPerPeer(2));
    PeerId p = TestPeer.generate().id();
    Instant later = clock().instant().plus(HOUR);
    List<PeerSnapshot.Addr> three = new ArrayList<>();
    for (Multiaddr a : range(1, 3)) {
      three.add(new PeerSnapshot.Addr(a, HOUR, later));
    }
    PeerSnapshot s = new PeerSnapshot(p, three, null, null, null, Set.of(), Map.of());
    assertThatThrownBy(() -> snapshots(ps).restore(s))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxAddrsPerPeer");
    assertThat(ps.addrs(p)).isEmpty();
    // Connected addresses do not count.
    List<PeerSnapshot.Addr> connected = new ArrayList<>(three.subList(0, 2));
    connected.add(new PeerSnapshot.Addr(addr(9), AddrTtl.CONNECTED, PeerSnapshot.NEVER));
    snapshots(ps).restore(new PeerSnapshot(p, connected, null, null, null, Set.of(), Map.of()));
    assertAddrs(ps, p, addr(1), addr(2), addr(9));
  }

  @Test
  void restoreRespectsTheGlobalCaps() {
    Peerstore ps = open(b -> b.maxSignedRecords(1).maxUnconnectedAddrs(2));
    TestPeer alice = TestPeer.generate();
    TestPeer bob = TestPeer.generate();
    Instant later = clock().instant().plus(HOUR);
    ps.consumePeerRecord(alice.record(1, List.of(addr(1))), HOUR);
    PeerSnapshot bobs = new PeerSnapshot(bob.id(),
        List.of(new PeerSnapshot.Addr(addr(2), HOUR, later)), bob.record(1, List.of(addr(2))),
        null, null, Set.of(), Map.of());
    assertThatThrownBy(() -> snapshots(ps).restore(bobs)).isInstanceOf(PeerstoreException.class);
    assertThat(snapshots(ps).snapshot(bob.id())).isEmpty();
    PeerSnapshot twoMore = new PeerSnapshot(bob.id(),
        List.of(new PeerSnapshot.Addr(addr(2), HOUR, later),
            new PeerSnapshot.Addr(addr(3), HOUR, later)),
        null, null, null, Set.of(), Map.of());
    assertThatThrownBy(() -> snapshots(ps).restore(twoMore))
        .isInstanceOf(PeerstoreException.class);
    assertThat(snapshots(ps).snapshot(bob.id())).isEmpty();
    // Replacing alice's own record and address needs no extra room.
    PeerSnapshot alices = snapshots(ps).snapshot(alice.id()).orElseThrow();
    snapshots(ps).restore(alices);
    assertThat(snapshots(ps).snapshot(alice.id())).contains(alices);
  }

  @Test
  void metadataOfACodecTheStoreLacksIsKeptAsBytes() {
    Peerstore source = open(MetadataContract::withPointCodec);
    PeerId p = TestPeer.generate().id();
    source.put(p, "point", new MetadataContract.Point(1, 2));
    PeerSnapshot s = snapshots(source).snapshot(p).orElseThrow();
    Peerstore plain = open();
    snapshots(plain).restore(s);
    assertThat(snapshots(plain).snapshot(p)).contains(s);
    // A store with the codec reads it back with its type.
    Peerstore withCodec = open(MetadataContract::withPointCodec);
    snapshots(withCodec).restore(snapshots(plain).snapshot(p).orElseThrow());
    assertThat(withCodec.get(p, "point")).contains(new MetadataContract.Point(1, 2));
  }

  @Test
  void restoreChecksPayloadsOfCodecsTheStoreHas() {
    Peerstore ps = open(MetadataContract::withPointCodec);
    PeerId p = TestPeer.generate().id();
    byte[] id = "conformance.point".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] bad = new byte[3 + id.length + 3]; // a point needs 8 payload bytes
    bad[0] = MetadataValues.TAG_CODEC;
    bad[2] = (byte) id.length;
    System.arraycopy(id, 0, bad, 3, id.length);
    PeerSnapshot s = new PeerSnapshot(p, List.of(), null, null, null, Set.of(),
        Map.of("point", bad));
    assertThatThrownBy(() -> snapshots(ps).restore(s))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("point");
    assertThat(ps.peers()).isEmpty();
  }

  @Test
  void restoredStateSurvivesReopen() {
    org.junit.jupiter.api.Assumptions.assumeTrue(persistent(), "stores are not persistent");
    Peerstore source = open();
    TestPeer t = populate(source, KeyType.ED25519);
    PeerSnapshot s = snapshots(source).snapshot(t.id()).orElseThrow();
    Peerstore target = open();
    snapshots(target).restore(s);
    target = reopen(target, b -> {});
    assertThat(snapshots(target).snapshot(t.id())).contains(s);
    advance(Duration.ofHours(2));
    assertThat(target.collectGarbage()).isEqualTo(source.collectGarbage());
    assertThat(snapshots(target).snapshot(t.id())).isEqualTo(snapshots(source).snapshot(t.id()));
  }
}
