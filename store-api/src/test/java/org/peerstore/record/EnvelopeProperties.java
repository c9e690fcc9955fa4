package org.peerstore.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.peerstore.InvalidRecordException;
import org.peerstore.crypto.KeyType;
import org.peerstore.crypto.Keys;
import org.peerstore.crypto.PrivKey;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

class EnvelopeProperties {

  /** A fresh key per try, except RSA (slow to generate), which comes from a fixed key. */
  @Provide
  Arbitrary<PrivKey> keys() {
    return Arbitraries.of(KeyType.values()).map(t -> t == KeyType.RSA ? TestRecords.key(t) : Keys.generate(t));
  }

  @Provide
  Arbitrary<Multiaddr> multiaddrs() {
    Arbitrary<String> ip4 = Arbitraries.integers().between(0, 255).list().ofSize(4)
        .map(l -> "/ip4/" + l.get(0) + "." + l.get(1) + "." + l.get(2) + "." + l.get(3));
    Arbitrary<String> ip6 = Arbitraries.integers().between(0, 0xffff).list().ofSize(8)
        .map(l -> "/ip6/" + String.join(":", l.stream().map(Integer::toHexString).toList()));
    Arbitrary<String> dns = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12)
        .map(s -> "/dns4/" + s + ".example");
    Arbitrary<String> host = Arbitraries.oneOf(ip4, ip6, dns);
    Arbitrary<Integer> port = Arbitraries.integers().between(0, 65535);
    Arbitrary<String> transport = Arbitraries.of("/tcp/%d", "/tcp/%d/ws", "/tcp/%d/tls/ws",
        "/udp/%d/quic-v1", "/udp/%d/quic-v1/webtransport");
    return Combinators.combine(host, transport, port)
        .as((h, t, p) -> Multiaddr.fromString(h + String.format(t, p)));
  }

  /** Any 64-bit seq: jqwik's long edge cases include 0, -1 (2^64-1) and both extremes. */
  @Property(tries = 300)
  void sealedRecordsOpenToTheSameRecord(@ForAll("keys") PrivKey key, @ForAll long seq,
      @ForAll @Size(max = 8) List<@net.jqwik.api.From("multiaddrs") Multiaddr> addrs) {
    PeerRecord record = new PeerRecord(PeerId.fromPublicKey(key.publicKey()), seq, addrs);
    Envelope sealed = Envelope.seal(record, key);
    Envelope opened = Envelope.open(sealed.marshal());
    assertThat(opened).isEqualTo(sealed);
    assertThat(opened.peerRecord()).isEqualTo(record);
    assertThat(Long.compareUnsigned(opened.peerRecord().seq(), seq)).isZero();
    assertThat(PeerRecord.unmarshal(record.marshal())).isEqualTo(record);
  }

  @Property(tries = 1500)
  void anySingleByteCorruptionIsRejected(@ForAll("keys") PrivKey key,
      @ForAll @Size(max = 3) List<@net.jqwik.api.From("multiaddrs") Multiaddr> addrs,
      @ForAll @IntRange(min = 0, max = 100_000) int position,
      @ForAll @IntRange(min = 1, max = 255) int xor) {
    Envelope sealed = Envelope.seal(
        new PeerRecord(PeerId.fromPublicKey(key.publicKey()), 42, addrs), key);
    byte[] bytes = sealed.marshal();
    bytes[position % bytes.length] ^= (byte) xor;
    Throwable t = catchThrowable(() -> Envelope.open(bytes));
    assertThat(t).as("corrupting byte %d of %d with %02x", position % bytes.length, bytes.length, xor)
        .isInstanceOf(InvalidRecordException.class);
  }

  @Property(tries = 300)
  void corruptingTheEd25519PublicKeyIsRejected(
      @ForAll @IntRange(min = 0, max = 31) int keyByte, @ForAll @IntRange(min = 1, max = 255) int xor) {
    PrivKey key = Keys.generate(KeyType.ED25519);
    byte[] bytes = Envelope.seal(
        new PeerRecord(PeerId.fromPublicKey(key.publicKey()), 1, List.of()), key).marshal();
    bytes[6 + keyByte] ^= (byte) xor; // 0a 24 08 01 12 20 <32 key bytes>
    Throwable t = catchThrowable(() -> Envelope.open(bytes));
    assertThat(t).isInstanceOf(InvalidRecordException.class);
  }

  @Property(tries = 2000)
  void randomBytesOnlyThrowInvalidRecord(@ForAll @Size(max = 300) byte[] bytes) {
    assertThat(catchThrowable(() -> Envelope.open(bytes))).isInstanceOf(InvalidRecordException.class);
    Throwable t = catchThrowable(() -> PeerRecord.unmarshal(bytes));
    if (t != null) {
      assertThat(t).isInstanceOf(InvalidRecordException.class);
    }
  }

  @Property(tries = 1000)
  void truncatedOrExtendedEnvelopesOnlyThrowInvalidRecord(@ForAll("keys") PrivKey key,
      @ForAll @IntRange(min = 0, max = 100_000) int cut, @ForAll @Size(max = 8) byte[] tail) {
    byte[] full = Envelope.seal(new PeerRecord(PeerId.fromPublicKey(key.publicKey()), 5,
        List.of(Multiaddr.fromString("/ip4/1.2.3.4/tcp/5"))), key).marshal();
    int n = cut % full.length;
    byte[] bytes = EnvelopeTest.concat(java.util.Arrays.copyOf(full, n), tail);
    Throwable t = catchThrowable(() -> Envelope.open(bytes));
    // A cut envelope can only open if the tail restores the cut bytes (and at most appends
    // fields that the envelope protobuf ignores).
    if (t == null) {
      assertThat(bytes).startsWith(full);
    } else {
      assertThat(t).isInstanceOf(InvalidRecordException.class);
    }
  }
}
