package org.peerstore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peerstore.LimitExceededException;
import org.peerstore.multiaddr.Multiaddr;

class InputLimitsTest {

  private static final InputLimits SMALL = new InputLimits(100, 2, 8, 4, 3, 5);

  @Test
  void defaultsAreTheDocumentedValues() {
    assertThat(InputLimits.DEFAULTS).isEqualTo(new InputLimits(8192, 64, 1024, 1024, 256, 65536));
  }

  @Test
  void everyBoundMustBePositive() {
    for (int i = 0; i < 6; i++) {
      int[] v = {1, 1, 1, 1, 1, 1};
      v[i] = 0;
      assertThatThrownBy(() -> new InputLimits(v[0], v[1], v[2], v[3], v[4], v[5]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("must be positive");
    }
  }

  @Test
  void utf8LengthMatchesTheEncoder() {
    for (String s : List.of("", "a", "é", "€", "\uD83D\uDE00", "a\uD83D\uDE00é€z")) {
      byte[] encoded = s.getBytes(StandardCharsets.UTF_8);
      assertThat(InputLimits.utf8Length(s)).as("utf8Length(%s)", s).isEqualTo(encoded.length);
    }
  }

  @Test
  void unpairedSurrogatesCountAsThreeBytes() {
    assertThat(InputLimits.utf8Length("\uD800")).isEqualTo(3);
    assertThat(InputLimits.utf8Length("\uDC00x")).isEqualTo(4);
    assertThat(InputLimits.utf8Length("x\uD800")).isEqualTo(4);
    assertThat(InputLimits.utf8Length("\uD800\uD800\uDC00")).isEqualTo(7);
  }

  @Test
  void addressesAreCheckedByBinaryLength() {
    Multiaddr seven = Multiaddr.fromString("/ip4/1.2.3.4/tcp/1"); // 5 + 3 = 8 bytes
    assertThat(seven.byteLength()).isEqualTo(8);
    assertThatNoException().isThrownBy(() -> SMALL.checkAddrs(List.of(seven)));
    Multiaddr nine = Multiaddr.fromString("/ip4/1.2.3.4/tcp/1/tcp/2");
    assertThatThrownBy(() -> SMALL.checkAddrs(List.of(seven, nine)))
        .isInstanceOf(LimitExceededException.class)
        .hasMessage("multiaddr of 11 bytes exceeds maxMultiaddrBytes (8)");
    assertThatThrownBy(() -> SMALL.checkAddrs(Arrays.asList(seven, null)))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void protocolsSkipNullsAndCountBytes() {
    assertThatNoException().isThrownBy(() -> SMALL.checkProtocols(Arrays.asList("abcd", null)));
    assertThatThrownBy(() -> SMALL.checkProtocols(List.of("ééé")))
        .isInstanceOf(LimitExceededException.class)
        .hasMessage("protocol of 6 bytes exceeds maxProtocolBytes (4)");
  }

  @Test
  void metadataKeyAndValue() {
    assertThatNoException().isThrownBy(() -> SMALL.checkMetadataKey("abc"));
    assertThatThrownBy(() -> SMALL.checkMetadataKey("abcd"))
        .isInstanceOf(LimitExceededException.class)
        .hasMessage("metadata key of 4 bytes exceeds maxMetadataKeyBytes (3)");
    assertThatNoException().isThrownBy(() -> SMALL.checkMetadataValue(new byte[5]));
    assertThatThrownBy(() -> SMALL.checkMetadataValue(new byte[6]))
        .isInstanceOf(LimitExceededException.class)
        .hasMessage("metadata value of 6 bytes exceeds maxMetadataValueBytes (5)");
  }
}
