package org.peerstore.rocksdb;

import java.util.Optional;
import org.peerstore.KeyProtectionException;
import org.peerstore.PeerSnapshot;
import org.peerstore.Snapshots;
import org.peerstore.StorageException;
import org.peerstore.peer.PeerId;

/**
 * {@link Snapshots} whose private key may stay encrypted: what the offline tool exports and
 * imports, so moving a store with protected keys never needs (or reveals) the passphrase.
 * Implemented by {@link RocksPeerstore}. Thread-safe; each restore is one atomic write.
 */
public interface EncryptedSnapshots {

  /**
   * Like {@link Snapshots#snapshot}, but a private key stored encrypted is returned exactly as stored,
   * never decrypted, so it works without the passphrase: what the offline tool exports.
   *
   * @return the peer's books, or empty when nothing is stored for it
   * @throws NullPointerException if {@code peer} is null
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if RocksDB fails
   */
  Optional<EncryptedSnapshot> snapshotEncrypted(PeerId peer);

  /**
   * {@link Snapshots#checkRestore(PeerSnapshot)} for a snapshot whose private key may be encrypted. With
   * a passphrase, an encrypted private key must decrypt with it (one Argon2id derivation);
   * without one, only its structure was checked (by {@link EncryptedPrivKey}).
   *
   * @throws KeyProtectionException if this store has a passphrase and the encrypted private key
   *     does not decrypt with it to the peer's key
   * @throws org.peerstore.LimitExceededException as {@link Snapshots#checkRestore(PeerSnapshot)}
   * @throws IllegalArgumentException as {@link Snapshots#checkRestore(PeerSnapshot)}
   * @throws NullPointerException if {@code snapshot} is null
   * @throws IllegalStateException after {@code close()}
   */
  void checkRestore(EncryptedSnapshot snapshot);

  /**
   * {@link Snapshots#restore(PeerSnapshot)} for a snapshot whose private key may be encrypted: an
   * encrypted private key is stored byte for byte as given (never re-encrypted; a store
   * without a passphrase cannot check that it is the peer's, a store with one checks that it
   * decrypts first), an unencrypted one as {@link Snapshots#restore(PeerSnapshot)} stores it. One
   * atomic write.
   *
   * @throws KeyProtectionException as {@link #checkRestore(EncryptedSnapshot)} (nothing is
   *     written)
   * @throws org.peerstore.LimitExceededException as {@link Snapshots#restore(PeerSnapshot)}
   * @throws IllegalArgumentException as {@link Snapshots#restore(PeerSnapshot)}
   * @throws org.peerstore.PeerstoreException as {@link Snapshots#restore(PeerSnapshot)}
   * @throws NullPointerException if {@code snapshot} is null
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if the store could not write (nothing was written)
   */
  void restore(EncryptedSnapshot snapshot);
}
