package org.peerstore.internal.codec;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Base16, Base32, Base36, Base58 and Base64 against RFC 4648 §10 and well-known vectors. */
class BasesTest {

  @ParameterizedTest(name = "base32 \"{0}\" -> {1}")
  @CsvSource({
    "'', ''",
    "f, MY======",
    "fo, MZXQ====",
    "foo, MZXW6===",
    "foob, MZXW6YQ=",
    "fooba, MZXW6YTB",
    "foobar, MZXW6YTBOI======"
  })
  void base32Rfc4648Vectors(String plain, String encoded) throws CodecException {
    byte[] data = plain.getBytes(US_ASCII);
    assertThat(Base32.STANDARD.encode(data, true, true)).isEqualTo(encoded);
    assertThat(Base32.STANDARD.encode(data, false, false))
        .isEqualTo(encoded.toLowerCase().replace("=", ""));
    assertThat(Base32.STANDARD.decode(encoded, true, true)).isEqualTo(data);
    assertThat(Base32.STANDARD.decode(encoded.toLowerCase(), true, false)).isEqualTo(data);
    assertThat(Base32.STANDARD.decode(encoded.replace("=", ""), false, true)).isEqualTo(data);
  }

  @ParameterizedTest(name = "base32hex \"{0}\" -> {1}")
  @CsvSource({
    "'', ''",
    "f, CO======",
    "fo, CPNG====",
    "foo, CPNMU===",
    "foob, CPNMUOG=",
    "fooba, CPNMUOJ1",
    "foobar, CPNMUOJ1E8======"
  })
  void base32HexRfc4648Vectors(String plain, String encoded) throws CodecException {
    byte[] data = plain.getBytes(US_ASCII);
    assertThat(Base32.HEX.encode(data, true, true)).isEqualTo(encoded);
    assertThat(Base32.HEX.decode(encoded, true, true)).isEqualTo(data);
  }

  @ParameterizedTest(name = "base64 \"{0}\" -> {1}")
  @CsvSource({
    "'', ''",
    "f, Zg==",
    "fo, Zm8=",
    "foo, Zm9v",
    "foob, Zm9vYg==",
    "fooba, Zm9vYmE=",
    "foobar, Zm9vYmFy"
  })
  void base64Rfc4648Vectors(String plain, String encoded) throws CodecException {
    byte[] data = plain.getBytes(US_ASCII);
    assertThat(Base64.STANDARD.encode(data, true)).isEqualTo(encoded);
    assertThat(Base64.STANDARD.decode(encoded, true)).isEqualTo(data);
    assertThat(Base64.STANDARD.encode(data, false)).isEqualTo(encoded.replace("=", ""));
    assertThat(Base64.STANDARD.decode(encoded.replace("=", ""), false)).isEqualTo(data);
  }

  @Test
  void base64AlphabetsDifferOnlyInTheLastTwoCharacters() throws CodecException {
    byte[] data = Base16.decode("fbff");
    assertThat(Base64.STANDARD.encode(data, true)).isEqualTo("+/8=");
    assertThat(Base64.URL.encode(data, true)).isEqualTo("-_8=");
    assertThat(Base64.I2P.encode(data, true)).isEqualTo("-~8=");
    assertThat(Base64.I2P.decode("-~8=", true)).isEqualTo(data);
    assertThatThrownBy(() -> Base64.URL.decode("+/8=", true))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("'+' at index 0");
  }

  @Test
  void base32IgnoresLeftoverBitsLikeGo() throws CodecException {
    // "my" carries 10 bits: 8 make the byte 'f', 2 (here non-zero) are ignored.
    assertThat(Base32.STANDARD.decode("mz", false, false)).containsExactly('f');
    assertThat(Base32.STANDARD.decode("my", false, false)).containsExactly('f');
  }

  @ParameterizedTest(name = "base32 padded rejects \"{0}\"")
  @ValueSource(strings = {"MY=====", "M=======", "MYZ=====", "MZXW6Y==", "MY==MY==", "========"})
  void base32RejectsBadPadding(String text) {
    assertThatThrownBy(() -> Base32.STANDARD.decode(text, true, true))
        .isInstanceOf(CodecException.class);
  }

  @ParameterizedTest(name = "base32 unpadded rejects \"{0}\"")
  @ValueSource(strings = {"M", "MZX", "MZXW6Y", "MY======", "my!a", "mé"})
  void base32RejectsBadUnpaddedText(String text) {
    assertThatThrownBy(() -> Base32.STANDARD.decode(text, false, true))
        .isInstanceOf(CodecException.class);
  }

  @Test
  void base32CaseSensitivityIsTheCallersChoice() throws CodecException {
    assertThat(Base32.STANDARD.decode("MZXW6", false, true)).isEqualTo("foo".getBytes(US_ASCII));
    assertThatThrownBy(() -> Base32.STANDARD.decode("MZXW6", false, false))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("'M' at index 0");
  }

  @ParameterizedTest(name = "base64 rejects \"{0}\" (padded={1})")
  @CsvSource({"Zg=, true", "Z===, true", "Zg, true", "Zg==, false", "Z, false", "Zm9vY, false"})
  void base64RejectsBadText(String text, boolean padded) {
    assertThatThrownBy(() -> Base64.STANDARD.decode(text, padded))
        .isInstanceOf(CodecException.class);
  }

  @ParameterizedTest(name = "base58 {0} <-> {1}")
  @CsvSource({
    "'', ''",
    "00, 1",
    "0000, 11",
    "61, 2g",
    "626262, a3gV",
    "636363, aPEr",
    "68656c6c6f20776f726c64, StV1DL6CwTryKyV",
    "000000287fb4cd, 111233QC4",
    "1220d52ebb89d85b02a284948203a62ff28389c57c9f42beec4ec20db76a68911c0b,"
        + " QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC"
  })
  void base58Vectors(String hex, String text) throws CodecException {
    byte[] data = Base16.decode(hex);
    assertThat(Base58.encode(data)).isEqualTo(text);
    assertThat(Base58.decode(text)).isEqualTo(data);
  }

  @ParameterizedTest(name = "base58 rejects \"{0}\"")
  @ValueSource(strings = {"0", "O", "I", "l", "Qm+", "abc\u00e9"})
  void base58RejectsCharactersOutsideTheAlphabet(String text) {
    assertThatThrownBy(() -> Base58.decode(text))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("invalid base58btc character");
  }

  @Test
  void base36KeepsLeadingZerosAndIgnoresCase() throws CodecException {
    byte[] data = Base16.decode("0000796573206d616e692021");
    assertThat(Base36.encode(data)).isEqualTo("002lcpzo5yikidynfl");
    assertThat(Base36.decode("002LCPZO5YIKIDYNFL")).isEqualTo(data);
    assertThatThrownBy(() -> Base36.decode("2lcp-"))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("'-' at index 4");
  }

  @Test
  void base16AcceptsEitherCase() throws CodecException {
    assertThat(Base16.encode(new byte[] {0x0a, (byte) 0xbc})).isEqualTo("0abc");
    assertThat(Base16.decode("0ABc")).containsExactly(0x0a, 0xbc - 256);
    assertThatThrownBy(() -> Base16.decode("abc")).hasMessageContaining("odd length");
    assertThatThrownBy(() -> Base16.decode("zz")).hasMessageContaining("'z' at index 0");
  }
}
