package org.peerstore.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.peerstore.InvalidRecordException;
import org.peerstore.KeyMismatchException;
import org.peerstore.crypto.KeyType;
import org.peerstore.crypto.PrivKey;
import org.peerstore.internal.pb.CryptoProto;
import org.peerstore.internal.pb.EnvelopeProto;

class EnvelopeTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] PEER_RECORD_TYPE = {0x03, 0x01};
  private final PrivKey key = TestRecords.key(KeyType.ED25519);
  private final PrivKey other = TestRecords.key(KeyType.SECP256K1);

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void sealOpenRoundTrip(KeyType type) {
    PrivKey k = TestRecords.key(type);
    PeerRecord r = TestRecords.record(k, Long.MIN_VALUE, "/ip4/10.0.0.1/tcp/1", "/dns4/x.org/tcp/443/wss");
    Envelope sealed = Envelope.seal(r, k);
    Envelope opened = Envelope.open(sealed.marshal());
    assertThat(opened).isEqualTo(sealed).hasSameHashCodeAs(sealed);
    assertThat(opened.peerRecord()).isEqualTo(r);
    assertThat(opened.publicKey()).isEqualTo(k.publicKey());
    assertThat(opened.domain()).isEqualTo("libp2p-peer-record");
    assertThat(opened.payloadType()).isEqualTo(PEER_RECORD_TYPE);
    assertThat(opened.payload()).isEqualTo(r.marshal());
    assertThat(k.publicKey().verify(
        Envelope.signingBuffer("libp2p-peer-record", PEER_RECORD_TYPE, r.marshal()),
        opened.signature())).isTrue();
    assertThat(opened.toString()).contains("seq=9223372036854775808")
        .contains(r.peerId().toString());
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void everySingleByteCorruptionIsRejected(KeyType type) {
    PrivKey k = TestRecords.key(type);
    byte[] good = Envelope.seal(TestRecords.record(k, 7, "/ip4/10.0.0.1/tcp/1"), k).marshal();
    for (int i = 0; i < good.length; i++) {
      for (int xor : new int[] {0x01, 0x80, 0xff}) {
        byte[] bad = good.clone();
        bad[i] ^= (byte) xor;
        int at = i;
        assertThatThrownBy(() -> Envelope.open(bad))
            .as("byte %d of %d xor %02x", at, good.length, xor)
            .isInstanceOf(InvalidRecordException.class);
      }
    }
  }

  @Test
  void wireLayoutIsGos() {
    Envelope e = Envelope.seal(TestRecords.record(key, 1, "/ip4/1.2.3.4/tcp/1"), key);
    byte[] b = e.marshal();
    byte[] pub = key.publicKey().marshal();
    // 0a 24 <pub> 12 02 03 01 1a <len> <payload> 2a 40 <sig>
    assertThat(Arrays.copyOfRange(b, 0, 2 + pub.length))
        .isEqualTo(concat(new byte[] {0x0a, (byte) pub.length}, pub));
    assertThat(Arrays.copyOfRange(b, 2 + pub.length, 6 + pub.length))
        .isEqualTo(HEX.parseHex("12020301"));
    assertThat(Arrays.copyOfRange(b, b.length - 66, b.length - 64)).isEqualTo(HEX.parseHex("2a40"));
  }

  @Test
  void accessorsReturnCopies() {
    Envelope e = Envelope.seal(TestRecords.record(key, 1), key);
    byte[] before = e.marshal();
    e.marshal()[0] ^= 1;
    e.payload()[0] ^= 1;
    e.payloadType()[0] ^= 1;
    e.signature()[0] ^= 1;
    assertThat(e.marshal()).isEqualTo(before);
    assertThat(Envelope.open(e.marshal())).isEqualTo(e);
  }

  @Test
  void sealRefusesARecordOfAnotherPeer() {
    PeerRecord r = TestRecords.record(other, 1, "/ip4/1.2.3.4/tcp/1");
    assertThatThrownBy(() -> Envelope.seal(r, key))
        .isInstanceOf(KeyMismatchException.class).hasMessageContaining(r.peerId().toString());
    assertThatThrownBy(() -> Envelope.seal("libp2p-peer-record", PEER_RECORD_TYPE, r.marshal(), key))
        .isInstanceOf(KeyMismatchException.class);
  }

  @Test
  void openRejectsARecordSignedByAnotherKey() {
    PeerRecord r = TestRecords.record(other, 1, "/ip4/1.2.3.4/tcp/1");
    byte[] bytes = rawEnvelope(key, "libp2p-peer-record", PEER_RECORD_TYPE, r.marshal(), true);
    assertThatThrownBy(() -> Envelope.open(bytes))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining("peer record is for peer " + r.peerId())
        .hasMessageContaining("signed by the key of");
  }

  @Test
  void genericEnvelopes() {
    byte[] payload = "hello".getBytes(StandardCharsets.UTF_8);
    byte[] type = "/my/type".getBytes(StandardCharsets.UTF_8);
    Envelope e = Envelope.seal("my-domain", type, payload, key);
    Envelope opened = Envelope.open(e.marshal(), "my-domain", type);
    assertThat(opened).isEqualTo(e);
    assertThat(opened.payload()).isEqualTo(payload);
    assertThat(opened.toString()).contains("payloadType=2f6d792f74797065").contains("5 bytes");
    assertThatThrownBy(opened::peerRecord).isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining("does not carry a peer record");
    assertThatThrownBy(() -> Envelope.open(e.marshal(), "other-domain", type))
        .isInstanceOf(InvalidRecordException.class).hasMessageContaining("signature");
    assertThatThrownBy(() -> Envelope.open(e.marshal()))
        .isInstanceOf(InvalidRecordException.class).hasMessageContaining("payload type");
    // A generic open in the peer-record domain and type is a full peer-record open.
    Envelope pr = Envelope.seal(TestRecords.record(key, 3, "/ip4/1.2.3.4/tcp/1"), key);
    assertThat(Envelope.open(pr.marshal(), "libp2p-peer-record", PEER_RECORD_TYPE).peerRecord())
        .isEqualTo(pr.peerRecord());
  }

  @Test
  void sealValidatesArguments() {
    assertThatThrownBy(() -> Envelope.seal("", PEER_RECORD_TYPE, new byte[0], key))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("domain");
    assertThatThrownBy(() -> Envelope.seal("d", new byte[0], new byte[0], key))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payload type");
    assertThatThrownBy(() -> Envelope.seal("libp2p-peer-record", PEER_RECORD_TYPE, new byte[] {1}, key))
        .isInstanceOf(InvalidRecordException.class);
    assertThatThrownBy(() -> Envelope.open(new byte[0], "", PEER_RECORD_TYPE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Envelope.seal(null, key))
        .isInstanceOf(NullPointerException.class).hasMessage("record");
  }

  @Test
  void peerRecordTypeIsCheckedEvenWithAValidSignature() {
    // Signed correctly, but with the neighbouring multicodec 0x0302 as payload type.
    byte[] relayType = {0x03, 0x02};
    byte[] payload = TestRecords.record(key, 1).marshal();
    Envelope e = Envelope.seal("libp2p-peer-record", relayType, payload, key);
    assertThatThrownBy(() -> Envelope.open(e.marshal()))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining("payload type 0302 is not the expected 0301");
  }

  @Test
  void signatureIsCheckedBeforeThePayloadIsDecoded() {
    byte[] garbage = {(byte) 0xff, (byte) 0xff};
    byte[] badSig = rawEnvelope(key, "libp2p-peer-record", PEER_RECORD_TYPE, garbage, false);
    assertThatThrownBy(() -> Envelope.open(badSig))
        .isInstanceOf(InvalidRecordException.class).hasMessageContaining("signature");
    byte[] goodSig = rawEnvelope(key, "libp2p-peer-record", PEER_RECORD_TYPE, garbage, true);
    assertThatThrownBy(() -> Envelope.open(goodSig))
        .isInstanceOf(InvalidRecordException.class).hasMessageContaining("malformed PeerRecord");
  }

  @Test
  void malformedEnvelopesRejected() {
    assertThatThrownBy(() -> Envelope.open(new byte[0]))
        .isInstanceOf(InvalidRecordException.class).hasMessageContaining("no public key");
    assertThatThrownBy(() -> Envelope.open(HEX.parseHex("0a05")))
        .isInstanceOf(InvalidRecordException.class).hasMessageContaining("malformed envelope");
    // Public key message without its required Data field.
    assertThatThrownBy(() -> Envelope.open(HEX.parseHex("0a020801")))
        .isInstanceOf(InvalidRecordException.class).hasMessageContaining("malformed envelope");
    // A 31-byte Ed25519 key.
    byte[] shortKey = concat(HEX.parseHex("0a230801121f"), new byte[31]);
    assertThatThrownBy(() -> Envelope.open(shortKey))
        .isInstanceOf(InvalidRecordException.class).hasMessageContaining("public key is invalid")
        .hasCauseInstanceOf(org.peerstore.InvalidKeyDataException.class);
    assertThatThrownBy(() -> Envelope.open(null))
        .isInstanceOf(NullPointerException.class).hasMessage("bytes");
  }

  @Test
  void unknownEnvelopeFieldsAreIgnoredLikeGo() {
    Envelope e = Envelope.seal(TestRecords.record(key, 1), key);
    byte[] withExtra = concat(e.marshal(), HEX.parseHex("2201ff")); // field 4, unused
    Envelope opened = Envelope.open(withExtra);
    assertThat(opened.marshal()).isEqualTo(withExtra);
    assertThat(opened.peerRecord()).isEqualTo(e.peerRecord());
    assertThat(opened).isNotEqualTo(e);
  }

  /** An envelope built by hand, with a correct or a wrong signature. */
  static byte[] rawEnvelope(PrivKey signer, String domain, byte[] type, byte[] payload,
      boolean goodSignature) {
    byte[] sig = signer.sign(Envelope.signingBuffer(domain, type, payload));
    if (!goodSignature) {
      sig[sig.length / 2] ^= 1;
    }
    CryptoProto.PublicKey pub;
    try {
      pub = CryptoProto.PublicKey.parseFrom(signer.publicKey().marshal());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
    return EnvelopeProto.Envelope.newBuilder()
        .setPublicKey(pub)
        .setPayloadType(ByteString.copyFrom(type))
        .setPayload(ByteString.copyFrom(payload))
        .setSignature(ByteString.copyFrom(sig))
        .build().toByteArray();
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
