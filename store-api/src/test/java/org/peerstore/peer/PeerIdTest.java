package org.peerstore.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerstore.InvalidPeerIdException;
import org.peerstore.crypto.KeyType;
import org.peerstore.crypto.Keys;
import org.peerstore.crypto.PubKey;

class PeerIdTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final String QM = "QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC";
  private static final String QM_HEX =
      "1220d52ebb89d85b02a284948203a62ff28389c57c9f42beec4ec20db76a68911c0b";

  @Test
  void isImmutable() {
    byte[] input = HEX.parseHex(QM_HEX);
    PeerId id = PeerId.fromBytes(input);
    input[5] ^= 1;
    byte[] out = id.toBytes();
    out[6] ^= 1;
    assertThat(id.toString()).isEqualTo(QM);
    assertThat(id.toBytes()).isEqualTo(HEX.parseHex(QM_HEX));
    assertThat(id.toString()).isSameAs(id.toString());
  }

  @Test
  void isEqualOnBytes() {
    PeerId a = PeerId.fromString(QM);
    PeerId b = PeerId.fromBytes(HEX.parseHex(QM_HEX));
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(QM);
    assertThat(a.compareTo(b)).isZero();
  }

  @Test
  void ordersByUnsignedBytes() {
    PeerId identity = PeerId.fromBytes(HEX.parseHex("0001ff"));
    PeerId identityLow = PeerId.fromBytes(HEX.parseHex("00017f"));
    PeerId shorter = PeerId.fromBytes(HEX.parseHex("0000"));
    PeerId sha = PeerId.fromString(QM);
    List<PeerId> ids = new ArrayList<>(List.of(sha, identity, shorter, identityLow));
    Collections.sort(ids);
    assertThat(ids).containsExactly(shorter, identityLow, identity, sha);
    assertThat(identity.compareTo(identityLow)).isPositive();
    assertThat(identityLow.compareTo(identity)).isNegative();
  }

  @Test
  void nullArgumentsThrowNullPointerException() {
    assertThatThrownBy(() -> PeerId.fromBytes(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> PeerId.fromString(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> PeerId.fromPublicKey(null)).isInstanceOf(NullPointerException.class);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "'', too short",
    "00, too short",
    "1220, declares 32 digest bytes, 0 present",
    "12200000, declares 32 digest bytes, 2 present",
    "121f00000000000000000000000000000000000000000000000000000000000000, 32-byte digest",
    "11020000, neither identity",
    "00030000, declares 3 digest bytes, 2 present",
    "0001000000, declares 1 digest bytes, 3 present",
    "80000000, not minimally encoded"
  })
  void rejectsBytesThatAreNotAnAcceptedMultihash(String hex, String message) {
    byte[] bytes = HEX.parseHex(hex);
    assertThatThrownBy(() -> PeerId.fromBytes(bytes))
        .isInstanceOf(InvalidPeerIdException.class)
        .hasMessageContaining(message);
  }

  @Test
  void inlinesAtMost42Bytes() {
    byte[] id42 = new byte[44];
    id42[1] = 42;
    assertThat(PeerId.fromBytes(id42).toBytes()).hasSize(44);
    byte[] id43 = new byte[45];
    id43[1] = 43;
    assertThatThrownBy(() -> PeerId.fromBytes(id43))
        .isInstanceOf(InvalidPeerIdException.class)
        .hasMessageContaining("at most 42");
  }

  /** go's cid.Decode accepts any multibase; so do we. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        QM,
        "bafzbeigvf25ytwc3akrijfecaotc74udrhcxzh2cx3we5qqnw5vgrei4bm",
        "BAFZBEIGVF25YTWC3AKRIJFECAOTC74UDRHCXZH2CX3WE5QQNW5VGREI4BM",
        "k2k4r8oqamigqdo6o7hsbfwd45y70oyynp98usk7zmyfrzpqxh1pohl7",
        "f01721220d52ebb89d85b02a284948203a62ff28389c57c9f42beec4ec20db76a68911c0b",
        "mAXISINUuu4nYWwKihJSCA6Yv8oOJxXyfQr7sTsINt2pokRwL",
        "cafzbeigvf25ytwc3akrijfecaotc74udrhcxzh2cx3we5qqnw5vgrei4bm======"
      })
  void parsesEveryTextForm(String text) {
    assertThat(PeerId.fromString(text).toBytes()).isEqualTo(HEX.parseHex(QM_HEX));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "",
        "Q",
        "1",
        "Qm",
        "QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNK0",
        "bafzbeigvf25ytwc3akrijfecaotc74udrhcxzh2cx3we5qqnw5vgrei4b",
        "zQmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC",
        "/p2p/QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC",
        "\ud83d\ude80"
      })
  void rejectsTextThatIsNotAPeerId(String text) {
    assertThatThrownBy(() -> PeerId.fromString(text)).isInstanceOf(InvalidPeerIdException.class);
  }

  @Test
  void rejectsACidV0BehindAMultibasePrefix() {
    // the sha2-256 multihash alone, base32: go-cid reads it as a CIDv0 (dag-pb)
    assertThatThrownBy(
            () -> PeerId.fromString("bciqnklv3rhmfwavcqskiea5gf7zihcofpspufpxmj3ba3n3kncirycy"))
        .isInstanceOf(InvalidPeerIdException.class)
        .hasMessageContaining("CIDv0");
  }

  @Test
  void derivesInlineAndHashedIdsFromKeys() {
    PubKey ed = Keys.generate(KeyType.ED25519).publicKey();
    PeerId edId = PeerId.fromPublicKey(ed);
    assertThat(edId.toString()).startsWith("12D3KooW");
    assertThat(edId.toCid()).startsWith("bafzaajaiaejc");
    assertThat(edId.extractPublicKey()).contains(ed);
    assertThat(edId.matchesPublicKey(ed)).isTrue();

    PubKey secp = Keys.generate(KeyType.SECP256K1).publicKey();
    assertThat(PeerId.fromPublicKey(secp).toString()).startsWith("16Uiu2HA");

    PubKey ecdsa = Keys.generate(KeyType.ECDSA).publicKey();
    PeerId ecdsaId = PeerId.fromPublicKey(ecdsa);
    assertThat(ecdsaId.toString()).startsWith("Qm");
    assertThat(ecdsaId.toCid()).startsWith("bafzbei");
    assertThat(ecdsaId.extractPublicKey()).isEmpty();
    assertThat(ecdsaId.matchesPublicKey(ecdsa)).isTrue();
    assertThat(ecdsaId.matchesPublicKey(ed)).isFalse();
    assertThat(edId.matchesPublicKey(ecdsa)).isFalse();
  }

  @Test
  void anInlinedBlobThatIsNoKeyExtractsNothing() {
    assertThat(PeerId.fromBytes(HEX.parseHex("0000")).extractPublicKey()).isEmpty();
    assertThat(PeerId.fromBytes(HEX.parseHex("000408011200")).extractPublicKey()).isEmpty();
  }
}
