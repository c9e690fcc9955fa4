package org.peerstore.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.peerstore.InvalidKeyDataException;

/** Decoders fed hostile bytes only ever throw {@link InvalidKeyDataException}. */
class KeysProperties {
  private static final HexFormat HEX = HexFormat.of();

  /** Canonical public and private key protobufs of every type (spec keys + go RSA fixture). */
  private static final List<byte[]> VALID = List.of(
      HEX.parseHex(KeysTest.ED_PUB), HEX.parseHex(KeysTest.ED_PRIV),
      HEX.parseHex(KeysTest.K1_PUB), HEX.parseHex(KeysTest.K1_PRIV),
      HEX.parseHex(KeysTest.EC_PUB), HEX.parseHex(KeysTest.EC_PRIV),
      RsaFixture.PUB, RsaFixture.PRIV);

  @Property(tries = 2000)
  void randomBytesOnlyThrowInvalidKeyData(@ForAll @Size(max = 200) byte[] bytes) {
    assertOnlyInvalidKeyData(bytes);
  }

  @Property(tries = 2000)
  void randomKeyDataUnderAValidHeaderOnlyThrowsInvalidKeyData(
      @ForAll @IntRange(min = 0, max = 5) int type, @ForAll("keyData") byte[] data) {
    assertOnlyInvalidKeyData(KeysTest.proto(type, data));
  }

  @Provide
  Arbitrary<byte[]> keyData() {
    // Lengths around the valid ones (32, 33, 64, 65, 91, 96, 121) and a few longer.
    return Arbitraries.bytes().array(byte[].class)
        .ofMinSize(0).ofMaxSize(130)
        .edgeCases(c -> c.includeOnly(new byte[32], new byte[33], new byte[64], new byte[65]));
  }

  @Property(tries = 3000)
  void singleByteMutationOfValidKeysIsRejectedOrCanonical(
      @ForAll("validIndex") int which, @ForAll @IntRange(min = 0, max = 10_000) int position,
      @ForAll @IntRange(min = 1, max = 255) int xor) {
    byte[] bytes = VALID.get(which).clone();
    bytes[position % bytes.length] ^= (byte) xor;
    boolean isPublic = which % 2 == 0;
    Throwable t = catchThrowable(() -> {
      byte[] again = isPublic
          ? Keys.unmarshalPublicKey(bytes).marshal()
          : Keys.unmarshalPrivateKey(bytes).marshal();
      // Anything accepted must be canonical: it re-marshals to exactly the input.
      assertThat(again).isEqualTo(bytes);
    });
    assertThat(t).satisfiesAnyOf(
        x -> assertThat(x).isNull(),
        x -> assertThat(x).isInstanceOf(InvalidKeyDataException.class).hasMessageNotContaining("null"));
  }

  @Provide
  Arbitrary<Integer> validIndex() {
    return Arbitraries.integers().between(0, VALID.size() - 1);
  }

  @Property(tries = 1000)
  void verifyNeverThrowsOnRandomSignatures(
      @ForAll("validIndex") int which, @ForAll @Size(max = 300) byte[] data,
      @ForAll @Size(max = 300) byte[] signature) {
    PubKey pk = Keys.unmarshalPublicKey(VALID.get(which & ~1));
    assertThat(pk.verify(data, signature)).isFalse();
  }

  private static void assertOnlyInvalidKeyData(byte[] bytes) {
    Throwable pub = catchThrowable(() -> Keys.unmarshalPublicKey(bytes));
    Throwable priv = catchThrowable(() -> Keys.unmarshalPrivateKey(bytes));
    for (Throwable t : new Throwable[] {pub, priv}) {
      if (t != null) {
        assertThat(t).isInstanceOf(InvalidKeyDataException.class);
        assertThat(t.getMessage()).isNotBlank();
      }
    }
  }
}
