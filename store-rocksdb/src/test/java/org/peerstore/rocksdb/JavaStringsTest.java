package org.peerstore.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JavaStringsTest {

  @Test
  void roundTripsEveryKindOfString() throws Exception {
    List<String> samples =
        List.of("", "agent", "/ipfs/id/1.0.0", "nul\0inside", "é", "日本", "emoji 😀",
            "lone \ud800 high", "lone \udc00 low", "reversed \udc00\ud800");
    for (String s : samples) {
      assertThat(JavaStrings.decode(JavaStrings.encode(s), 0)).isEqualTo(s);
    }
  }

  @Test
  void randomCodeUnitsRoundTrip() throws Exception {
    Random random = new Random(42);
    for (int i = 0; i < 2000; i++) {
      char[] cs = new char[random.nextInt(12)];
      for (int j = 0; j < cs.length; j++) {
        cs[j] = (char) random.nextInt(0x10000);
      }
      String s = new String(cs);
      assertThat(JavaStrings.decode(JavaStrings.encode(s), 0)).isEqualTo(s);
    }
  }

  @Test
  void isDataOutputWriteUtfWithoutItsLengthPrefix() throws Exception {
    String s = "a\0é日\ud83d\ude00\ud800";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new DataOutputStream(bytes).writeUTF(s);
    byte[] expected = Arrays.copyOfRange(bytes.toByteArray(), 2, bytes.size());
    assertThat(JavaStrings.encode(s)).isEqualTo(expected);
  }

  @Test
  void plainUtf8ForAsciiSoKeysStayReadable() {
    assertThat(JavaStrings.encode("AgentVersion")).isEqualTo("AgentVersion".getBytes());
  }

  @Test
  void decodesFromAnOffset() throws Exception {
    assertThat(JavaStrings.decode(new byte[] {9, 9, 'o', 'k'}, 2)).isEqualTo("ok");
  }

  @Test
  void rejectsBytesItNeverWrites() {
    byte[][] bad = {
      {0}, // raw NUL
      {(byte) 0x80}, // lone continuation
      {(byte) 0xc3}, // truncated 2-byte form
      {(byte) 0xe6, (byte) 0x97}, // truncated 3-byte form
      {(byte) 0xc1, (byte) 0x81}, // overlong 'A'
      {(byte) 0xe0, (byte) 0x81, (byte) 0x81}, // overlong 3-byte form
      {(byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80}, // 4-byte UTF-8
    };
    for (byte[] b : bad) {
      assertThatThrownBy(() -> JavaStrings.decode(b, 0))
          .as(Arrays.toString(b))
          .isInstanceOf(CorruptValueException.class)
          .hasMessageContaining("malformed");
    }
  }
}
