package org.peerstore.crypto;

import java.security.SecureRandom;
import java.util.Objects;
import org.peerstore.InvalidKeyDataException;

/**
 * Entry point for keys: generation and unmarshalling of the libp2p protobuf forms
 * (docs/WIRE.md §2).
 *
 * <p>Unmarshalling is strict: the protobuf must be deterministically encoded ({@code 08 <type>
 * 12 <len> <data>}, minimal varints, no other fields), and the key data must be in the form
 * go-libp2p writes, so that {@code marshal()} reproduces the input. The only accepted
 * non-canonical forms are the ones go documents and normalises: a 65-byte uncompressed
 * secp256k1 public key (re-marshalled compressed) and a legacy 96-byte Ed25519 private key
 * (re-marshalled as 64 bytes). ECDSA keys must be on P-256; RSA keys must have 2048 to 8192
 * bits. Every rejection is an {@link InvalidKeyDataException} naming what is wrong.
 *
 * <p>Stateless and thread-safe. Uses Bouncy Castle's lightweight API only; no JCA provider is
 * registered.
 */
public final class Keys {
  /** The RSA modulus size {@link #generate(KeyType)} uses. */
  public static final int RSA_DEFAULT_BITS = 2048;

  private static final SecureRandom RANDOM = new SecureRandom();

  private Keys() {}

  /**
   * Generates a fresh key pair (RSA 2048 bits, ECDSA on P-256) from a shared
   * {@link SecureRandom}.
   *
   * @param type the key type
   * @return the new private key; its {@link PrivKey#publicKey()} is the public half
   * @throws NullPointerException if {@code type} is null
   */
  public static PrivKey generate(KeyType type) {
    return generate(type, RANDOM);
  }

  /**
   * Generates a fresh key pair (RSA 2048 bits, ECDSA on P-256) from {@code random}.
   *
   * @param type the key type
   * @param random the source of key material; also used for RSA signing blinding
   * @return the new private key
   * @throws NullPointerException if an argument is null
   */
  public static PrivKey generate(KeyType type, SecureRandom random) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(random, "random");
    return switch (type) {
      case RSA -> RsaPrivKey.generate(RSA_DEFAULT_BITS, random);
      case ED25519 -> Ed25519PrivKey.generate(random);
      case SECP256K1 -> Secp256k1PrivKey.generate(random);
      case ECDSA -> EcdsaPrivKey.generate(random);
    };
  }

  /**
   * Generates an RSA key pair of the given size.
   *
   * @param bits modulus size, 2048 to 8192
   * @return the new private key
   * @throws IllegalArgumentException if {@code bits} is out of range
   */
  public static PrivKey generateRsa(int bits) {
    return RsaPrivKey.generate(bits, RANDOM);
  }

  /**
   * Parses a {@code PublicKey} protobuf.
   *
   * @param bytes the serialized protobuf
   * @return the key; {@code marshal()} gives {@code bytes} back except for a 65-byte
   *     secp256k1 key, which is re-marshalled compressed
   * @throws InvalidKeyDataException if the protobuf or key data is malformed, not
   *     deterministically encoded, of an unknown type or out of the accepted range
   * @throws NullPointerException if {@code bytes} is null
   */
  public static PubKey unmarshalPublicKey(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    KeyProtos.Decoded d = KeyProtos.decodePublic(bytes);
    return unmarshalPublicKey(d.type(), d.data());
  }

  /**
   * Parses the key data of a public key (the protobuf's {@code Data} field, see
   * {@link PubKey#raw()}) of a known type.
   *
   * @param type the key type
   * @param raw the key data
   * @return the key
   * @throws InvalidKeyDataException if the key data is malformed or out of range
   * @throws NullPointerException if an argument is null
   */
  public static PubKey unmarshalPublicKey(KeyType type, byte[] raw) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(raw, "raw");
    return switch (type) {
      case RSA -> RsaPubKey.unmarshal(raw);
      case ED25519 -> Ed25519PubKey.unmarshal(raw);
      case SECP256K1 -> Secp256k1PubKey.unmarshal(raw);
      case ECDSA -> EcdsaPubKey.unmarshal(raw);
    };
  }

  /**
   * Parses a {@code PrivateKey} protobuf (the on-disk form).
   *
   * @param bytes the serialized protobuf
   * @return the key; {@code marshal()} gives {@code bytes} back except for a legacy 96-byte
   *     Ed25519 key, which is re-marshalled as 64 bytes
   * @throws InvalidKeyDataException if the protobuf or key data is malformed, not
   *     deterministically encoded, of an unknown type, out of the accepted range, or
   *     internally inconsistent (e.g. a public half that the secret does not derive)
   * @throws NullPointerException if {@code bytes} is null
   */
  public static PrivKey unmarshalPrivateKey(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    KeyProtos.Decoded d = KeyProtos.decodePrivate(bytes);
    return unmarshalPrivateKey(d.type(), d.data());
  }

  /**
   * Parses the key data of a private key (the protobuf's {@code Data} field) of a known type.
   *
   * @param type the key type
   * @param raw the key data
   * @return the key
   * @throws InvalidKeyDataException if the key data is malformed, out of range or inconsistent
   * @throws NullPointerException if an argument is null
   */
  public static PrivKey unmarshalPrivateKey(KeyType type, byte[] raw) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(raw, "raw");
    return switch (type) {
      case RSA -> RsaPrivKey.unmarshal(raw, RANDOM);
      case ED25519 -> Ed25519PrivKey.unmarshal(raw);
      case SECP256K1 -> Secp256k1PrivKey.unmarshal(raw);
      case ECDSA -> EcdsaPrivKey.unmarshal(raw);
    };
  }
}
