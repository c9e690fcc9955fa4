package org.peerstore.rocksdb;

import java.util.Objects;
import org.peerstore.PeerSnapshot;
import org.jspecify.annotations.Nullable;

/**
 * A {@link PeerSnapshot} whose private key may stay encrypted: what
 * {@link RocksPeerstore#snapshotEncrypted} reads and
 * {@link RocksPeerstore#restore(EncryptedSnapshot)} writes, so that a store's encrypted private
 * keys move (export, import) byte for byte without the passphrase and are never written
 * anywhere unencrypted on the way.
 *
 * <p>Immutable and thread-safe; {@link #toString()} shows no key material.
 *
 * @param books every book of the peer; its {@code privKey} is null when
 *     {@code encryptedPrivKey} is given, else the unencrypted stored private key or null
 * @param encryptedPrivKey the private key as stored encrypted, or null when it is not stored
 *     encrypted
 */
public record EncryptedSnapshot(
    PeerSnapshot books, @Nullable EncryptedPrivKey encryptedPrivKey) {

  /**
   * Checks that the private key is given at most once.
   *
   * @throws NullPointerException if {@code books} is null
   * @throws IllegalArgumentException if {@code books} holds a private key and
   *     {@code encryptedPrivKey} is given too
   */
  public EncryptedSnapshot {
    Objects.requireNonNull(books, "books");
    if (encryptedPrivKey != null && books.privKey() != null) {
      throw new IllegalArgumentException("peer " + books.peer() + ": a private key is given both"
          + " unencrypted and encrypted");
    }
  }
}
