package org.peerstore.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Round trips and "only CodecException" for every codec. */
class CodecProperties {

  @Property
  void varintRoundTrips(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long value)
      throws CodecException {
    byte[] bytes = Varint.encode(value);
    assertThat(bytes).hasSize(Varint.encodedLength(value));
    assertThat(Varint.decode(bytes, 0)).isEqualTo(value);
  }

  @Property
  void varintDecodingOfRandomBytesOnlyThrowsCodecException(
      @ForAll @Size(max = 12) byte[] bytes) {
    Throwable t = catchThrowable(() -> {
      long v = Varint.decode(bytes, 0);
      // whatever decodes must be the minimal encoding of its value
      assertThat(Varint.encode(v))
          .isEqualTo(java.util.Arrays.copyOf(bytes, Varint.encodedLength(v)));
    });
    assertThat(t).satisfiesAnyOf(
        x -> assertThat(x).isNull(), x -> assertThat(x).isInstanceOf(CodecException.class));
  }

  @Property
  void basesRoundTrip(@ForAll @Size(max = 80) byte[] data) throws CodecException {
    assertThat(Base16.decode(Base16.encode(data))).isEqualTo(data);
    assertThat(Base58.decode(Base58.encode(data))).isEqualTo(data);
    assertThat(Base36.decode(Base36.encode(data))).isEqualTo(data);
    for (Base32 b : new Base32[] {Base32.STANDARD, Base32.HEX, Base32.Z}) {
      assertThat(b.decode(b.encode(data, false, false), false, false)).isEqualTo(data);
      assertThat(b.decode(b.encode(data, false, true), true, false)).isEqualTo(data);
    }
    assertThat(Base32.STANDARD.decode(Base32.STANDARD.encode(data, true, true), true, true))
        .isEqualTo(data);
    for (Base64 b : new Base64[] {Base64.STANDARD, Base64.URL, Base64.I2P}) {
      assertThat(b.decode(b.encode(data, false), false)).isEqualTo(data);
      assertThat(b.decode(b.encode(data, true), true)).isEqualTo(data);
    }
    assertThat(Multibase.decode(Multibase.encodeBase32(data))).isEqualTo(data);
    assertThat(Multibase.decode(Multibase.encodeBase64Url(data))).isEqualTo(data);
  }

  @Property
  void decodersOfRandomTextOnlyThrowCodecException(@ForAll @Size(max = 60) String text) {
    assertOnlyCodecException(() -> Multibase.decode(text));
    assertOnlyCodecException(() -> Base58.decode(text));
    assertOnlyCodecException(() -> Base16.decode(text));
    assertOnlyCodecException(() -> Base32.STANDARD.decode(text, true, false));
    assertOnlyCodecException(() -> Base64.I2P.decode(text, true));
    assertOnlyCodecException(() -> PeerIdCodec.parseText(text));
  }

  @Property
  void decodersOfRandomAlphabetTextOnlyThrowCodecException(
      @ForAll("multibaseLike") String text) {
    assertOnlyCodecException(() -> Multibase.decode(text));
    assertOnlyCodecException(() -> PeerIdCodec.parseText(text));
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> multibaseLike() {
    return net.jqwik.api.Arbitraries.strings()
        .withChars("fFbBcCvVtThkKzmMuUQ1=-_+/")
        .alpha()
        .numeric()
        .ofMaxLength(80);
  }

  @Property
  void multihashValidationOfRandomBytesOnlyThrowsCodecException(
      @ForAll @Size(max = 40) byte[] bytes) {
    assertOnlyCodecException(() -> Multihash.decode(bytes));
    assertOnlyCodecException(() -> PeerIdCodec.validate(bytes, 0, bytes.length));
  }

  private interface Call {
    void run() throws Exception;
  }

  private static void assertOnlyCodecException(Call call) {
    Throwable t = catchThrowable(call::run);
    if (t != null) {
      assertThat(t).isInstanceOf(CodecException.class);
    }
  }
}
