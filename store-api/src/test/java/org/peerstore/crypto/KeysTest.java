package org.peerstore.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.peerstore.InvalidKeyDataException;

class KeysTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] MSG = "Libp2p is the _best_!".getBytes(StandardCharsets.US_ASCII);

  // Spec test keys (docs/WIRE.md §2.3).
  static final String ED_PRIV = "080112407e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d"
      + "1ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e";
  static final String ED_PUB = "080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e";
  static final String K1_PRIV = "0802122053dadf1d5a164d6b4acdb15e24aa4c5b1d3461bdbd42abedb0a4404d56ced8fb";
  static final String K1_PUB = "08021221037777e994e452c21604f91de093ce415f5432f701dd8cd1a7a6fea0e630bfca99";
  static final String EC_PRIV = "08031279307702010104203e5b1fe9712e6c314942a750bd67485de3c1efe85b1bfb520ae"
      + "8f9ae3dfa4a4ca00a06082a8648ce3d030107a14403420004de3d300fa36ae0e8f5d530899d83abab44abf3161f1"
      + "62a4bc901d8e6ecda020e8b6d5f8da30525e71d6851510c098e5c47c646a597fb4dcec034e9f77c409e62";
  static final String EC_PUB = "0803125b3059301306072a8648ce3d020106082a8648ce3d03010703420004de3d300fa36a"
      + "e0e8f5d530899d83abab44abf3161f162a4bc901d8e6ecda020e8b6d5f8da30525e71d6851510c098e5c47c646a5"
      + "97fb4dcec034e9f77c409e62";

  /** {@code 08 <type> 12 <uvarint len> <data>}. */
  static byte[] proto(int type, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x08);
    out.write(type);
    out.write(0x12);
    int n = data.length;
    while (n >= 0x80) {
      out.write((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    out.write(n);
    out.writeBytes(data);
    return out.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static byte[] der(ASN1Encodable v) throws Exception {
    return v.toASN1Primitive().getEncoded(ASN1Encoding.DER);
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void generatedKeysSignVerifyAndRoundTrip(KeyType type) {
    PrivKey sk = Keys.generate(type);
    PubKey pk = sk.publicKey();
    assertThat(sk.type()).isEqualTo(type);
    assertThat(pk.type()).isEqualTo(type);
    byte[] sig = sk.sign(MSG);
    assertThat(pk.verify(MSG, sig)).isTrue();
    assertThat(pk.verify("other".getBytes(StandardCharsets.US_ASCII), sig)).isFalse();
    assertThat(pk.verify(MSG, new byte[0])).isFalse();

    PrivKey sk2 = Keys.unmarshalPrivateKey(sk.marshal());
    assertThat(sk2).isEqualTo(sk).hasSameHashCodeAs(sk);
    assertThat(sk2.marshal()).isEqualTo(sk.marshal());
    PubKey pk2 = Keys.unmarshalPublicKey(pk.marshal());
    assertThat(pk2).isEqualTo(pk).hasSameHashCodeAs(pk);
    assertThat(Keys.unmarshalPublicKey(type, pk.raw())).isEqualTo(pk);
    assertThat(pk.marshal()).isEqualTo(proto(type.number(), pk.raw()));

    assertThat(Keys.generate(type)).isNotEqualTo(sk);
    assertThat(sk).isNotEqualTo(pk);
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void privateKeyToStringShowsNoKeyMaterial(KeyType type) {
    PrivKey sk = Keys.generate(type);
    String s = sk.toString();
    assertThat(s).isEqualTo("PrivKey[" + type + "]");
    byte[] marshalled = sk.marshal();
    String hex = HEX.formatHex(marshalled);
    // No 8-byte window of the private key protobuf appears in hex.
    for (int i = 0; i + 8 <= marshalled.length; i += 8) {
      assertThat(s).doesNotContain(hex.substring(2 * i, 2 * i + 16));
    }
  }

  @Test
  void generatedRsaIs2048Bits() {
    PubKey pk = Keys.generate(KeyType.RSA).publicKey();
    assertThat(pk.toString()).startsWith("PubKey[RSA-2048, sha256:");
    assertThat(pk.marshal()).hasSize(299);
  }

  @Test
  void publicKeyToStringShowsTypeAndKey() {
    PubKey pk = Keys.unmarshalPublicKey(HEX.parseHex(ED_PUB));
    assertThat(pk).hasToString("PubKey[ED25519, " + ED_PUB.substring(8) + "]");
  }

  @Nested
  class ProtobufLayer {
    private final byte[] edRaw = HEX.parseHex(ED_PUB.substring(8));

    @Test
    void extraFieldRejected() {
      byte[] bytes = concat(HEX.parseHex(ED_PUB), new byte[] {0x18, 0x01});
      assertThatThrownBy(() -> Keys.unmarshalPublicKey(bytes))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("extra field");
    }

    @Test
    void fieldsOutOfOrderRejected() {
      byte[] bytes = concat(new byte[] {0x12, 0x20}, edRaw, new byte[] {0x08, 0x01});
      assertThatThrownBy(() -> Keys.unmarshalPublicKey(bytes))
          .isInstanceOf(InvalidKeyDataException.class)
          .hasMessageContaining("not deterministically encoded");
    }

    @Test
    void repeatedFieldRejected() {
      byte[] bytes = concat(new byte[] {0x08, 0x00}, HEX.parseHex(ED_PUB));
      assertThatThrownBy(() -> Keys.unmarshalPublicKey(bytes))
          .isInstanceOf(InvalidKeyDataException.class)
          .hasMessageContaining("not deterministically encoded");
    }

    @Test
    void nonMinimalVarintRejected() {
      byte[] bytes = concat(new byte[] {0x08, (byte) 0x81, 0x00, 0x12, 0x20}, edRaw);
      assertThatThrownBy(() -> Keys.unmarshalPublicKey(bytes))
          .isInstanceOf(InvalidKeyDataException.class)
          .hasMessageContaining("not deterministically encoded");
      byte[] len = concat(new byte[] {0x08, 0x01, 0x12, (byte) 0xa0, 0x00}, edRaw);
      assertThatThrownBy(() -> Keys.unmarshalPublicKey(len))
          .isInstanceOf(InvalidKeyDataException.class)
          .hasMessageContaining("not deterministically encoded");
    }

    @Test
    void missingFieldsRejected() {
      assertThatThrownBy(() -> Keys.unmarshalPublicKey(new byte[0]))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("missing its Type");
      assertThatThrownBy(() -> Keys.unmarshalPublicKey(new byte[] {0x08, 0x01}))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("missing its Data");
      // A key protobuf without its Type field (proto2 required: even RSA = 0 is emitted).
      byte[] withoutType = Arrays.copyOfRange(
          Keys.generate(KeyType.ED25519).publicKey().marshal(), 2, 36);
      assertThatThrownBy(() -> Keys.unmarshalPrivateKey(withoutType))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("missing its Type");
    }

    @Test
    void unknownKeyTypeRejected() {
      assertThatThrownBy(() -> Keys.unmarshalPublicKey(proto(5, edRaw)))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("unknown key type 5");
      assertThatThrownBy(() -> Keys.unmarshalPrivateKey(proto(4, new byte[32])))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("unknown key type 4");
    }

    @Test
    void truncatedRejected() {
      byte[] bytes = Arrays.copyOf(HEX.parseHex(ED_PUB), 20);
      assertThatThrownBy(() -> Keys.unmarshalPublicKey(bytes))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("malformed PublicKey");
    }

    @Test
    void wrongWireTypeRejected() {
      byte[] bytes = concat(new byte[] {0x0a, 0x01, 0x01, 0x12, 0x20}, edRaw);
      assertThatThrownBy(() -> Keys.unmarshalPublicKey(bytes))
          .isInstanceOf(InvalidKeyDataException.class);
    }
  }

  @Nested
  class Ed25519 {
    private final byte[] priv = HEX.parseHex(ED_PRIV.substring(8));

    @Test
    void publicKeyMustBe32Bytes() {
      assertThatThrownBy(() -> Keys.unmarshalPublicKey(KeyType.ED25519, new byte[31]))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("32 bytes, got 31");
      assertThatThrownBy(() -> Keys.unmarshalPublicKey(KeyType.ED25519, new byte[33]))
          .isInstanceOf(InvalidKeyDataException.class);
    }

    @Test
    void privateKeyLengthChecked() {
      for (int len : new int[] {0, 32, 63, 65, 95, 97, 128}) {
        assertThatThrownBy(() -> Keys.unmarshalPrivateKey(KeyType.ED25519, new byte[len]))
            .as("length %d", len)
            .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("got " + len);
      }
    }

    @Test
    void publicHalfMustMatchSeed() {
      byte[] bad = priv.clone();
      bad[40] ^= 1;
      assertThatThrownBy(() -> Keys.unmarshalPrivateKey(KeyType.ED25519, bad))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("seed");
    }

    @Test
    void legacyFormReadOnlyWithEqualCopies() {
      byte[] legacy = concat(priv, Arrays.copyOfRange(priv, 32, 64));
      PrivKey sk = Keys.unmarshalPrivateKey(KeyType.ED25519, legacy);
      assertThat(sk.marshal()).isEqualTo(HEX.parseHex(ED_PRIV));
      legacy[70] ^= 1;
      assertThatThrownBy(() -> Keys.unmarshalPrivateKey(KeyType.ED25519, legacy))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("different");
    }

    @Test
    void invalidPointAcceptedButNeverVerifies() {
      // Like go: any 32 bytes are a "key"; y = 2 is not on the curve.
      byte[] raw = new byte[32];
      raw[0] = 2;
      PubKey pk = Keys.unmarshalPublicKey(KeyType.ED25519, raw);
      assertThat(pk.verify(MSG, new byte[64])).isFalse();
    }

    @Test
    void signatureIsDeterministic() {
      PrivKey sk = Keys.unmarshalPrivateKey(HEX.parseHex(ED_PRIV));
      assertThat(sk.sign(MSG)).isEqualTo(sk.sign(MSG)).hasSize(64);
    }
  }

  @Nested
  class Secp256k1 {
    private final BigInteger n = EcCurves.SECP256K1.getN();
    private final PrivKey sk = Keys.unmarshalPrivateKey(HEX.parseHex(K1_PRIV));
    private final PubKey pk = Keys.unmarshalPublicKey(HEX.parseHex(K1_PUB));

    @Test
    void uncompressedPublicKeyReadAndRemarshalledCompressed() {
      byte[] uncompressed = EcCurves.SECP256K1.getCurve()
          .decodePoint(pk.raw()).getEncoded(false);
      PubKey k = Keys.unmarshalPublicKey(proto(2, uncompressed));
      assertThat(k).isEqualTo(pk);
      assertThat(k.marshal()).isEqualTo(HEX.parseHex(K1_PUB));
    }

    @Test
    void hybridAndBadPointsRejected() {
      byte[] hybrid = EcCurves.SECP256K1.getCurve().decodePoint(pk.raw()).getEncoded(false);
      hybrid[0] = 0x06;
      assertThatThrownBy(() -> Keys.unmarshalPublicKey(KeyType.SECP256K1, hybrid))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("prefix 0x06");
      byte[] offCurve = EcCurves.SECP256K1.getCurve().decodePoint(pk.raw()).getEncoded(false);
      offCurve[64] ^= 1;
      assertThatThrownBy(() -> Keys.unmarshalPublicKey(KeyType.SECP256K1, offCurve))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("not a point");
      byte[] xTooBig = new byte[33];
      xTooBig[0] = 2;
      Arrays.fill(xTooBig, 1, 33, (byte) 0xff);
      assertThatThrownBy(() -> Keys.unmarshalPublicKey(KeyType.SECP256K1, xTooBig))
          .isInstanceOf(InvalidKeyDataException.class);
      assertThatThrownBy(() -> Keys.unmarshalPublicKey(KeyType.SECP256K1, new byte[32]))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("got 32 bytes");
    }

    @Test
    void privateScalarRangeChecked() {
      assertThatThrownBy(() -> Keys.unmarshalPrivateKey(KeyType.SECP256K1, new byte[32]))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("[1, N-1]");
      byte[] order = org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, n);
      assertThatThrownBy(() -> Keys.unmarshalPrivateKey(KeyType.SECP256K1, order))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("[1, N-1]");
      byte[] nMinus1 = org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, n.subtract(BigInteger.ONE));
      assertThat(Keys.unmarshalPrivateKey(KeyType.SECP256K1, nMinus1).marshal())
          .isEqualTo(proto(2, nMinus1));
      assertThatThrownBy(() -> Keys.unmarshalPrivateKey(KeyType.SECP256K1, new byte[33]))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("32 bytes, got 33");
    }

    @Test
    void signingProducesLowSDeterministically() {
      for (int i = 0; i < 200; i++) {
        byte[] msg = ("message " + i).getBytes(StandardCharsets.US_ASCII);
        byte[] sig = sk.sign(msg);
        assertThat(sig).isEqualTo(sk.sign(msg));
        EcdsaSignatures.Rs rs = EcdsaSignatures.parse(sig, n).orElseThrow();
        assertThat(rs.s()).isLessThanOrEqualTo(n.shiftRight(1));
        assertThat(EcdsaSignatures.encode(rs)).isEqualTo(sig);
        assertThat(pk.verify(msg, sig)).isTrue();
      }
    }

    @Test
    void highSFormStillVerifies() {
      byte[] sig = sk.sign(MSG);
      EcdsaSignatures.Rs rs = EcdsaSignatures.parse(sig, n).orElseThrow();
      byte[] high = EcdsaSignatures.encode(new EcdsaSignatures.Rs(rs.r(), n.subtract(rs.s())));
      assertThat(high).isNotEqualTo(sig);
      assertThat(pk.verify(MSG, high)).isTrue();
    }

    @Test
    void outOfRangeAndNonStrictDerRejected() {
      byte[] sig = sk.sign(MSG);
      EcdsaSignatures.Rs rs = EcdsaSignatures.parse(sig, n).orElseThrow();
      assertThat(pk.verify(MSG, EcdsaSignatures.encode(new EcdsaSignatures.Rs(BigInteger.ZERO, rs.s()))))
          .isFalse();
      assertThat(pk.verify(MSG, EcdsaSignatures.encode(new EcdsaSignatures.Rs(rs.r(), n)))).isFalse();
      assertThat(pk.verify(MSG, EcdsaSignatures.encode(new EcdsaSignatures.Rs(rs.r().add(n), rs.s()))))
          .isFalse();
      // Trailing byte, long-form length, superfluous leading zero, negative integer.
      assertThat(pk.verify(MSG, concat(sig, new byte[] {0}))).isFalse();
      byte[] longForm = concat(new byte[] {0x30, (byte) 0x81, sig[1]}, Arrays.copyOfRange(sig, 2, sig.length));
      assertThat(pk.verify(MSG, longForm)).isFalse();
      assertThat(pk.verify(MSG, padR(sig))).isFalse();
      byte[] negative = sig.clone();
      negative[4] = (byte) 0x80; // r's first content byte with the sign bit set
      assertThat(pk.verify(MSG, negative)).isFalse();
      // Compact 64-byte (r || s) form is not DER.
      byte[] compact = concat(org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, rs.r()),
          org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, rs.s()));
      assertThat(pk.verify(MSG, compact)).isFalse();
    }

    /** The signature with r re-encoded with an extra leading zero byte. */
    private byte[] padR(byte[] sig) {
      int rLen = sig[3];
      return concat(new byte[] {0x30, (byte) (sig[1] + 1), 0x02, (byte) (rLen + 1), 0x00},
          Arrays.copyOfRange(sig, 4, sig.length));
    }
  }

  @Nested
  class Ecdsa {
    private final BigInteger n = EcCurves.P256.getN();
    private final PrivKey sk = Keys.unmarshalPrivateKey(HEX.parseHex(EC_PRIV));
    private final PubKey pk = Keys.unmarshalPublicKey(HEX.parseHex(EC_PUB));

    @Test
    void otherCurvesRejectedWithTheirOid() throws Exception {
      byte[] point = new byte[97];
      point[0] = 4;
      byte[] p384 = der(new SubjectPublicKeyInfo(
          new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
              org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp384r1), point));
      assertThatThrownBy(() -> Keys.unmarshalPublicKey(KeyType.ECDSA, p384))
          .isInstanceOf(InvalidKeyDataException.class)
          .hasMessageContaining("1.3.132.0.34").hasMessageContaining("only P-256");
    }

    @Test
    void compressedPointAndNonEcKeysRejected() throws Exception {
      byte[] compressed = EcCurves.P256.getCurve().decodePoint(
          Arrays.copyOfRange(pk.raw(), 26, 91)).getEncoded(true);
      byte[] spki = der(new SubjectPublicKeyInfo(
          new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, X9ObjectIdentifiers.prime256v1),
          compressed));
      assertThatThrownBy(() -> Keys.unmarshalPublicKey(KeyType.ECDSA, spki))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("uncompressed P-256");
      byte[] rsa = Keys.generateRsa(2048).publicKey().raw();
      assertThatThrownBy(() -> Keys.unmarshalPublicKey(KeyType.ECDSA, rsa))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("not id-ecPublicKey");
      assertThatThrownBy(() -> Keys.unmarshalPublicKey(KeyType.ECDSA, new byte[] {1, 2, 3}))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("not a DER");
    }

    @Test
    void offCurvePointRejected() {
      byte[] raw = pk.raw();
      raw[90] ^= 1;
      assertThatThrownBy(() -> Keys.unmarshalPublicKey(KeyType.ECDSA, raw))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("P-256");
    }

    @Test
    void privateKeyMustCarryItsOwnPublicPoint() {
      byte[] raw = HEX.parseHex(EC_PRIV.substring(8));
      raw[raw.length - 1] ^= 1;
      assertThatThrownBy(() -> Keys.unmarshalPrivateKey(KeyType.ECDSA, raw))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("public point");
    }

    @Test
    void privateKeyWithoutPublicPointRejected() throws Exception {
      BigInteger d = new BigInteger(1, Arrays.copyOfRange(HEX.parseHex(EC_PRIV.substring(8)), 7, 39));
      byte[] noPub = der(new org.bouncycastle.asn1.sec.ECPrivateKey(256, d, X9ObjectIdentifiers.prime256v1));
      assertThatThrownBy(() -> Keys.unmarshalPrivateKey(KeyType.ECDSA, noPub))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("go's form");
      byte[] p384 = der(new org.bouncycastle.asn1.sec.ECPrivateKey(384, d,
          org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp384r1));
      assertThatThrownBy(() -> Keys.unmarshalPrivateKey(KeyType.ECDSA, p384))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("only P-256");
      assertThatThrownBy(() -> Keys.unmarshalPrivateKey(KeyType.ECDSA, new byte[121]))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("not a DER");
    }

    @Test
    void highAndLowSVerify() {
      byte[] sig = sk.sign(MSG);
      EcdsaSignatures.Rs rs = EcdsaSignatures.parse(sig, n).orElseThrow();
      byte[] flipped = EcdsaSignatures.encode(new EcdsaSignatures.Rs(rs.r(), n.subtract(rs.s())));
      assertThat(pk.verify(MSG, sig)).isTrue();
      assertThat(pk.verify(MSG, flipped)).isTrue();
      assertThat(pk.verify(MSG, concat(sig, new byte[] {0}))).isFalse();
    }
  }

  @Nested
  class Rsa {
    private final SecureRandom random = new SecureRandom();

    private RSAPrivateCrtKeyParameters bcKey(int bits) {
      RSAKeyPairGenerator gen = new RSAKeyPairGenerator();
      gen.init(new RSAKeyGenerationParameters(BigInteger.valueOf(65537), random, bits, 80));
      return (RSAPrivateCrtKeyParameters) gen.generateKeyPair().getPrivate();
    }

    private byte[] spki(BigInteger n, BigInteger e) throws Exception {
      return der(new SubjectPublicKeyInfo(
          new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
          der(new RSAPublicKey(n, e))));
    }

    private byte[] pkcs1(RSAPrivateCrtKeyParameters k) throws Exception {
      return der(new RSAPrivateKey(k.getModulus(), k.getPublicExponent(), k.getExponent(),
          k.getP(), k.getQ(), k.getDP(), k.getDQ(), k.getQInv()));
    }

    @Test
    void keysBelow2048BitsRejected() throws Exception {
      RSAPrivateCrtKeyParameters k = bcKey(1024);
      assertThatThrownBy(() -> Keys.unmarshalPublicKey(KeyType.RSA, spki(k.getModulus(), k.getPublicExponent())))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("1024 bits is too small");
      assertThatThrownBy(() -> Keys.unmarshalPrivateKey(proto(0, pkcs1(k))))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("1024 bits is too small");
      assertThatThrownBy(() -> Keys.generateRsa(2047)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysAbove8192BitsRejected() throws Exception {
      // Size is checked before anything else, so a fake odd modulus is enough.
      BigInteger n = BigInteger.ONE.shiftLeft(8192).add(BigInteger.ONE);
      BigInteger e = BigInteger.valueOf(65537);
      assertThatThrownBy(() -> Keys.unmarshalPublicKey(KeyType.RSA, spki(n, e)))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("8193 bits is too big");
      BigInteger one = BigInteger.ONE;
      byte[] priv = der(new RSAPrivateKey(n, e, one, one, one, one, one, one));
      assertThatThrownBy(() -> Keys.unmarshalPrivateKey(KeyType.RSA, priv))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("too big");
      BigInteger max = BigInteger.ONE.shiftLeft(8191).add(BigInteger.ONE);
      assertThat(Keys.unmarshalPublicKey(KeyType.RSA, spki(max, e)).toString()).contains("RSA-8192");
      assertThatThrownBy(() -> Keys.generateRsa(8193)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badExponentAndModulusRejected() throws Exception {
      BigInteger n = BigInteger.ONE.shiftLeft(2047).add(BigInteger.ONE);
      assertThatThrownBy(() -> Keys.unmarshalPublicKey(KeyType.RSA, spki(n, BigInteger.ONE)))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("exponent");
      assertThatThrownBy(() -> Keys.unmarshalPublicKey(KeyType.RSA, spki(n, BigInteger.valueOf(65536))))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("exponent");
      assertThatThrownBy(() -> Keys.unmarshalPublicKey(KeyType.RSA, spki(n.subtract(BigInteger.ONE), BigInteger.valueOf(3))))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("even");
      assertThatThrownBy(() -> Keys.unmarshalPublicKey(KeyType.RSA, spki(n.negate(), BigInteger.valueOf(3))))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("positive");
    }

    @Test
    void nonRsaAlgorithmAndMissingNullRejected() throws Exception {
      byte[] ec = Keys.generate(KeyType.ECDSA).publicKey().raw();
      assertThatThrownBy(() -> Keys.unmarshalPublicKey(KeyType.RSA, ec))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("not actually an RSA");
      PubKey pk = Keys.generate(KeyType.RSA).publicKey();
      SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(pk.raw());
      byte[] noNull = der(new SubjectPublicKeyInfo(
          new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption),
          info.getPublicKeyData().getOctets()));
      assertThatThrownBy(() -> Keys.unmarshalPublicKey(KeyType.RSA, noNull))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("NULL");
    }

    @Test
    void nonCanonicalDerRejected() {
      byte[] raw = Keys.generate(KeyType.RSA).publicKey().raw();
      // 30 82 01 22 ... -> 30 83 00 01 22 ... (non-minimal long-form length)
      byte[] longer = concat(new byte[] {0x30, (byte) 0x83, 0x00}, Arrays.copyOfRange(raw, 2, raw.length));
      assertThatThrownBy(() -> Keys.unmarshalPublicKey(KeyType.RSA, longer))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("DER");
      assertThatThrownBy(() -> Keys.unmarshalPublicKey(KeyType.RSA, concat(raw, new byte[] {0})))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("DER");
    }

    @Test
    void inconsistentPrivateKeysRejected() throws Exception {
      RSAPrivateCrtKeyParameters k = bcKey(2048);
      BigInteger two = BigInteger.TWO;
      byte[] badCoefficient = der(new RSAPrivateKey(k.getModulus(), k.getPublicExponent(), k.getExponent(),
          k.getP(), k.getQ(), k.getDP(), k.getDQ(), k.getQInv().add(two)));
      assertThatThrownBy(() -> Keys.unmarshalPrivateKey(KeyType.RSA, badCoefficient))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("CRT");
      byte[] badD = der(new RSAPrivateKey(k.getModulus(), k.getPublicExponent(), k.getExponent().add(two),
          k.getP(), k.getQ(), k.getDP(), k.getDQ(), k.getQInv()));
      assertThatThrownBy(() -> Keys.unmarshalPrivateKey(KeyType.RSA, badD))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("private exponent");
      byte[] badPrimes = der(new RSAPrivateKey(k.getModulus(), k.getPublicExponent(), k.getExponent(),
          k.getP().add(two), k.getQ(), k.getDP(), k.getDQ(), k.getQInv()));
      assertThatThrownBy(() -> Keys.unmarshalPrivateKey(KeyType.RSA, badPrimes))
          .isInstanceOf(InvalidKeyDataException.class).hasMessageContaining("primes");
      // The consistent key is accepted and re-marshals exactly.
      byte[] good = pkcs1(k);
      assertThat(Keys.unmarshalPrivateKey(KeyType.RSA, good).marshal()).isEqualTo(proto(0, good));
    }

    @Test
    void signatureLengthMustEqualModulusLength() {
      PrivKey sk = Keys.generate(KeyType.RSA);
      byte[] sig = sk.sign(MSG);
      assertThat(sig).hasSize(256);
      assertThat(sk.sign(MSG)).isEqualTo(sig);
      assertThat(sk.publicKey().verify(MSG, sig)).isTrue();
      assertThat(sk.publicKey().verify(MSG, concat(new byte[] {0}, sig))).isFalse();
      assertThat(sk.publicKey().verify(MSG, Arrays.copyOf(sig, 255))).isFalse();
      assertThat(sk.publicKey().verify(MSG, new byte[256])).isFalse();
      byte[] ff = new byte[256];
      Arrays.fill(ff, (byte) 0xff);
      assertThat(sk.publicKey().verify(MSG, ff)).isFalse();
    }
  }

  @Test
  void nullArgumentsAreNamed() {
    assertThatThrownBy(() -> Keys.unmarshalPublicKey(null))
        .isInstanceOf(NullPointerException.class).hasMessage("bytes");
    PubKey pk = Keys.unmarshalPublicKey(HEX.parseHex(ED_PUB));
    assertThatThrownBy(() -> pk.verify(null, new byte[0]))
        .isInstanceOf(NullPointerException.class).hasMessage("data");
  }
}
