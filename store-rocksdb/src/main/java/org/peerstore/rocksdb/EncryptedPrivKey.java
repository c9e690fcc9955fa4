package org.peerstore.rocksdb;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.peerstore.InvalidKeyDataException;

/**
 * A private key as a store with {@code privateKeyProtection} keeps it: the libp2p
 * {@code PrivateKey} protobuf encrypted with AES-256-GCM under a key derived by Argon2id from
 * the store's passphrase, with the Argon2 parameters, salt and nonce in front (the value format
 * of docs/STORAGE.md, "Encrypted private keys"):
 *
 * <pre>
 * offset  size  field
 *      0     1  0x00 marker (never the first byte of a PrivateKey protobuf)
 *      1     1  0x01 format version
 *      2     1  0x13 Argon2 version (1.3)
 *      3     4  Argon2id memory in KiB, big-endian
 *      7     4  Argon2id iterations, big-endian
 *     11     1  Argon2id parallelism
 *     12    16  salt
 *     28    12  GCM nonce
 *     40   n+16 ciphertext of the n-byte protobuf, then the 16-byte GCM tag
 * </pre>
 *
 * <p>An instance only says that the bytes have this structure; whether they decrypt (right
 * passphrase, untouched, the peer's own) is known only to a store opened with the passphrase.
 * It carries an encrypted key from one store to another without decrypting it (the offline
 * tool's export and import, {@link RocksPeerstore#snapshotEncrypted}).
 *
 * <p>Immutable and thread-safe; equal when the bytes are equal. {@link #toString()} shows the
 * parameters and the length only.
 */
public final class EncryptedPrivKey {
  /** First byte of every encrypted value; a protobuf never starts with field number 0. */
  static final byte MARKER = 0x00;
  /** The value format version this build writes and reads. */
  static final byte FORMAT_VERSION = 0x01;
  /** Argon2 version 1.3, the only one written and read. */
  static final byte ARGON2_VERSION = 0x13;
  /** Salt length in bytes. */
  static final int SALT_BYTES = 16;
  /** GCM nonce length in bytes. */
  static final int NONCE_BYTES = 12;
  /** GCM tag length in bytes. */
  static final int TAG_BYTES = 16;
  /** Bytes before the ciphertext; they are also authenticated (GCM associated data). */
  static final int HEADER_BYTES = 12 + SALT_BYTES + NONCE_BYTES;
  /** Longest protobuf accepted (an 8192-bit RSA key takes under 5 KiB). */
  static final int MAX_PLAINTEXT_BYTES = 16 * 1024;

  private final byte[] bytes;
  private final Argon2Params params;

  private EncryptedPrivKey(byte[] bytes, Argon2Params params) {
    this.bytes = bytes;
    this.params = params;
  }

  /**
   * Whether a stored private-key value is in this format (rather than an unencrypted
   * protobuf), judged by its first byte only.
   */
  static boolean isEncrypted(byte[] value) {
    return value.length > 0 && value[0] == MARKER;
  }

  /**
   * The encrypted key in {@code value} (copied), checked for structure only.
   *
   * @throws InvalidKeyDataException if the bytes are not this format: wrong marker or version,
   *     Argon2 parameters out of range, or a ciphertext too short or too long
   * @throws NullPointerException if {@code value} is null
   */
  public static EncryptedPrivKey fromBytes(byte[] value) {
    Objects.requireNonNull(value, "value");
    try {
      return decode(value.clone());
    } catch (CorruptValueException e) {
      throw new InvalidKeyDataException("not an encrypted private key: " + e.getMessage());
    }
  }

