package org.peerstore.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.peerstore.conformance.KeySecrets;
import org.peerstore.internal.pb.CryptoProto;

/**
 * Private key material never shows in text: not in {@code toString()}, not in the message,
 * causes or stack trace of any exception thrown while decoding damaged private keys (every
 * single-byte change, truncation and extension of real keys of every type).
 */
class PrivateKeySecrecyTest {

  static Stream<PrivKey> keys() {
    return Stream.of(
        Keys.generate(KeyType.ED25519),
        Keys.generate(KeyType.SECP256K1),
        Keys.generate(KeyType.ECDSA),
        Keys.unmarshalPrivateKey(RsaFixture.PRIV));
  }

  @Test
  void theSecretFormsAreFoundWhenPresent() {
    // The detector itself must work, or every other test here passes vacuously.
    for (PrivKey k : keys().toList()) {
      byte[] secret = KeySecrets.secretParts(k).get(0);
      String leaky = "key=" + java.util.HexFormat.of().formatHex(secret);
      assertThat(KeySecrets.leakIn(leaky, k)).as("%s hex", k.type()).isPresent();
      assertThat(KeySecrets.leakIn(Arrays.toString(secret), k)).as("%s array", k.type())
          .isPresent();
      assertThat(KeySecrets.leakIn(java.util.Base64.getEncoder().encodeToString(secret), k))
          .as("%s base64", k.type()).isPresent();
      assertThat(KeySecrets.leakIn(new java.math.BigInteger(1, secret).toString(), k))
          .as("%s decimal", k.type()).isPresent();
    }
  }

  @ParameterizedTest
  @MethodSource("keys")
  void toStringShowsOnlyTheType(PrivKey k) {
    assertThat(k.toString()).isEqualTo("PrivKey[" + k.type() + "]");
    assertThat(KeySecrets.leakIn(k.toString(), k)).isEmpty();
    assertThat(KeySecrets.leakIn(String.valueOf(Optional.of(k)), k)).isEmpty();
    assertThat(KeySecrets.leakIn(List.of(k).toString(), k)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("keys")
  void hashCodeIsThePublicKeys(PrivKey k) {
    assertThat(k.hashCode()).isEqualTo(k.publicKey().hashCode());
  }

  @ParameterizedTest
  @MethodSource("keys")
  void damagedKeysNeverEchoTheSecretInExceptions(PrivKey k) {
    byte[] m = k.marshal();
    byte[] data = data(m);
    // Large (RSA) keys: every 10th position, still covering each DER field and length.
    int stride = m.length > 200 ? 10 : 1;
    List<Throwable> thrown = new ArrayList<>();
    for (byte[] variant : variants(m, stride)) {
      decode(() -> Keys.unmarshalPrivateKey(variant), thrown);
    }
    for (byte[] variant : variants(data, stride)) {
      decode(() -> Keys.unmarshalPrivateKey(k.type(), variant), thrown);
    }
    assertThat(thrown).as("damaged keys must be rejected").hasSizeGreaterThan(m.length / stride);
    Set<String> forms = KeySecrets.forms(k);
    for (Throwable t : thrown) {
      String text = KeySecrets.fullText(t);
      assertThat(KeySecrets.leakIn(text, forms)).as("secret in %s", t).isEmpty();
    }
  }

  private static void decode(Runnable r, List<Throwable> thrown) {
    try {
      r.run();
    } catch (RuntimeException e) {
      thrown.add(e);
    }
  }

  private static byte[] data(byte[] marshalled) {
    try {
      return CryptoProto.PrivateKey.parseFrom(marshalled).getData().toByteArray();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * One-byte changes (three kinds) and truncations at every {@code stride}-th position (and the
   * first 16 of each), and two extensions.
   */
  private static List<byte[]> variants(byte[] b, int stride) {
    List<byte[]> out = new ArrayList<>();
    Random random = new Random(b.length);
    for (int i = 0; i < b.length; i += i < 16 ? 1 : stride) {
      for (int delta : new int[] {1, 0x80, 1 + random.nextInt(254)}) {
        byte[] v = b.clone();
        v[i] ^= (byte) delta;
        out.add(v);
      }
    }
    for (int len = 0; len < b.length; len += len < 16 ? 1 : stride) {
      out.add(Arrays.copyOf(b, len));
    }
    out.add(Arrays.copyOf(b, b.length + 1));
    byte[] doubled = Arrays.copyOf(b, b.length * 2);
    System.arraycopy(b, 0, doubled, b.length, b.length);
    out.add(doubled);
    return out;
  }
}
