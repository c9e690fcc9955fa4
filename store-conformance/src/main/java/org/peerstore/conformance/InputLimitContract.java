package org.peerstore.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.peerstore.conformance.Addrs.addr;
import static org.peerstore.conformance.Addrs.range;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.peerstore.AddrTtl;
import org.peerstore.LimitExceededException;
import org.peerstore.Peerstore;
import org.peerstore.PeerSnapshot;
import org.peerstore.PeerstoreBuilder;
import org.peerstore.Snapshots;
import org.peerstore.TooManyProtocolsException;
import org.peerstore.internal.MetadataValues;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;

/**
 * Input bounds (builder options of {@link PeerstoreBuilder}, docs/CONTRACT.md §12): envelope size,
 * addresses per record, multiaddr length, protocol length and count, metadata key and value
 * size. Each bound holds at its exact value (equal is accepted, one more is refused), has the
 * documented default, throws {@link LimitExceededException} naming the option, and a refused
 * call stores nothing, not even the valid parts of the same call.
 */
abstract class InputLimitContract extends ContractBase {

  private static final Duration HOUR = Duration.ofHours(1);

  InputLimitContract(PeerstoreConformanceSuite suite) {
    super(suite);
  }

  private static PeerId newPeer() {
    return TestPeer.generate().id();
  }

  /**
   * A valid multiaddr of exactly {@code bytes} bytes ({@code bytes >= 15}): {@code /ip4/1.2.3.4}
   * (5 bytes), up to two more {@code /ip4} components (5 bytes each) to make the rest a multiple
   * of 3, then {@code /tcp} components (3 bytes each), the first with port {@code tag}.
   */
  static Multiaddr addrOfLength(int bytes, int tag) {
    StringBuilder sb = new StringBuilder("/ip4/1.2.3.4");
    int len = 5;
    int rest = bytes - len;
    // Use 5-byte /ip4 components until the remainder is a multiple of 3, then 3-byte /tcp ones.
    while (rest % 3 != 0) {
      sb.append("/ip4/9.9.9.9");
      rest -= 5;
    }
    for (int i = 0; i < rest / 3; i++) {
      sb.append("/tcp/").append(i == 0 ? tag : 1);
    }
    Multiaddr a = Multiaddr.fromString(sb.toString());
    assertThat(a.byteLength()).as("test address length").isEqualTo(bytes);
    return a;
  }

