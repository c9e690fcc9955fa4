package org.peerstore.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.peerstore.conformance.Addrs;
import org.peerstore.conformance.TestPeer;
import org.peerstore.crypto.KeyType;
import org.peerstore.internal.AddrEntry;
import org.peerstore.internal.AddrState;
import org.peerstore.internal.Ttl;
import org.peerstore.record.Envelope;
import org.peerstore.rocksdb.pb.RocksValues;
import org.peerstore.rocksdb.pb.RocksValues.AddrSet;

class ValueCodecTest {

  @Test
  void addressEntriesRoundTripWithExtremeTtlsAndExpiries() throws Exception {
    AddrState state = new AddrState(List.of(
        new AddrEntry(Addrs.addr(1), Ttl.PERMANENT, Ttl.NEVER),
        new AddrEntry(Addrs.addr(2), Ttl.CONNECTED, Ttl.NEVER),
        new AddrEntry(Addrs.addr(3), 1, Long.MIN_VALUE),
        new AddrEntry(Addrs.addr(4), 3_600_000_000_000L, 1_767_225_600_000_000_001L)));
    AddrState back = ValueCodec.decodeAddrs(ValueCodec.encodeAddrs(state));
    assertThat(back.entries()).isEqualTo(state.entries());
    assertThat(ValueCodec.addrCount(ValueCodec.encodeAddrs(state))).isEqualTo(4);
    assertThat(ValueCodec.unconnectedCount(ValueCodec.encodeAddrs(state))).isEqualTo(2);
  }

  @Test
  void addressesAreEncodedExactlyAsTheProtobufMessage() {
    AddrState state = new AddrState(List.of(
        new AddrEntry(Addrs.addr(1), Ttl.PERMANENT, Ttl.NEVER),
        new AddrEntry(Addrs.addr(2), Ttl.CONNECTED, Ttl.NEVER),
        new AddrEntry(Addrs.addr(3), 1, Long.MIN_VALUE),
        new AddrEntry(Addrs.addr(4), 0, 0),
        new AddrEntry(Addrs.addr(5), -1, -1),
        new AddrEntry(Addrs.addr(6), 3_600_000_000_000L, 1_767_225_600_000_000_001L)));
    AddrSet.Builder expected = AddrSet.newBuilder();
    for (AddrEntry e : state.entries()) {
      expected.addEntries(RocksValues.AddrEntry.newBuilder()
          .setAddr(com.google.protobuf.ByteString.copyFrom(e.addr().toBytes()))
          .setTtlNanos(e.ttlNanos())
          .setExpiryNanos(e.expiryNanos()));
    }
    assertThat(ValueCodec.encodeAddrs(state)).isEqualTo(expected.build().toByteArray());
    assertThat(ValueCodec.encodeAddrs(new AddrState())).isEmpty();
  }

  @Test
  void aDuplicateAddressIsCorrupt() {
    RocksValues.AddrEntry e = RocksValues.AddrEntry.newBuilder()
        .setAddr(com.google.protobuf.ByteString.copyFrom(Addrs.addr(1).toBytes()))
        .setTtlNanos(1).setExpiryNanos(2).build();
    byte[] bytes = AddrSet.newBuilder().addEntries(e).addEntries(e).build().toByteArray();
    assertThatThrownBy(() -> ValueCodec.decodeAddrs(bytes))
        .isInstanceOf(CorruptValueException.class)
        .hasMessageContaining("duplicate");
  }

  @Test
  void protocolNamesRoundTripEvenWithUnpairedSurrogates() throws Exception {
    Set<String> protocols = new LinkedHashSet<>(List.of("/ipfs/id/1.0.0", "lone \ud800", "\0", "é"));
    assertThat(ValueCodec.decodeProtocols(ValueCodec.encodeProtocols(protocols)))
        .containsExactlyElementsOf(protocols);
  }

  @Test
  void keysAndRecordsRoundTripForTheirPeerOnly() throws Exception {
    TestPeer a = TestPeer.generate(KeyType.SECP256K1);
    TestPeer b = TestPeer.generate();
    assertThat(ValueCodec.decodePubKey(a.id(), a.pubKey().marshal())).isEqualTo(a.pubKey());
    assertThat(ValueCodec.decodePrivKey(a.id(), a.privKey().marshal()).publicKey())
        .isEqualTo(a.pubKey());
    Envelope rec = a.record(3, List.of(Addrs.addr(1)));
    assertThat(ValueCodec.decodeRecord(a.id(), rec.marshal()).peerRecord().seq()).isEqualTo(3);
    assertThatThrownBy(() -> ValueCodec.decodePubKey(b.id(), a.pubKey().marshal()))
        .isInstanceOf(CorruptValueException.class);
    assertThatThrownBy(() -> ValueCodec.decodePrivKey(b.id(), a.privKey().marshal()))
        .isInstanceOf(CorruptValueException.class);
    assertThatThrownBy(() -> ValueCodec.decodeRecord(b.id(), rec.marshal()))
        .isInstanceOf(CorruptValueException.class);
  }

  @Test
  void hostileBytesOnlyEverMeanCorrupt() {
    TestPeer t = TestPeer.generate();
    Random random = new Random(99);
    for (int i = 0; i < 3000; i++) {
      byte[] bytes = new byte[random.nextInt(64)];
      random.nextBytes(bytes);
      // Each decoder either decodes or says "corrupt"; nothing else may escape.
      decodeOrCorrupt(() -> ValueCodec.decodeAddrs(bytes));
      decodeOrCorrupt(() -> ValueCodec.addrCount(bytes));
      decodeOrCorrupt(() -> ValueCodec.decodeProtocols(bytes));
      decodeOrCorrupt(() -> ValueCodec.decodePubKey(t.id(), bytes));
      decodeOrCorrupt(() -> ValueCodec.decodePrivKey(t.id(), bytes));
      decodeOrCorrupt(() -> ValueCodec.decodeRecord(t.id(), bytes));
    }
  }

  @FunctionalInterface
  private interface Decoder {
    Object decode() throws CorruptValueException;
  }

  private static void decodeOrCorrupt(Decoder d) {
    try {
      d.decode();
    } catch (CorruptValueException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
