package org.peerstore.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PeerIdCodecTest {

  private static final String SHA256_ID =
      "1220d52ebb89d85b02a284948203a62ff28389c57c9f42beec4ec20db76a68911c0b";

  @Test
  void acceptsIdentityUpTo42BytesAndSha256Of32() throws CodecException {
    PeerIdCodec.validate(Base16.decode(SHA256_ID), 0, 34);
    byte[] inline42 = Multihash.identity(new byte[42]);
    PeerIdCodec.validate(inline42, 0, inline42.length);
    byte[] inline43 = Multihash.identity(new byte[43]);
    assertThatThrownBy(() -> PeerIdCodec.validate(inline43, 0, inline43.length))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("43 bytes, at most 42");
    byte[] sha256Of31 = Multihash.encode(Multihash.SHA2_256, new byte[31]);
    assertThatThrownBy(() -> PeerIdCodec.validate(sha256Of31, 0, sha256Of31.length))
        .hasMessageContaining("32-byte digest, has 31");
    byte[] sha1 = Multihash.encode(0x11, new byte[20]);
    assertThatThrownBy(() -> PeerIdCodec.validate(sha1, 0, sha1.length))
        .hasMessageContaining("code 0x11 is neither identity");
  }

  @Test
  void parsesBase58AndCidText() throws CodecException {
    byte[] expected = Base16.decode(SHA256_ID);
    assertThat(PeerIdCodec.parseText("QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC"))
        .isEqualTo(expected);
    assertThat(PeerIdCodec.parseText("bafzbeigvf25ytwc3akrijfecaotc74udrhcxzh2cx3we5qqnw5vgrei4bm"))
        .isEqualTo(expected);
    assertThat(PeerIdCodec.parseText("k2k4r8oqamigqdo6o7hsbfwd45y70oyynp98usk7zmyfrzpqxh1pohl7"))
        .isEqualTo(expected);
    assertThat(PeerIdCodec.toCid(expected))
        .isEqualTo("bafzbeigvf25ytwc3akrijfecaotc74udrhcxzh2cx3we5qqnw5vgrei4bm");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource({
    // CIDv1 raw (0x55)
    "bafkreifoybygix7fh3r3g5rqle3wcnhqldgdg4shzf4k3ulyw3gn7mabt4, codec 0x55 is not libp2p-key",
    // CIDv0 bytes behind a multibase prefix
    "f1220d52ebb89d85b02a284948203a62ff28389c57c9f42beec4ec20db76a68911c0b, CIDv0",
    "f0272, CID version 2 is not 1",
    "f017200, multihash too short",
    "f8100, not minimally encoded",
    "QmcgpsyWgH8Y8ajJz1Cu72, declares 12520 digest bytes, 12 present",
    "tcp, base32hex"
  })
  void rejectsTextThatIsNotAPeerId(String text, String message) {
    assertThatThrownBy(() -> PeerIdCodec.parseText(text))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining(message);
  }

  @Test
  void rejectsOverlongText() {
    String text = "1" + "2".repeat(PeerIdCodec.MAX_TEXT_LENGTH);
    assertThatThrownBy(() -> PeerIdCodec.parseText(text)).hasMessageContaining("characters");
  }
}
