package org.peerstore.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peerstore.InvalidRecordException;
import org.peerstore.crypto.KeyType;
import org.peerstore.crypto.PrivKey;
import org.peerstore.internal.pb.PeerRecordProto;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

class PeerRecordTest {
  private static final HexFormat HEX = HexFormat.of();
  private final PrivKey key = TestRecords.key(KeyType.ED25519);
  private final PeerId id = PeerId.fromPublicKey(key.publicKey());
  private final Multiaddr a1 = Multiaddr.fromString("/ip4/127.0.0.1/tcp/4001");
  private final Multiaddr a2 = Multiaddr.fromString("/ip4/1.2.3.4/udp/4001/quic-v1");

  @Test
  void constructorRejectsNullsNamingThem() {
    assertThatThrownBy(() -> new PeerRecord(null, 1, List.of()))
        .isInstanceOf(NullPointerException.class).hasMessage("peerId");
    assertThatThrownBy(() -> new PeerRecord(id, 1, null))
        .isInstanceOf(NullPointerException.class).hasMessage("addrs");
    assertThatThrownBy(() -> new PeerRecord(id, 1, Arrays.asList(a1, null)))
        .isInstanceOf(NullPointerException.class).hasMessage("addrs contains null");
  }

  @Test
  void addressListIsAnUnmodifiableCopy() {
    List<Multiaddr> source = new ArrayList<>(List.of(a1));
    PeerRecord r = new PeerRecord(id, 1, source);
    source.add(a2);
    assertThat(r.addrs()).containsExactly(a1);
    assertThatThrownBy(() -> r.addrs().add(a2)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void marshalRoundTripsAndOmitsZeroSeq() {
    PeerRecord r = new PeerRecord(id, 0, List.of(a1, a2, a1));
    byte[] bytes = r.marshal();
    // 0a <len> <peer id>, then straight to field 3: no seq field.
    byte[] idBytes = id.toBytes();
    assertThat(bytes[0]).isEqualTo((byte) 0x0a);
    assertThat(bytes[2 + idBytes.length]).isEqualTo((byte) 0x1a);
    assertThat(PeerRecord.unmarshal(bytes)).isEqualTo(r);
  }

  @Test
  void seqIsUnsigned() {
    long seq = Long.parseUnsignedLong("18446744073709551615"); // 2^64 - 1
    PeerRecord r = new PeerRecord(id, seq, List.of(a1));
    assertThat(r.toString()).contains("seq=18446744073709551615").contains(id.toString())
        .contains("/ip4/127.0.0.1/tcp/4001");
    PeerRecord back = PeerRecord.unmarshal(r.marshal());
    assertThat(back.seq()).isEqualTo(-1L);
    assertThat(back).isEqualTo(r);
  }

  @Test
  void unparseableAndEmptyAddressesAreSkipped() {
    byte[] bytes = PeerRecordProto.PeerRecord.newBuilder()
        .setPeerId(com.google.protobuf.ByteString.copyFrom(id.toBytes()))
        .setSeq(7)
        .addAddresses(info(a1.toBytes()))
        .addAddresses(info(new byte[0]))
        .addAddresses(info(HEX.parseHex("ff")))     // unknown protocol code
        .addAddresses(info(HEX.parseHex("0401020304060000ff"))) // trailing garbage
        .addAddresses(info(a2.toBytes()))
        .build().toByteArray();
    PeerRecord r = PeerRecord.unmarshal(bytes);
    assertThat(r.addrs()).containsExactly(a1, a2);
    assertThat(r.seq()).isEqualTo(7);
  }

  private static PeerRecordProto.PeerRecord.AddressInfo info(byte[] b) {
    return PeerRecordProto.PeerRecord.AddressInfo.newBuilder()
        .setMultiaddr(com.google.protobuf.ByteString.copyFrom(b)).build();
  }

  @Test
  void badPeerIdOrProtobufRejected() {
    assertThatThrownBy(() -> PeerRecord.unmarshal(new byte[0]))
        .isInstanceOf(InvalidRecordException.class).hasMessageContaining("invalid peer id");
    byte[] badId = PeerRecordProto.PeerRecord.newBuilder()
        .setPeerId(com.google.protobuf.ByteString.copyFrom(HEX.parseHex("1203abcdef")))
        .build().toByteArray();
    assertThatThrownBy(() -> PeerRecord.unmarshal(badId))
        .isInstanceOf(InvalidRecordException.class).hasMessageContaining("invalid peer id");
    assertThatThrownBy(() -> PeerRecord.unmarshal(HEX.parseHex("0a05ab")))
        .isInstanceOf(InvalidRecordException.class).hasMessageContaining("malformed PeerRecord");
    assertThatThrownBy(() -> PeerRecord.unmarshal(HEX.parseHex("10")))
        .isInstanceOf(InvalidRecordException.class).hasMessageContaining("malformed PeerRecord");
  }

  @Test
  void payloadTypeIsACopy() {
    byte[] t = PeerRecord.envelopePayloadType();
    assertThat(t).containsExactly(0x03, 0x01);
    t[0] = 9;
    assertThat(PeerRecord.envelopePayloadType()).containsExactly(0x03, 0x01);
  }
}
