package org.peerstore.internal.codec;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultibaseTest {

  private static final byte[] YES_MANI = "yes mani !".getBytes(US_ASCII);

  /** The multibase spec's "yes mani !" vectors, in every supported base and case. */
  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "f796573206d616e692021",
        "F796573206D616E692021",
        "bpfsxgidnmfxgsibb",
        "BPFSXGIDNMFXGSIBB",
        "cpfsxgidnmfxgsibb",
        "CPFSXGIDNMFXGSIBB",
        "vf5in683dc5n6i811",
        "VF5IN683DC5N6I811",
        "tf5in683dc5n6i811",
        "TF5IN683DC5N6I811",
        "hxf1zgedpcfzg1ebb",
        "k2lcpzo5yikidynfl",
        "K2LCPZO5YIKIDYNFL",
        "z7paNL19xttacUY",
        "meWVzIG1hbmkgIQ",
        "MeWVzIG1hbmkgIQ==",
        "ueWVzIG1hbmkgIQ",
        "UeWVzIG1hbmkgIQ=="
      })
  void decodesEverySupportedBase(String text) throws CodecException {
    assertThat(Multibase.decode(text)).isEqualTo(YES_MANI);
  }

  @Test
  void paddedBasesNeedPaddingWhenTheLengthCallsForIt() throws CodecException {
    byte[] foo = "f".getBytes(US_ASCII);
    assertThat(Multibase.decode("cmy======")).isEqualTo(foo);
    assertThat(Multibase.decode("bmy")).isEqualTo(foo);
    assertThat(Multibase.decode("MZg==")).isEqualTo(foo);
    assertThatThrownBy(() -> Multibase.decode("cmy")).isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> Multibase.decode("MZg")).isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> Multibase.decode("mZg==")).isInstanceOf(CodecException.class);
  }

  @Test
  void encodesBase32AndBase64Url() {
    assertThat(Multibase.encodeBase32(YES_MANI)).isEqualTo("bpfsxgidnmfxgsibb");
    assertThat(Multibase.encodeBase64Url(YES_MANI)).isEqualTo("ueWVzIG1hbmkgIQ");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", "Zabc", "0101", "9123", "7123", "\u0000abc", "xyz", "\ud83d\ude80a"})
  void rejectsUnsupportedPrefixes(String text) {
    assertThatThrownBy(() -> Multibase.decode(text))
        .isInstanceOf(CodecException.class)
        .hasMessageMatching("(unsupported multibase prefix|empty multibase).*");
  }

  @Test
  void rejectsBodiesInvalidForTheirBase() {
    assertThatThrownBy(() -> Multibase.decode("fabc")).hasMessageContaining("odd length");
    assertThatThrownBy(() -> Multibase.decode("z0OIl")).hasMessageContaining("base58btc");
    assertThatThrownBy(() -> Multibase.decode("hXF1")).hasMessageContaining("base32z");
  }
}
