package org.peerstore.multiaddr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Protocol} against {@code /vectors/multiaddr_protocols.json} (docs/WIRE.md §6.2). */
class ProtocolTableTest {

  static Stream<Arguments> rows() throws IOException {
    try (InputStream in = ProtocolTableTest.class.getResourceAsStream(
        "/vectors/multiaddr_protocols.json")) {
      List<Arguments> out = new ArrayList<>();
      new ObjectMapper().readTree(in).get("protocols")
          .forEach(p -> out.add(Arguments.of(p.get("name").asText(), p)));
      return out.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void matchesTheTable(String name, JsonNode row) {
    Protocol p = Protocol.forName(name).orElseThrow();
    assertThat(p.code()).isEqualTo(row.get("code").asInt());
    assertThat(HexFormat.of().formatHex(p.codeBytes())).isEqualTo(row.get("varintHex").asText());
    assertThat(Protocol.forCode(p.code())).contains(p);
    String layout = row.get("valueLayout").asText();
    if (layout.equals("none")) {
      assertThat(p.sizeBits()).isZero();
      assertThat(p.hasValue()).isFalse();
    } else if (layout.startsWith("varint")) {
      assertThat(p.sizeBits()).isEqualTo(Protocol.VARIABLE);
    } else if (layout.startsWith("fixed")) {
      assertThat(p.sizeBits()).isEqualTo(Integer.parseInt(layout.split(" ")[1]));
    } else {
      // memory: the go/rust 64-bit layout
      assertThat(name).isEqualTo("memory");
      assertThat(p.sizeBits()).isEqualTo(64);
    }
    assertThat(p.isPath()).isEqualTo(name.equals("unix"));
    assertThat(p.protocolName()).isEqualTo(name.equals("ipfs") ? "p2p" : name);
  }

  @Test
  void everyProtocolIsInTheTable() throws IOException {
    List<String> names = new ArrayList<>();
    rows().forEach(a -> names.add((String) a.get()[0]));
    for (Protocol p : Protocol.values()) {
      assertThat(names).contains(p.protocolName());
    }
    assertThat(Protocol.forName("nope")).isEmpty();
    assertThat(Protocol.forCode(0)).isEmpty();
    assertThat(Protocol.forCode(Long.MAX_VALUE)).isEmpty();
    assertThat(Protocol.forCode(-1)).isEmpty();
  }
}
