package org.peerstore.multiaddr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.peerstore.InvalidMultiaddrException;

/**
 * Every vector of {@code /vectors/multiaddr_valid.json} and {@code multiaddr_invalid.json}
 * (docs/WIRE.md §6.4), one parameterised test per file.
 */
class MultiaddrVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  private static JsonNode load(String name) throws IOException {
    try (InputStream in = MultiaddrVectorsTest.class.getResourceAsStream("/vectors/" + name)) {
      return new ObjectMapper().readTree(in);
    }
  }

  static Stream<Arguments> validVectors() throws IOException {
    JsonNode root = load("multiaddr_valid.json");
    List<Arguments> out = new ArrayList<>();
    root.get("vectors").forEach(v -> out.add(Arguments.of(v.get("str").asText(), v)));
    assertThat(out).hasSize(root.get("counts").get("vectors").asInt());
    return out.stream();
  }

  /**
   * Parses, prints the canonical text ({@code canonical}, else {@code canonicalDerived}, else the
   * input), encodes to {@code hex} (else {@code hexDerived}), and round-trips bytes and text.
   * Entries go-multiaddr rejects ({@code goMultiaddrAccepts: false}) use the deprecated
   * protocols that rust and js still read, and that we accept too.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("validVectors")
  void validVector(String text, JsonNode v) {
    String canonical = text(v, "canonical", text(v, "canonicalDerived", text));
    byte[] bytes = HEX.parseHex(text(v, "hex", text(v, "hexDerived", null)));

    Multiaddr ma = Multiaddr.fromString(text);
    assertThat(ma.toString()).isEqualTo(canonical);
    assertThat(HEX.formatHex(ma.toBytes())).isEqualTo(HEX.formatHex(bytes));

    Multiaddr fromBytes = Multiaddr.fromBytes(bytes);
    assertThat(fromBytes).isEqualTo(ma).hasSameHashCodeAs(ma);
    assertThat(fromBytes.toString()).isEqualTo(canonical);
    assertThat(Multiaddr.fromString(canonical)).isEqualTo(ma);
  }

  static Stream<Arguments> invalidVectors() throws IOException {
    JsonNode root = load("multiaddr_invalid.json");
    List<Arguments> out = new ArrayList<>();
    root.get("strings").forEach(v -> out.add(Arguments.of("text " + show(v.get("str")), v)));
    root.get("bytes").forEach(v -> out.add(Arguments.of("bytes " + v.get("hex").asText(), v)));
    JsonNode counts = root.get("counts");
    assertThat(out).hasSize(counts.get("strings").asInt() + counts.get("bytes").asInt());
    return out.stream();
  }

  /**
   * Every string and byte string is rejected with {@link InvalidMultiaddrException}, except the
   * three that go-multiaddr v0.16.1 accepts and jvm-libp2p rejects ({@code goMultiaddrAccepts:
   * true}). We deliberately follow go there, since go is the reference the network interoperates
   * with: {@code /ip6/127.0.0.1} is read as the IPv4-mapped {@code /ip6/::ffff:127.0.0.1}, and a
   * dns4 value that is not UTF-8 is kept byte for byte (go only checks "non-empty, no /").
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidVectors")
  void invalidVector(String label, JsonNode v) {
    boolean goAccepts = v.get("goMultiaddrAccepts").asBoolean();
    if (v.has("str")) {
      String text = v.get("str").asText();
      if (goAccepts) {
        assertThat(text).isEqualTo("/ip6/127.0.0.1");
        Multiaddr ma = Multiaddr.fromString(text);
        assertThat(ma.toString()).isEqualTo("/ip6/::ffff:127.0.0.1");
        assertThat(HEX.formatHex(ma.toBytes())).isEqualTo("2900000000000000000000ffff7f000001");
      } else {
        assertThatThrownBy(() -> Multiaddr.fromString(text))
            .isInstanceOf(InvalidMultiaddrException.class)
            .hasMessageNotContaining("null");
      }
    } else {
      byte[] bytes = HEX.parseHex(v.get("hex").asText());
      if (goAccepts) {
        assertThat(v.get("hex").asText()).startsWith("3601");
        Multiaddr ma = Multiaddr.fromBytes(bytes);
        assertThat(ma.toBytes()).isEqualTo(bytes);
        // Not UTF-8: the text shows U+FFFD, so only the binary form round-trips.
        assertThat(ma.toString()).isEqualTo("/dns4/\ufffd");
      } else {
        assertThatThrownBy(() -> Multiaddr.fromBytes(bytes))
            .isInstanceOf(InvalidMultiaddrException.class)
            .hasMessageNotContaining("null");
      }
    }
  }

  private static String text(JsonNode v, String field, String fallback) {
    return v.has(field) ? v.get(field).asText() : fallback;
  }

  private static String show(JsonNode s) {
    String t = s.asText().replace("\n", "\\n");
    return "'" + (t.length() > 60 ? t.substring(0, 60) + "..." : t) + "'";
  }
}
