package org.peerstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.peerstore.conformance.TestPeer;
import org.peerstore.internal.MetadataValues;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

class PeerSnapshotTest {

  private static final Duration HOUR = Duration.ofHours(1);
  private static final Instant LATER = Instant.parse("2026-01-01T01:00:00Z");
  private static final Multiaddr A = Multiaddr.fromString("/ip4/1.2.3.4/tcp/1");
  private static final Multiaddr B = Multiaddr.fromString("/ip4/1.2.3.4/tcp/2");

  private static PeerSnapshot.Addr addr(Multiaddr a) {
    return new PeerSnapshot.Addr(a, HOUR, LATER);
  }

  private static PeerSnapshot snapshot(PeerId p, List<PeerSnapshot.Addr> addrs) {
    return new PeerSnapshot(p, addrs, null, null, null, Set.of(), Map.of());
  }

  @Test
  void addrRejectsANonPositiveTtl() {
    assertThatThrownBy(() -> new PeerSnapshot.Addr(A, Duration.ZERO, LATER))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl");
    assertThatThrownBy(() -> new PeerSnapshot.Addr(A, Duration.ofSeconds(-1), LATER))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void addrNanosRoundTripIncludingNever() {
    PeerSnapshot.Addr connected = PeerSnapshot.Addr.ofNanos(A, Long.MAX_VALUE - 1, Long.MAX_VALUE);
    assertThat(connected.ttl()).isEqualTo(AddrTtl.CONNECTED);
    assertThat(connected.expiry()).isEqualTo(PeerSnapshot.NEVER);
    assertThat(connected.expiryNanos()).isEqualTo(Long.MAX_VALUE);
    assertThat(connected.ttlNanos()).isEqualTo(Long.MAX_VALUE - 1);
    PeerSnapshot.Addr finite = PeerSnapshot.Addr.ofNanos(A, 5, 1_767_225_600_123_456_789L);
    assertThat(finite.expiry()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123456789Z"));
    assertThat(finite.expiryNanos()).isEqualTo(1_767_225_600_123_456_789L);
    assertThat(finite.expiredAt(finite.expiry())).isTrue();
    assertThat(finite.expiredAt(finite.expiry().minusNanos(1))).isFalse();
    // The last representable nanosecond that is not NEVER survives too.
    assertThat(PeerSnapshot.Addr.ofNanos(A, 5, Long.MAX_VALUE - 1).expiryNanos())
        .isEqualTo(Long.MAX_VALUE - 1);
  }

  @Test
  void rejectsAddressesThatAreNotNormalisedOrRepeated() {
    TestPeer t = TestPeer.generate();
    TestPeer other = TestPeer.generate();
    assertThatThrownBy(() -> snapshot(t.id(), List.of(addr(t.withP2p(A)))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("normalised");
    assertThatThrownBy(() -> snapshot(t.id(), List.of(addr(other.withP2p(A)))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> snapshot(t.id(), List.of(addr(A), addr(B), addr(A))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
  }

  @Test
  void rejectsARecordOfAnotherPeerOrWithoutAddresses() {
    TestPeer t = TestPeer.generate();
    TestPeer other = TestPeer.generate();
    assertThatThrownBy(() -> new PeerSnapshot(t.id(), List.of(addr(A)),
        other.record(1, List.of(A)), null, null, Set.of(), Map.of()))
        .isInstanceOf(InvalidRecordException.class);
    assertThatThrownBy(() -> new PeerSnapshot(t.id(), List.of(), t.record(1, List.of(A)), null,
        null, Set.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("address");
  }

  @Test
  void rejectsKeysOfAnotherPeer() {
    TestPeer t = TestPeer.generate();
    TestPeer other = TestPeer.generate();
    assertThatThrownBy(() -> new PeerSnapshot(t.id(), List.of(), null, other.pubKey(), null,
        Set.of(), Map.of())).isInstanceOf(KeyMismatchException.class);
    assertThatThrownBy(() -> new PeerSnapshot(t.id(), List.of(), null, null, other.privKey(),
        Set.of(), Map.of())).isInstanceOf(KeyMismatchException.class);
  }

  @Test
  void rejectsMalformedMetadataButKeepsUnknownCodecTypes() {
    PeerId p = TestPeer.generate().id();
    assertThatThrownBy(() -> new PeerSnapshot(p, List.of(), null, null, null, Set.of(),
        Map.of("k", new byte[] {MetadataValues.TAG_INTEGER, 1})))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata k");
    assertThatThrownBy(() -> new PeerSnapshot(p, List.of(), null, null, null, Set.of(),
        Map.of("k", new byte[] {0x42})))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] unknownType = {MetadataValues.TAG_CODEC, 0, 1, 'x', 9, 9};
    PeerSnapshot s = new PeerSnapshot(p, List.of(), null, null, null, Set.of(),
        Map.of("k", unknownType));
    assertThat(s.metadata().get("k")).containsExactly(unknownType);
  }

  @Test
  void copiesItsInputsAndComparesMetadataByContent() {
    TestPeer t = TestPeer.generate();
    List<PeerSnapshot.Addr> addrs = new ArrayList<>(List.of(addr(A)));
    byte[] value = MetadataValues.builtInsOnly().encode("v");
    Map<String, byte[]> md = new HashMap<>(Map.of("k", value));
    PeerSnapshot s = new PeerSnapshot(t.id(), addrs, t.record(1, List.of(A)), t.pubKey(),
        t.privKey(), Set.of("/a"), md);
    addrs.add(addr(B));
    value[1] = 'w';
    md.put("other", value);
    assertThat(s.addrs()).hasSize(1);
    assertThat(s.metadata()).containsOnlyKeys("k");
    assertThat(MetadataValues.builtInsOnly().decode(s.metadata().get("k"))).isEqualTo("v");
    PeerSnapshot same = new PeerSnapshot(t.id(), List.of(addr(A)), s.record(), t.pubKey(),
        t.privKey(), Set.of("/a"), Map.of("k", MetadataValues.builtInsOnly().encode("v")));
    assertThat(same).isEqualTo(s).hasSameHashCodeAs(s);
    PeerSnapshot differentValue = new PeerSnapshot(t.id(), List.of(addr(A)), s.record(),
        t.pubKey(), t.privKey(), Set.of("/a"),
        Map.of("k", MetadataValues.builtInsOnly().encode("w")));
    assertThat(differentValue).isNotEqualTo(s);
    assertThat(s.toString()).contains("privKey=ED25519 (hidden)");
  }

  @Test
  void countsUnconnectedAddressesAndEmptiness() {
    PeerId p = TestPeer.generate().id();
    assertThat(PeerSnapshot.empty(p).isEmpty()).isTrue();
    PeerSnapshot s = snapshot(p, List.of(addr(A),
        new PeerSnapshot.Addr(B, AddrTtl.CONNECTED, PeerSnapshot.NEVER)));
    assertThat(s.isEmpty()).isFalse();
    assertThat(s.unconnectedCount()).isEqualTo(1);
  }
}
