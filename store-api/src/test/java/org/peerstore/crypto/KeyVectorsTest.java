package org.peerstore.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.peerstore.InvalidKeyDataException;

/** Every vector of {@code /vectors/keys.json} (docs/WIRE.md §2.3). */
class KeyVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  static Stream<Arguments> vectors() throws IOException {
    try (InputStream in = KeyVectorsTest.class.getResourceAsStream("/vectors/keys.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      List<Arguments> out = new ArrayList<>();
      root.get("vectors").forEach(v -> out.add(Arguments.of(v.get("id").asText(), v)));
      assertThat(out).hasSize(root.get("counts").get("total").asInt());
      return out.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void keyVector(String id, JsonNode v) {
    KeyType type = KeyType.forNumber(v.get("keyTypeEnum").asInt()).orElseThrow();
    byte[] pub = HEX.parseHex(v.get("pubProtobufHex").asText());
    byte[] priv = v.has("privProtobufHex") ? HEX.parseHex(v.get("privProtobufHex").asText()) : null;

    if (v.has("rsaBits") && v.get("rsaBits").asInt() < 2048) {
      // Below go-libp2p's MinRsaKeyBits: a negative vector.
      assertThatThrownBy(() -> Keys.unmarshalPublicKey(pub))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("too small");
      assertThatThrownBy(() -> Keys.unmarshalPrivateKey(priv))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("too small");
      return;
    }

    PubKey pk = Keys.unmarshalPublicKey(pub);
    assertThat(pk.type()).isEqualTo(type);
    assertThat(pk.marshal()).as("public key re-marshals byte-exactly").isEqualTo(pub);
    assertThat(Keys.unmarshalPublicKey(pk.marshal())).isEqualTo(pk).hasSameHashCodeAs(pk);
    if (v.has("rsaBits")) {
      assertThat(pk.toString()).contains("RSA-" + v.get("rsaBits").asInt());
    }

    PrivKey sk = null;
    if (priv != null) {
      sk = Keys.unmarshalPrivateKey(priv);
      assertThat(sk.type()).isEqualTo(type);
      assertThat(sk.marshal()).as("private key re-marshals byte-exactly").isEqualTo(canonicalPrivate(priv));
      assertThat(sk.publicKey()).as("public key derived from private").isEqualTo(pk);
      assertThat(sk.publicKey().marshal()).isEqualTo(pub);
      assertThat(Keys.unmarshalPrivateKey(sk.marshal())).isEqualTo(sk);
      assertThat(sk.toString()).isEqualTo("PrivKey[" + type + "]");
    }

    if (v.has("sigHex")) {
      byte[] msg = HEX.parseHex(v.get("messageHex").asText());
      byte[] sig = HEX.parseHex(v.get("sigHex").asText());
      assertThat(pk.verify(msg, sig)).as("vector signature verifies").isTrue();
      byte[] altered = msg.clone();
      altered[0] ^= 1;
      assertThat(pk.verify(altered, sig)).as("altered message").isFalse();
      if (sk != null && v.path("sigDeterministic").asBoolean(false)) {
        assertThat(sk.sign(msg)).as("re-signing reproduces the signature").isEqualTo(sig);
      }
    }
    if (sk != null) {
      byte[] msg = id.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      assertThat(pk.verify(msg, sk.sign(msg))).as("own signature verifies").isTrue();
    }
  }

  /** The legacy 96-byte Ed25519 form is re-marshalled as 64 bytes (seed || public key). */
  private static byte[] canonicalPrivate(byte[] priv) {
    if (priv[1] == 1 && (priv[3] & 0xff) == 96) {
      byte[] out = Arrays.copyOf(priv, 4 + 64);
      out[3] = 64;
      return out;
    }
    return priv;
  }
}
