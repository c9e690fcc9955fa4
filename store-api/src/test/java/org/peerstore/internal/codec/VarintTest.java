package org.peerstore.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VarintTest {

  /** Examples from the unsigned-varint README (docs/WIRE.md §1), plus the extremes. */
  @ParameterizedTest(name = "{0} <-> {1}")
  @CsvSource({
    "0, 00",
    "1, 01",
    "127, 7f",
    "128, 8001",
    "255, ff01",
    "300, ac02",
    "16384, 808001",
    "421, a503",
    "7367777, e1d8c103",
    "9223372036854775807, ffffffffffffffff7f"
  })
  void encodesAndDecodesSpecExamples(long value, String hex) throws CodecException {
    byte[] bytes = Base16.decode(hex);
    assertThat(Varint.encode(value)).isEqualTo(bytes);
    assertThat(Varint.encodedLength(value)).isEqualTo(bytes.length);
    assertThat(Varint.decode(bytes, 0)).isEqualTo(value);
  }

  @Test
  void decodesAtAnOffsetWithinALimit() throws CodecException {
    byte[] bytes = Base16.decode("ffac02ff");
    assertThat(Varint.decode(bytes, 1, 3)).isEqualTo(300);
  }

  @Test
  void writesIntoArraysAndStreams() {
    byte[] dst = new byte[4];
    assertThat(Varint.write(300, dst, 1)).isEqualTo(3);
    assertThat(dst).containsExactly(0, 0xac - 256, 0x02, 0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Varint.write(16384, out);
    assertThat(out.toByteArray()).containsExactly(0x80 - 256, 0x80 - 256, 0x01);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"8100", "ff00", "808000", "8080808000"})
  void rejectsNonMinimalEncodings(String hex) throws CodecException {
    byte[] bytes = Base16.decode(hex);
    assertThatThrownBy(() -> Varint.decode(bytes, 0))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("not minimally encoded");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"ffffffffffffffffff01", "808080808080808080", "ffffffffffffffff80"})
  void rejectsMoreThanNineBytes(String hex) throws CodecException {
    byte[] bytes = Base16.decode(hex);
    assertThatThrownBy(() -> Varint.decode(bytes, 0))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("longer than 9 bytes");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"", "80", "ff", "8080"})
  void rejectsTruncatedVarints(String hex) throws CodecException {
    byte[] bytes = Base16.decode(hex);
    assertThatThrownBy(() -> Varint.decode(bytes, 0))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void theLimitCutsAVarintShort() throws CodecException {
    byte[] bytes = Base16.decode("ac02");
    assertThatThrownBy(() -> Varint.decode(bytes, 0, 1))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void negativeValuesAreAProgrammingError() {
    assertThatThrownBy(() -> Varint.encode(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Varint.encodedLength(Long.MIN_VALUE))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