  /**
   * The encrypted key in {@code value} (not copied: the caller gives it up), checked for
   * structure only.
   *
   * @throws CorruptValueException if the bytes are not this format
   */
  static EncryptedPrivKey decode(byte[] value) throws CorruptValueException {
    if (value.length < HEADER_BYTES + TAG_BYTES + 1) {
      throw new CorruptValueException("encrypted private key of " + value.length
          + " bytes is too short (at least " + (HEADER_BYTES + TAG_BYTES + 1) + ")");
    }
    if (value.length > HEADER_BYTES + TAG_BYTES + MAX_PLAINTEXT_BYTES) {
      throw new CorruptValueException("encrypted private key of " + value.length
          + " bytes is too long");
    }
    if (value[0] != MARKER) {
      throw new CorruptValueException("not an encrypted private key (first byte is not 0x00)");
    }
    if (value[1] != FORMAT_VERSION) {
      throw new CorruptValueException("encrypted private key has unknown format version "
          + Byte.toUnsignedInt(value[1]));
    }
    if (value[2] != ARGON2_VERSION) {
      throw new CorruptValueException("encrypted private key has unknown Argon2 version 0x"
          + Integer.toHexString(Byte.toUnsignedInt(value[2])));
    }
    ByteBuffer b = ByteBuffer.wrap(value);
    try {
      Argon2Params params =
          new Argon2Params(b.getInt(3), b.getInt(7), Byte.toUnsignedInt(value[11]));
      return new EncryptedPrivKey(value, params);
    } catch (IllegalArgumentException e) {
      throw new CorruptValueException("encrypted private key: " + e.getMessage(), e);
    }
  }

  /** A value made of its parts (for {@link KeyProtector}); {@code ciphertext} ends in the tag. */
  static EncryptedPrivKey of(Argon2Params params, byte[] salt, byte[] nonce, byte[] ciphertext) {
    byte[] header = header(params, salt, nonce);
    byte[] value = Arrays.copyOf(header, header.length + ciphertext.length);
    System.arraycopy(ciphertext, 0, value, header.length, ciphertext.length);
    return new EncryptedPrivKey(value, params);
  }

  /** The {@link #HEADER_BYTES} bytes in front of the ciphertext. */
  static byte[] header(Argon2Params params, byte[] salt, byte[] nonce) {
    return ByteBuffer.allocate(HEADER_BYTES)
        .put(MARKER)
        .put(FORMAT_VERSION)
        .put(ARGON2_VERSION)
        .putInt(params.memoryKiB())
        .putInt(params.iterations())
        .put((byte) params.parallelism())
        .put(salt)
        .put(nonce)
        .array();
  }

  /** The value's bytes, as stored (a copy). */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** The stored bytes, not copied (callers never modify them). */
  byte[] bytes() {
    return bytes;
  }

  /** The Argon2id parameters the key was encrypted with. */
  Argon2Params params() {
    return params;
  }

  /** The salt (a copy). */
  byte[] salt() {
    return Arrays.copyOfRange(bytes, 12, 12 + SALT_BYTES);
  }

  /** The GCM nonce (a copy). */
  byte[] nonce() {
    return Arrays.copyOfRange(bytes, 12 + SALT_BYTES, HEADER_BYTES);
  }

  /** The ciphertext followed by the tag (a copy). */
  byte[] ciphertext() {
    return Arrays.copyOfRange(bytes, HEADER_BYTES, bytes.length);
  }

  /** Equal when the stored bytes are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof EncryptedPrivKey other && Arrays.equals(bytes, other.bytes);
  }

  /** Consistent with {@link #equals}. */
  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /**
   * The scheme, parameters and length, e.g.
   * {@code EncryptedPrivKey[AES-256-GCM, Argon2id v1.3 m=19456 KiB, t=2, p=1, 108 bytes]};
   * never the salt, nonce or ciphertext.
   */
  @Override
  public String toString() {
    return "EncryptedPrivKey[" + describe() + ", " + bytes.length + " bytes]";
  }

  /** The scheme and parameters, for people ({@code dump}). */
  String describe() {
    return "AES-256-GCM, Argon2id v1.3 " + params;
  }
}
