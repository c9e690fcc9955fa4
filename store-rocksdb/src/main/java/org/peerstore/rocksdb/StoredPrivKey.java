package org.peerstore.rocksdb;

import java.util.Arrays;
import org.peerstore.KeyProtectionException;
import org.peerstore.crypto.PrivKey;
import org.peerstore.peer.PeerId;
import org.jspecify.annotations.Nullable;

/**
 * A peer's stored private key as {@link PeerState} holds it: either an unencrypted key, or an
 * {@link EncryptedPrivKey} that is decrypted on the first {@link #key} call only and then kept
 * (so the private-key book is cached like any other, without an Argon2 derivation per read,
 * and loading a peer to read its other books never decrypts).
 *
 * <p>A failed decryption is remembered too: with a wrong passphrase, later reads fail at once
 * with the same message instead of deriving again. Thread-safe; {@link #toString()} shows no
 * key material.
 */
final class StoredPrivKey {
  private final PeerId peer;
  /** The encrypted value, or null when stored unencrypted. */
  private final @Nullable EncryptedPrivKey encrypted;
  /** The unencrypted or decrypted key; guarded by {@code this} while {@link #encrypted}. */
  private @Nullable PrivKey key;
  /** Why decryption failed, once it did; guarded by {@code this}. */
  private String failure;

  private StoredPrivKey(PeerId peer, EncryptedPrivKey encrypted, PrivKey key) {
    this.peer = peer;
    this.encrypted = encrypted;
    this.key = key;
  }

  /** An unencrypted stored key. */
  static StoredPrivKey plain(PeerId p, PrivKey key) {
    return new StoredPrivKey(p, null, key);
  }

  /** An encrypted stored key whose plaintext is {@code known} (just written) or unknown (null). */
  static StoredPrivKey encrypted(PeerId p, EncryptedPrivKey value, PrivKey known) {
    return new StoredPrivKey(p, value, known);
  }

  /**
   * {@code key} as a store with {@code protector} writes it: encrypted (fresh salt and nonce;
   * an Argon2 derivation, tens of milliseconds) when there is a protector, else unencrypted.
   *
   * @param protector the store's protector, or null when it has no passphrase
   */
  static StoredPrivKey forWrite(PeerId p, PrivKey key, @Nullable KeyProtector protector) {
    return protector == null ? plain(p, key) : encrypted(p, protector.seal(p, key), key);
  }

  /**
   * The stored private-key value {@code bytes} of {@code p}: an encrypted value (checked for
   * structure, not decrypted) or an unencrypted protobuf (parsed and checked to be
   * {@code p}'s), told apart by the first byte.
   *
   * @throws CorruptValueException if the bytes are neither
   */
  static StoredPrivKey decode(PeerId p, byte[] bytes) throws CorruptValueException {
    if (EncryptedPrivKey.isEncrypted(bytes)) {
      return encrypted(p, EncryptedPrivKey.decode(bytes), null);
    }
    return plain(p, ValueCodec.decodePrivKey(p, bytes));
  }

  /** Whether the key is stored encrypted. */
  boolean isEncrypted() {
    return encrypted != null;
  }

  /**
   * The value the {@code keys} column family holds for this key: the encrypted value, or the
   * key's protobuf (not a copy of anything shared; the caller must not modify it).
   */
  byte[] storedBytes() {
    return encrypted != null ? encrypted.bytes() : key.marshal();
  }

  /** The encrypted value, or null when stored unencrypted. */
  @Nullable EncryptedPrivKey encryptedValue() {
    return encrypted;
  }

  /** The unencrypted stored key, or null when stored encrypted. */
  @Nullable PrivKey plainKey() {
    return encrypted == null ? key : null;
  }

  /**
   * The key, decrypted with {@code protector} on the first call when stored encrypted.
   *
   * @param protector the store's protector, or null when it has no passphrase
   * @throws KeyProtectionException if the key is stored encrypted and the store has no
   *     passphrase, or it does not decrypt with the store's
   */
  PrivKey key(@Nullable KeyProtector protector) {
    if (encrypted == null) {
      return key;
    }
    synchronized (this) {
      if (key != null) {
        return key;
      }
      if (protector == null) {
        throw new KeyProtectionException("private key of peer " + peer + " is stored encrypted,"
            + " and the store was opened without privateKeyProtection (no passphrase)");
      }
      if (failure != null) {
        throw new KeyProtectionException(failure);
      }
      try {
        key = protector.open(peer, encrypted);
        return key;
      } catch (KeyProtectionException e) {
        failure = e.getMessage();
        throw e;
      }
    }
  }

  /** Whether this and {@code k} are the same key stored the same way, as far as known. */
  boolean holdsPlain(PrivKey k) {
    return encrypted == null && Arrays.equals(key.marshal(), k.marshal());
  }

  /** {@code StoredPrivKey[encrypted]} or {@code StoredPrivKey[ED25519]}: no key material. */
  @Override
  public String toString() {
    return "StoredPrivKey[" + (encrypted != null ? "encrypted" : key.type().toString()) + "]";
  }
}
