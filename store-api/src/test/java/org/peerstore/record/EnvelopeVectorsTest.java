package org.peerstore.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.peerstore.InvalidRecordException;
import org.peerstore.crypto.Keys;
import org.peerstore.crypto.PrivKey;
import org.peerstore.crypto.PubKey;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

/** Every vector of {@code /vectors/envelopes.json} (docs/WIRE.md §4, §5). */
class EnvelopeVectorsTest {
  private static final HexFormat HEX = HexFormat.of();
  private static JsonNode constants;

  static Stream<Arguments> vectors() throws IOException {
    try (InputStream in = EnvelopeVectorsTest.class.getResourceAsStream("/vectors/envelopes.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      constants = root.get("constants");
      List<Arguments> out = new ArrayList<>();
      root.get("vectors").forEach(v -> out.add(Arguments.of(v.get("id").asText(), v)));
      assertThat(out).hasSize(root.get("counts").get("total").asInt());
      return out.stream();
    }
  }

  private static byte[] hex(JsonNode v, String field) {
    return HEX.parseHex(v.get(field).asText());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void envelopeVector(String id, JsonNode v) {
    assertThat(constants.get("peerRecordDomain").asText()).isEqualTo(PeerRecord.ENVELOPE_DOMAIN);
    assertThat(hex(constants, "peerRecordPayloadTypeHex")).isEqualTo(PeerRecord.envelopePayloadType());
    switch (v.get("kind").asText()) {
      case "peer-record-payload" -> peerRecordPayload(v);
      case "signed-peer-record" -> envelope(v, PeerRecord.envelopePayloadType());
      case "envelope" -> envelope(v, hex(v, "payloadTypeHex"));
      default -> throw new AssertionError("unknown vector kind " + v.get("kind"));
    }
  }

  private static void peerRecordPayload(JsonNode v) {
    byte[] bytes = hex(v, "peerRecordHex");
    PeerRecord record = PeerRecord.unmarshal(bytes);
    checkRecord(record, v.get("peerRecord"));
    assertThat(record.marshal()).as("re-marshals as go wrote it").isEqualTo(bytes);
  }

  private static void envelope(JsonNode v, byte[] expectedType) {
    byte[] bytes = hex(v, "envelopeHex");
    String domain = v.get("domain").asText();
    byte[] type = hex(v, "payloadTypeHex");
    byte[] payload = hex(v, "payloadHex");
    byte[] signature = hex(v, "signatureHex");
    PubKey key = Keys.unmarshalPublicKey(hex(v, "publicKeyProtobufHex"));

    byte[] buffer = Envelope.signingBuffer(domain, type, payload);
    assertThat(buffer).isEqualTo(hex(v, "signingBufferHex"));
    assertThat(key.verify(buffer, signature))
        .as("signatureVerifiesForDomain").isEqualTo(v.get("signatureVerifiesForDomain").asBoolean());

    if (!v.get("expectValid").asBoolean()) {
      assertThatThrownBy(() -> Envelope.open(bytes, domain, expectedType))
          .isInstanceOf(InvalidRecordException.class)
          .hasMessageContaining(v.get("signatureVerifiesForDomain").asBoolean()
              ? "signed by the key of" // the only valid-signature negative: peer id mismatch
              : (java.util.Arrays.equals(type, expectedType) ? "signature" : "payload type"));
      return;
    }

    Envelope env = Envelope.open(bytes, domain, expectedType);
    assertThat(env.marshal()).isEqualTo(bytes);
    assertThat(env.publicKey()).isEqualTo(key);
    assertThat(env.domain()).isEqualTo(domain);
    assertThat(env.payloadType()).isEqualTo(type);
    assertThat(env.payload()).isEqualTo(payload);
    assertThat(env.signature()).isEqualTo(signature);
    assertThat(Envelope.open(env.marshal(), domain, expectedType)).isEqualTo(env).hasSameHashCodeAs(env);

    if (v.get("kind").asText().equals("envelope")) {
      assertThat(new String(env.payload(), StandardCharsets.UTF_8)).isEqualTo(v.get("payload").asText());
      assertThat(new String(env.payloadType(), StandardCharsets.UTF_8))
          .isEqualTo(v.get("payloadType").asText());
      assertThat(PeerId.fromPublicKey(env.publicKey()).toString())
          .isEqualTo(v.get("publicKeyPeerIdBase58").asText());
      assertThatThrownBy(env::peerRecord).isInstanceOf(InvalidRecordException.class)
          .hasMessageContaining("does not carry a peer record");
      assertThatThrownBy(() -> Envelope.open(bytes)).isInstanceOf(InvalidRecordException.class)
          .hasMessageContaining("payload type");
      return;
    }

    assertThat(Envelope.open(bytes)).isEqualTo(env);
    PeerRecord record = env.peerRecord();
    checkRecord(record, v.get("peerRecord"));
    assertThat(record.marshal()).isEqualTo(payload);
    assertThat(record.peerId().matchesPublicKey(env.publicKey())).isTrue();

    if (v.has("signerPrivKeyProtobufHex")) {
      PrivKey sk = Keys.unmarshalPrivateKey(hex(v, "signerPrivKeyProtobufHex"));
      assertThat(sk.publicKey()).isEqualTo(key);
      Envelope sealed = Envelope.seal(record, sk);
      assertThat(Envelope.open(sealed.marshal()).peerRecord()).isEqualTo(record);
      if (v.path("signatureDeterministic").asBoolean(false)) {
        assertThat(sealed.marshal()).as("deterministic signature reproduces the envelope")
            .isEqualTo(bytes);
      }
    }
  }

  private static void checkRecord(PeerRecord record, JsonNode expected) {
    assertThat(record.peerId().toBytes()).isEqualTo(hex(expected, "peerIdBytesHex"));
    assertThat(record.peerId().toString()).isEqualTo(expected.get("peerIdBase58").asText());
    assertThat(Long.toUnsignedString(record.seq())).isEqualTo(expected.get("seq").asText());
    assertThat(record.toString()).contains("seq=" + expected.get("seq").asText());
    List<JsonNode> addrs = new ArrayList<>();
    expected.get("addresses").forEach(addrs::add);
    assertThat(record.addrs()).hasSize(addrs.size());
    for (int i = 0; i < addrs.size(); i++) {
      Multiaddr a = record.addrs().get(i);
      assertThat(a.toBytes()).isEqualTo(hex(addrs.get(i), "hex"));
      assertThat(a.toString()).isEqualTo(addrs.get(i).get("str").asText());
    }
  }
}
