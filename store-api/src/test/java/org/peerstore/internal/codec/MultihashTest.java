package org.peerstore.internal.codec;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MultihashTest {

  @Test
  void parsesSha256() throws CodecException {
    byte[] bytes =
        Base16.decode("1220d52ebb89d85b02a284948203a62ff28389c57c9f42beec4ec20db76a68911c0b");
    Multihash mh = Multihash.decode(bytes);
    assertThat(mh.code()).isEqualTo(Multihash.SHA2_256);
    assertThat(mh.digestLength()).isEqualTo(32);
    assertThat(mh.digest()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 2, 34));
    assertThat(mh.toBytes()).isEqualTo(bytes);
    assertThat(mh).isEqualTo(Multihash.decode(bytes.clone())).hasSameHashCodeAs(mh);
  }

  @Test
  void parsesIdentityAndMultiByteCodes() throws CodecException {
    assertThat(Multihash.decode(Base16.decode("0000")).digestLength()).isZero();
    // md5 (0xd5, two-byte varint) as in certhash vectors
    Multihash md5 =
        Multihash.decode(Base16.decode("d501103858f62230ac3c915f300c664312c63f"));
    assertThat(md5.code()).isEqualTo(0xd5);
    assertThat(md5.digestLength()).isEqualTo(16);
  }

  @Test
  void validatesASliceWithoutCopying() throws CodecException {
    byte[] buf = Base16.decode("ff0003616263ff");
    assertThat(Multihash.validate(buf, 1, 5)).isEqualTo(Multihash.IDENTITY);
    assertThat(Multihash.digestLength(buf, 1, 5)).isEqualTo(3);
  }

  @Test
  void buildsIdentityAndSha256() throws CodecException {
    byte[] abc = "abc".getBytes(US_ASCII);
    assertThat(Multihash.identity(abc)).isEqualTo(Base16.decode("0003616263"));
    // SHA-256("abc") from FIPS 180-2
    assertThat(Multihash.sha256(abc))
        .isEqualTo(
            Base16.decode(
                "1220ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "'', too short",
    "12, too short",
    "1221c05877cbae039d70a5e600ea02c6f9f2942439285c9e344e26f8d280c850fad6,"
        + " declares 33 digest bytes, 32 present",
    "122000, declares 32 digest bytes, 1 present",
    "0001ffff, declares 1 digest bytes, 2 present",
    "8000, multihash code: varint is not minimally encoded",
    "008100, multihash digest length: varint is not minimally encoded",
    "0080, multihash digest length: varint is truncated",
    "00ffffffff0f, exceeds 2^31-1"
  })
  void rejectsMalformedMultihashes(String hex, String message) throws CodecException {
    byte[] bytes = Base16.decode(hex);
    assertThatThrownBy(() -> Multihash.decode(bytes))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining(message);
  }
}
