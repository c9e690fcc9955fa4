package org.peerstore.rocksdb;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The byte layout of every key the store writes (docs/STORAGE.md, "Keys").
 *
 * <p>Per-peer keys start with the peer id framed by its length ({@code [len][id bytes]}), so
 * the keys of peer {@code foo} are never a prefix of, nor share a prefix with, the keys of peer
 * {@code foobar}: a prefix scan for one peer cannot see another's data. Expiry index keys are
 * an 8-byte big-endian expiry with the sign bit flipped (so unsigned byte order is signed
 * numeric order) followed by the raw peer id bytes. Stateless and thread-safe.
 */
final class StoreKeys {

  /** Key kind suffix of a public key in the {@code keys} column family. */
  static final byte KIND_PUBLIC = 1;
  /** Key kind suffix of a private key in the {@code keys} column family. */
  static final byte KIND_PRIVATE = 2;

  /** The {@code default} column family's key holding the {@code StoreInfo}. */
  static final byte[] SCHEMA = "schema".getBytes(StandardCharsets.US_ASCII);

  /** Longest peer id the one-byte length frame can carry (real ids are at most 44 bytes). */
  static final int MAX_PEER_ID_LENGTH = 255;

  private static final int EXPIRY_WIDTH = Long.BYTES;

  private StoreKeys() {}

  /**
   * The framed peer prefix {@code [len][id]}: the whole key in the addrs, records and
   * protocols column families, and the prefix of every key of this peer in keys and metadata.
   *
   * @throws IllegalArgumentException if the id is empty or longer than 255 bytes
   */
  static byte[] peer(byte[] id) {
    checkId(id);
    byte[] key = new byte[1 + id.length];
    key[0] = (byte) id.length;
    System.arraycopy(id, 0, key, 1, id.length);
    return key;
  }

  /** The key of one of a peer's keys: {@code [len][id][kind]}. */
  static byte[] key(byte[] id, byte kind) {
    byte[] prefix = peer(id);
    byte[] key = Arrays.copyOf(prefix, prefix.length + 1);
    key[prefix.length] = kind;
    return key;
  }

  /**
   * The key of one metadata entry: {@code [len][id][metadata key in modified UTF-8]} (see
   * {@link JavaStrings}).
   */
  static byte[] metadata(byte[] id, String metadataKey) {
    byte[] prefix = peer(id);
    byte[] name = JavaStrings.encode(metadataKey);
    byte[] key = Arrays.copyOf(prefix, prefix.length + name.length);
    System.arraycopy(name, 0, key, prefix.length, name.length);
    return key;
  }

  /**
   * The peer id bytes at the start of a framed key.
   *
   * @throws CorruptValueException if the key is not framed as this class writes it
   */
  static byte[] peerIdOf(byte[] key) throws CorruptValueException {
    if (key.length < 2) {
      throw new CorruptValueException("key too short for a framed peer id: " + key.length + " bytes");
    }
    int len = key[0] & 0xff;
    if (len == 0 || key.length < 1 + len) {
      throw new CorruptValueException(
          "key frames a peer id of " + len + " bytes but has only " + (key.length - 1));
    }
    return Arrays.copyOfRange(key, 1, 1 + len);
  }

  /**
   * The bytes after the framed peer id (the key kind or the metadata key name).
   *
   * @throws CorruptValueException if the key is not framed as this class writes it
   */
  static byte[] suffixOf(byte[] key) throws CorruptValueException {
    int len = peerIdOf(key).length;
    return Arrays.copyOfRange(key, 1 + len, key.length);
  }

  /**
   * The kind of a {@code keys} column family key: {@link #KIND_PUBLIC} or {@link #KIND_PRIVATE}.
   *
   * @throws CorruptValueException if the key is not framed as this class writes it, or names
   *     another kind
   */
  static byte keyKindOf(byte[] key) throws CorruptValueException {
    byte[] suffix = suffixOf(key);
    if (suffix.length == 1 && (suffix[0] == KIND_PUBLIC || suffix[0] == KIND_PRIVATE)) {
      return suffix[0];
    }
    throw new CorruptValueException("unknown key kind in the keys column family");
  }

  /** Whether {@code key} starts with {@code prefix}. */
  static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  /**
   * The smallest key greater than every key starting with {@code prefix} (an exclusive upper
   * bound for a prefix scan), or null when there is none (the prefix is all {@code 0xff}).
   */
  static byte @Nullable [] prefixEnd(byte[] prefix) {
    for (int i = prefix.length - 1; i >= 0; i--) {
      if (prefix[i] != (byte) 0xff) {
        byte[] end = Arrays.copyOf(prefix, i + 1);
        end[i]++;
        return end;
      }
    }
    return null;
  }

  /** The expiry index key {@code [expiry ^ sign bit, big-endian][id]}. */
  static byte[] expiry(long expiryNanos, byte[] id) {
    checkId(id);
    byte[] key = new byte[EXPIRY_WIDTH + id.length];
    writeOrderedLong(key, expiryNanos);
    System.arraycopy(id, 0, key, EXPIRY_WIDTH, id.length);
    return key;
  }

  /**
   * The 8-byte start of every expiry index key whose expiry is {@code expiryNanos}: with
   * {@code expiryNanos = now + 1} (saturating) it bounds a scan of everything expired at
   * {@code now}.
   */
  static byte[] expiryBound(long expiryNanos) {
    byte[] key = new byte[EXPIRY_WIDTH];
    writeOrderedLong(key, expiryNanos);
    return key;
  }

  /**
   * The expiry instant of an expiry index key.
   *
   * @throws CorruptValueException if the key is too short to hold an expiry and a peer id
   */
  static long expiryOf(byte[] key) throws CorruptValueException {
    if (key.length <= EXPIRY_WIDTH) {
      throw new CorruptValueException("expiry index key too short: " + key.length + " bytes");
    }
    long v = 0;
    for (int i = 0; i < EXPIRY_WIDTH; i++) {
      v = (v << 8) | (key[i] & 0xff);
    }
    return v ^ Long.MIN_VALUE;
  }

  /**
   * The peer id bytes of an expiry index key.
   *
   * @throws CorruptValueException if the key is too short to hold an expiry and a peer id
   */
  static byte[] expiryPeerIdOf(byte[] key) throws CorruptValueException {
    expiryOf(key);
    return Arrays.copyOfRange(key, EXPIRY_WIDTH, key.length);
  }

  private static void writeOrderedLong(byte[] into, long value) {
    long v = value ^ Long.MIN_VALUE;
    for (int i = EXPIRY_WIDTH - 1; i >= 0; i--) {
      into[i] = (byte) v;
      v >>>= 8;
    }
  }

  private static void checkId(byte[] id) {
    if (id.length == 0 || id.length > MAX_PEER_ID_LENGTH) {
      throw new IllegalArgumentException("peer id must be 1 to 255 bytes: " + id.length);
    }
  }
}