  /** {@code count} distinct addresses of {@code bytes} bytes each. */
  private static List<Multiaddr> longAddrs(int count, int bytes) {
    List<Multiaddr> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(addrOfLength(bytes, 1000 + i));
    }
    return out;
  }

  private static void assertLimit(Runnable call, String option) {
    assertThatThrownBy(call::run)
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining(option);
  }

  // ------------------------------------------------------------------------------- envelopes

  @Test
  void envelopeAtTheBoundIsAcceptedAndOneByteLessRefusesIt() {
    TestPeer alice = TestPeer.generate();
    Envelope rec = alice.record(1, range(1, 3));
    Peerstore exact = open(b -> b.maxEnvelopeBytes(rec.size()));
    assertThat(exact.consumePeerRecord(rec, HOUR)).isTrue();
    Peerstore tight = open(b -> b.maxEnvelopeBytes(rec.size() - 1));
    assertLimit(() -> tight.consumePeerRecord(rec, HOUR), "maxEnvelopeBytes");
    assertThat(tight.peerRecord(alice.id())).isEmpty();
    assertThat(tight.addrs(alice.id())).isEmpty();
    assertThat(tight.peers()).isEmpty();
  }

  @Test
  void defaultEnvelopeBoundIs8KiB() {
    Peerstore ps = open();
    TestPeer alice = TestPeer.generate();
    // 40 addresses of 200 bytes: over 8 KiB, under the default address and length bounds.
    Envelope big = alice.record(1, longAddrs(40, 200));
    assertThat(big.size()).isGreaterThan(8192);
    assertLimit(() -> ps.consumePeerRecord(big, HOUR), "maxEnvelopeBytes");
    assertThat(ps.peerRecord(alice.id())).isEmpty();
    assertThat(ps.addrs(alice.id())).isEmpty();
    // 30 of them fit.
    Envelope fits = alice.record(2, longAddrs(30, 200));
    assertThat(fits.size()).isBetween(4096, 8192);
    assertThat(ps.consumePeerRecord(fits, HOUR)).isTrue();
    assertThat(ps.addrs(alice.id())).hasSize(30);
  }

  @Test
  void refusedRecordKeepsThePreviousRecordAndAddresses() {
    Peerstore ps = open(b -> b.maxAddrsPerRecord(2));
    TestPeer alice = TestPeer.generate();
    Envelope first = alice.record(1, range(1, 2));
    assertThat(ps.consumePeerRecord(first, HOUR)).isTrue();
    assertLimit(() -> ps.consumePeerRecord(alice.record(2, range(10, 3)), HOUR),
        "maxAddrsPerRecord");
    assertThat(ps.peerRecord(alice.id())).contains(first);
    assertAddrs(ps, alice.id(), range(1, 2));
  }

  // -------------------------------------------------------------------- addresses per record

  @Test
  void addressesPerRecordAtTheBoundAreAcceptedOneMoreIsRefused() {
    Peerstore ps = open(b -> b.maxAddrsPerRecord(3));
    TestPeer alice = TestPeer.generate();
    TestPeer bob = TestPeer.generate();
    assertThat(ps.consumePeerRecord(alice.record(1, range(1, 3)), HOUR)).isTrue();
    assertAddrs(ps, alice.id(), range(1, 3));
    assertLimit(() -> ps.consumePeerRecord(bob.record(1, range(1, 4)), HOUR),
        "maxAddrsPerRecord");
    assertThat(ps.peerRecord(bob.id())).isEmpty();
    assertThat(ps.addrs(bob.id())).isEmpty();
    assertThat(ps.peers()).containsExactly(alice.id());
  }

  @Test
  void defaultAddressesPerRecordIs64() {
    Peerstore ps = open(b -> b.maxAddrsPerPeer(0));
    TestPeer alice = TestPeer.generate();
    assertThat(ps.consumePeerRecord(alice.record(1, range(1, 64)), HOUR)).isTrue();
    assertThat(ps.addrs(alice.id())).hasSize(64);
    assertLimit(() -> ps.consumePeerRecord(alice.record(2, range(1, 65)), HOUR),
        "maxAddrsPerRecord");
    assertThat(ps.peerRecord(alice.id()).orElseThrow().peerRecord().seq()).isEqualTo(1);
  }

  // -------------------------------------------------------------------------- multiaddr length

  @Test
  void addressAtTheLengthBoundIsStoredOneByteMoreRefusesTheWholeCall() {
    Peerstore ps = open(b -> b.maxMultiaddrBytes(32));
    PeerId p = newPeer();
    Multiaddr exact = addrOfLength(32, 1);
    Multiaddr tooLong = addrOfLength(33, 2);
    ps.addAddr(p, exact, HOUR);
    assertAddrs(ps, p, exact);
    assertLimit(() -> ps.addAddrs(p, List.of(addr(1), tooLong), HOUR), "maxMultiaddrBytes");
    assertLimit(() -> ps.setAddrs(p, List.of(addr(2), tooLong), HOUR), "maxMultiaddrBytes");
    assertLimit(() -> ps.addAddr(p, tooLong, HOUR), "maxMultiaddrBytes");
    assertLimit(() -> ps.setAddr(p, tooLong, HOUR), "maxMultiaddrBytes");
    assertAddrs(ps, p, exact);
  }

  @Test
  void addressLengthIsCheckedWhateverTheTtl() {
    Peerstore ps = open(b -> b.maxMultiaddrBytes(32));
    PeerId p = newPeer();
    Multiaddr tooLong = addrOfLength(33, 2);
    assertLimit(() -> ps.addAddrs(p, List.of(tooLong), Duration.ZERO), "maxMultiaddrBytes");
    assertLimit(() -> ps.setAddrs(p, List.of(tooLong), Duration.ZERO), "maxMultiaddrBytes");
    assertLimit(() -> ps.addAddr(p, tooLong, AddrTtl.CONNECTED),
        "maxMultiaddrBytes");
    assertThat(ps.peers()).isEmpty();
  }

  @Test
  void recordWithATooLongAddressIsRefused() {
    Peerstore ps = open(b -> b.maxMultiaddrBytes(32));
    TestPeer alice = TestPeer.generate();
    assertLimit(() -> ps.consumePeerRecord(
        alice.record(1, List.of(addr(1), addrOfLength(33, 2))), HOUR), "maxMultiaddrBytes");
    assertThat(ps.peerRecord(alice.id())).isEmpty();
    assertThat(ps.addrs(alice.id())).isEmpty();
  }

  @Test
  void defaultMultiaddrLengthIs1024Bytes() {
    Peerstore ps = open();
    PeerId p = newPeer();
    Multiaddr exact = addrOfLength(1024, 1);
    ps.addAddr(p, exact, HOUR);
    assertAddrs(ps, p, exact);
    assertLimit(() -> ps.addAddr(p, addrOfLength(1025, 2), HOUR), "maxMultiaddrBytes");
    assertAddrs(ps, p, exact);
  }

  // ------------------------------------------------------------------------------- protocols

  @Test
  void protocolAtTheLengthBoundIsStoredOneByteMoreChangesNothing() {
    Peerstore ps = open(b -> b.maxProtocolBytes(8));
    PeerId p = newPeer();
    ps.addProtocols(p, List.of("/a", "12345678"));
    assertLimit(() -> ps.addProtocols(p, List.of("/b", "123456789")), "maxProtocolBytes");
    assertLimit(() -> ps.setProtocols(p, List.of("/c", "123456789")), "maxProtocolBytes");
    assertThat(ps.protocols(p)).containsExactlyInAnyOrder("/a", "12345678");
  }

  @Test
  void protocolLengthCountsUtf8Bytes() {
    Peerstore ps = open(b -> b.maxProtocolBytes(8));
    PeerId p = newPeer();
    ps.setProtocols(p, List.of("éééé")); // 4 chars, 8 bytes
    assertLimit(() -> ps.addProtocols(p, List.of("ééééé")), "maxProtocolBytes"); // 10 bytes
    assertLimit(() -> ps.addProtocols(p, List.of("\uD83D\uDE00\uD83D\uDE00a")), // 9 bytes
        "maxProtocolBytes");
    assertThat(ps.protocols(p)).containsExactly("éééé");
  }

  @Test
  void defaultProtocolLengthIs1024Bytes() {
    Peerstore ps = open();
    PeerId p = newPeer();
    String exact = "/" + "p".repeat(1023);
    ps.addProtocols(p, List.of(exact));
    assertLimit(() -> ps.addProtocols(p, List.of(exact + "p")), "maxProtocolBytes");
    assertThat(ps.protocols(p)).containsExactly(exact);
  }

  @Test
  void queriesAndRemovalsWithOversizedProtocolsAreNotRefused() {
    Peerstore ps = open(b -> b.maxProtocolBytes(8));
    PeerId p = newPeer();
    ps.addProtocols(p, List.of("/a"));
    String tooLong = "/" + "x".repeat(20);
    assertThat(ps.supportsProtocols(p, List.of(tooLong, "/a"))).containsExactly("/a");
    assertThat(ps.firstSupportedProtocol(p, List.of(tooLong))).isEmpty();
    ps.removeProtocols(p, List.of(tooLong));
    assertThat(ps.protocols(p)).containsExactly("/a");
  }

  @Test
  void tooManyProtocolsIsALimitExceededException() {
    Peerstore ps = open(b -> b.maxProtocols(2));
    PeerId p = newPeer();
    assertThatThrownBy(() -> ps.setProtocols(p, List.of("/a", "/b", "/c")))
        .isInstanceOf(TooManyProtocolsException.class)
        .isInstanceOf(LimitExceededException.class)
        .hasMessage("too many protocols");
    assertThat(ps.protocols(p)).isEmpty();
  }

  // -------------------------------------------------------------------------------- metadata

  @Test
  void metadataKeyAtTheBoundIsStoredOneByteMoreIsRefused() {
    Peerstore ps = open(b -> b.maxMetadataKeyBytes(4));
    PeerId p = newPeer();
    ps.put(p, "abcd", "v");
    assertLimit(() -> ps.put(p, "abcde", "v"), "maxMetadataKeyBytes");
    assertLimit(() -> ps.put(p, "ééé", "v"), "maxMetadataKeyBytes"); // 6 bytes
    assertThat(ps.get(p, "abcd")).contains("v");
    assertThat(ps.get(p, "abcde")).isEmpty();
  }

  @Test
  void metadataValueBoundCountsTheEncodingAndKeepsThePreviousValue() {
    Peerstore ps = open(b -> b.maxMetadataValueBytes(9));
    PeerId p = newPeer();
    ps.put(p, "k", new byte[8]); // tag + 8 bytes
    ps.put(p, "n", Long.MAX_VALUE); // tag + 8 bytes
    assertLimit(() -> ps.put(p, "k", new byte[9]), "maxMetadataValueBytes");
    assertLimit(() -> ps.put(p, "s", "123456789"), "maxMetadataValueBytes");
    assertThat(ps.get(p, "k")).hasValueSatisfying(v -> assertThat((byte[]) v).hasSize(8));
    assertThat(ps.get(p, "s")).isEmpty();
  }

  @Test
  void defaultMetadataBoundsAre256ByteKeysAnd64KiBValues() {
    Peerstore ps = open();
    PeerId p = newPeer();
    String key = "k".repeat(256);
    ps.put(p, key, new byte[65535]);
    assertLimit(() -> ps.put(p, key + "k", 1), "maxMetadataKeyBytes");
    assertLimit(() -> ps.put(p, key, new byte[65536]), "maxMetadataValueBytes");
    assertThat(ps.get(p, key)).hasValueSatisfying(v -> assertThat((byte[]) v).hasSize(65535));
    assertThat(ps.get(p, key + "k")).isEmpty();
  }

  // ------------------------------------------------------------------------ signed record cap

  @Test
  void signedRecordCapIsALimitExceededException() {
    Peerstore ps = open(b -> b.maxSignedRecords(1));
    assertThat(ps.consumePeerRecord(TestPeer.generate().record(1, List.of(addr(1))), HOUR))
        .isTrue();
    TestPeer bob = TestPeer.generate();
    assertThatThrownBy(() -> ps.consumePeerRecord(bob.record(1, List.of(addr(2))), HOUR))
        .isInstanceOf(LimitExceededException.class)
        .hasMessage("too many signed peer records");
    assertThat(ps.addrs(bob.id())).isEmpty();
  }

  // ------------------------------------------------------------------------ snapshot restore

  @Test
  void restoreOfAnOversizedSnapshotIsRefusedAndWritesNothing() {
    Peerstore ps = open(b -> b.maxMultiaddrBytes(32).maxProtocolBytes(8)
        .maxMetadataKeyBytes(4).maxMetadataValueBytes(9));
    Snapshots snapshots = (Snapshots) ps;
    PeerId p = newPeer();
    java.time.Instant expiry = clock().instant().plus(HOUR);
    List<PeerSnapshot> bad = List.of(
        new PeerSnapshot(p, List.of(new PeerSnapshot.Addr(addrOfLength(33, 1), HOUR, expiry)),
            null, null, null, Set.of(), Map.of()),
        new PeerSnapshot(p, List.of(), null, null, null, Set.of("123456789"), Map.of()),
        new PeerSnapshot(p, List.of(), null, null, null, Set.of(),
            Map.of("abcde", MetadataValues.builtInsOnly().encode("v"))),
        new PeerSnapshot(p, List.of(), null, null, null, Set.of(),
            Map.of("k", MetadataValues.builtInsOnly().encode(new byte[9]))));
    for (PeerSnapshot s : bad) {
      assertThatThrownBy(() -> snapshots.checkRestore(s))
          .isInstanceOf(LimitExceededException.class);
      assertThatThrownBy(() -> snapshots.restore(s))
          .isInstanceOf(LimitExceededException.class);
    }
    assertThat(ps.peers()).isEmpty();
    snapshots.restore(new PeerSnapshot(p,
        List.of(new PeerSnapshot.Addr(addrOfLength(32, 1), HOUR, expiry)), null, null, null,
        Set.of("12345678"), Map.of("abcd", MetadataValues.builtInsOnly().encode(new byte[8]))));
    assertAddrs(ps, p, addrOfLength(32, 1));
  }

  // --------------------------------------------------------------------------------- builder

  @Test
  void everyBoundMustBePositive() {
    List<Consumer<PeerstoreBuilder<?, ?>>> bad = List.of(
        b -> b.maxEnvelopeBytes(0),
        b -> b.maxAddrsPerRecord(0),
        b -> b.maxMultiaddrBytes(-1),
        b -> b.maxProtocolBytes(0),
        b -> b.maxMetadataKeyBytes(0),
        b -> b.maxMetadataValueBytes(Integer.MIN_VALUE),
        b -> b.maxProtocols(0));
    for (Consumer<PeerstoreBuilder<?, ?>> option : bad) {
      assertThatThrownBy(() -> open(option))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("must be positive");
    }
  }

  @Test
  void liftedBoundsAcceptLargeInputs() {
    Peerstore ps = open(b -> b.maxMetadataValueBytes(Integer.MAX_VALUE)
        .maxProtocolBytes(Integer.MAX_VALUE));
    PeerId p = newPeer();
    ps.put(p, "big", new byte[200_000]);
    ps.addProtocols(p, List.of("p".repeat(5000)));
    assertThat(ps.protocols(p)).isEqualTo(Set.of("p".repeat(5000)));
    assertThat(ps.get(p, "big")).isPresent();
  }
}
