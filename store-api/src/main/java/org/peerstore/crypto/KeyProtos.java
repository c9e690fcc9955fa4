package org.peerstore.crypto;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import java.util.Arrays;
import org.peerstore.InvalidKeyDataException;
import org.peerstore.internal.pb.CryptoProto;

/**
 * Strict codec for the {@code PublicKey}/{@code PrivateKey} protobufs (docs/WIRE.md §2.1).
 *
 * <p>Decoding enforces the spec's deterministic-encoding rules at the protobuf layer: the input
 * must be exactly {@code 08 <type> 12 <len> <data>} with minimal varints. go-libp2p would parse
 * extra fields, repeated fields or fields out of order, but would not reproduce those bytes when
 * marshalling, and peer ids hash these bytes, so we reject such input rather than silently
 * change a key's identity. Normalisation of the key <em>data</em> (uncompressed secp256k1
 * points, legacy 96-byte Ed25519 private keys) is the key type's business and is allowed.
 */
final class KeyProtos {
  private KeyProtos() {}

  /** A decoded message: the key type and its {@code Data} field. */
  record Decoded(KeyType type, byte[] data) {}

  static byte[] encodePublic(KeyType type, byte[] data) {
    return CryptoProto.PublicKey.newBuilder()
        .setType(toProto(type))
        .setData(ByteString.copyFrom(data))
        .build()
        .toByteArray();
  }

  static byte[] encodePrivate(KeyType type, byte[] data) {
    return CryptoProto.PrivateKey.newBuilder()
        .setType(toProto(type))
        .setData(ByteString.copyFrom(data))
        .build()
        .toByteArray();
  }

  static Decoded decodePublic(byte[] bytes) {
    CryptoProto.PublicKey msg;
    try {
      msg = CryptoProto.PublicKey.parser().parsePartialFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidKeyDataException("malformed PublicKey protobuf: " + e.getMessage(), e);
    }
    check("PublicKey", msg.hasType(), msg.hasData(), msg.getUnknownFields());
    KeyType type = fromProto(msg.getType());
    byte[] data = msg.getData().toByteArray();
    checkCanonical("PublicKey", bytes, encodePublic(type, data));
    return new Decoded(type, data);
  }

  static Decoded decodePrivate(byte[] bytes) {
    CryptoProto.PrivateKey msg;
    try {
      msg = CryptoProto.PrivateKey.parser().parsePartialFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidKeyDataException("malformed PrivateKey protobuf: " + e.getMessage(), e);
    }
    check("PrivateKey", msg.hasType(), msg.hasData(), msg.getUnknownFields());
    KeyType type = fromProto(msg.getType());
    byte[] data = msg.getData().toByteArray();
    checkCanonical("PrivateKey", bytes, encodePrivate(type, data));
    return new Decoded(type, data);
  }

  private static void check(String what, boolean hasType, boolean hasData, UnknownFieldSet unknown) {
    if (!hasType) {
      // proto2 files an unknown enum number under the unknown fields.
      UnknownFieldSet.Field f = unknown.getField(1);
      if (f != null && !f.getVarintList().isEmpty()) {
        long n = f.getVarintList().get(f.getVarintList().size() - 1);
        throw new InvalidKeyDataException(what + " has unknown key type " + n);
      }
      throw new InvalidKeyDataException(what + " protobuf is missing its Type field");
    }
    if (!hasData) {
      throw new InvalidKeyDataException(what + " protobuf is missing its Data field");
    }
    if (!unknown.asMap().isEmpty()) {
      throw new InvalidKeyDataException(
          what + " protobuf has unexpected extra field(s) " + unknown.asMap().keySet());
    }
  }

  private static void checkCanonical(String what, byte[] input, byte[] canonical) {
    if (!Arrays.equals(input, canonical)) {
      throw new InvalidKeyDataException(
          what + " protobuf is not deterministically encoded"
              + " (repeated or out-of-order fields, or non-minimal varints)");
    }
  }

  static CryptoProto.KeyType toProto(KeyType type) {
    return switch (type) {
      case RSA -> CryptoProto.KeyType.RSA;
      case ED25519 -> CryptoProto.KeyType.Ed25519;
      case SECP256K1 -> CryptoProto.KeyType.Secp256k1;
      case ECDSA -> CryptoProto.KeyType.ECDSA;
    };
  }

  static KeyType fromProto(CryptoProto.KeyType type) {
    return switch (type) {
      case RSA -> KeyType.RSA;
      case Ed25519 -> KeyType.ED25519;
      case Secp256k1 -> KeyType.SECP256K1;
      case ECDSA -> KeyType.ECDSA;
    };
  }
}
