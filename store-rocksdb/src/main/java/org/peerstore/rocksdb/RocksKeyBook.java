package org.peerstore.rocksdb;

import java.util.Arrays;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.peerstore.KeyProtectionException;
import org.peerstore.crypto.PrivKey;
import org.peerstore.crypto.PubKey;
import org.peerstore.internal.KeyRules;
import org.peerstore.peer.PeerId;
import org.jspecify.annotations.Nullable;

/**
 * The key book of the RocksDB store (docs/CONTRACT.md §5): public keys as the libp2p protobuf,
 * private keys unencrypted or, with a {@link KeyProtector}, encrypted ({@link StoredPrivKey}).
 * The rules are {@link KeyRules}'. Thread-safe.
 */
// "try": resources held only for their scope (a use of the store) are never read.
@SuppressWarnings("try")
final class RocksKeyBook {
  private final UseGuard guard;
  private final PeerWrites writes;
  private final StoreDb db;
  private final PeerScans scans;
  /** Encrypts private keys; null without {@code privateKeyProtection}. */
  private final @Nullable KeyProtector protector;

  RocksKeyBook(UseGuard guard, PeerWrites writes, StoreDb db, PeerScans scans,
      @Nullable KeyProtector protector) {
    this.guard = guard;
    this.writes = writes;
    this.db = db;
    this.scans = scans;
    this.protector = protector;
  }

  Optional<PubKey> pubKey(PeerId peer) {
    guard.checkOpen();
    Objects.requireNonNull(peer, "peer id");
    PubKey stored = writes.states().read(peer, PeerState.PUB_KEY).pubKey;
    return stored != null ? Optional.of(stored) : peer.extractPublicKey();
  }

  void addPubKey(PeerId peer, PubKey key) {
    guard.checkOpen();
    KeyRules.checkPubKey(peer, key);
    byte[] dbKey = StoreKeys.key(peer.toBytes(), StoreKeys.KIND_PUBLIC);
    writes.write(peer, new KeyWrite(PeerState.PUB_KEY) {
      @Override
      public @Nullable PeerState apply(PeerState old, Batch batch, long nowNanos, long room) {
        if (key.equals(old.pubKey)) {
          return null;
        }
        byte[] bytes = key.marshal();
        batch.put(ColumnFamily.KEYS, dbKey, bytes);
        return old.withPubKey(key, ValueCodec.keyWeight(bytes.length), false);
      }
    });
  }

  Optional<PrivKey> privKey(PeerId peer) {
    guard.checkOpen();
    Objects.requireNonNull(peer, "peer id");
    StoredPrivKey stored = writes.states().read(peer, PeerState.PRIV_KEY).privKey;
    return stored == null ? Optional.empty() : Optional.of(stored.key(protector));
  }

  void addPrivKey(PeerId peer, PrivKey key) {
    guard.checkOpen();
    KeyRules.checkPrivKey(peer, key);
    byte[] dbKey = StoreKeys.key(peer.toBytes(), StoreKeys.KIND_PRIVATE);
    writes.write(peer, new KeyWrite(PeerState.PRIV_KEY) {
      @Override
      public @Nullable PeerState apply(PeerState old, Batch batch, long nowNanos, long room) {
        StoredPrivKey stored = storedPrivKey(peer, key, old.privKey);
        if (stored == null) {
          return null;
        }
        byte[] bytes = stored.storedBytes();
        batch.put(ColumnFamily.KEYS, dbKey, bytes);
        return old.withPrivKey(stored, ValueCodec.keyWeight(bytes.length), false);
      }
    });
  }

  Set<PeerId> peersWithKeys() {
    guard.checkOpen();
    Set<PeerId> peers = PeerScans.newSet();
    try (UseGuard.Use use = guard.enter()) {
      scans.collect(ColumnFamily.KEYS, RocksKeyBook::keyCounts, peers);
    }
    return Collections.unmodifiableSet(peers);
  }

  /** Whether a stored key counts its peer as known: it decodes (scans skip corrupt ones). */
  static boolean keyCounts(PeerId p, byte[] key, byte[] value) throws CorruptValueException {
    if (StoreKeys.keyKindOf(key) == StoreKeys.KIND_PUBLIC) {
      ValueCodec.decodePubKey(p, value);
    } else {
      StoredPrivKey.decode(p, value);
    }
    return true;
  }

  /** A write of one key; both keys of a peer are loaded together (one column family). */
  private abstract static class KeyWrite implements PeerMutation {
    private final int book;

    KeyWrite(int book) {
      this.book = book;
    }

    @Override
    public int books() {
      return book;
    }

    @Override
    public String what() {
      return "write a key";
    }
  }

  /**
   * What to store for {@code p}'s private key {@code k} over {@code old}: null when nothing
   * needs writing (the same key stored the way this store writes keys), else {@code k}
   * encrypted when the store has a passphrase, unencrypted when not. Runs under the peer's
   * lock (an Argon2id derivation takes tens of milliseconds).
   *
   * @throws KeyProtectionException if the store has no passphrase and {@code old} is encrypted
   */
  private @Nullable StoredPrivKey storedPrivKey(PeerId p, PrivKey k, @Nullable StoredPrivKey old) {
    if (protector == null) {
      if (old != null && old.isEncrypted()) {
        throw new KeyProtectionException("private key of peer " + p + " is stored encrypted;"
            + " the store was opened without privateKeyProtection and does not replace it with"
            + " an unencrypted key");
      }
      return old != null && old.holdsPlain(k) ? null : StoredPrivKey.plain(p, k);
    }
    if (old != null && old.isEncrypted()) {
      try {
        if (Arrays.equals(old.key(protector).marshal(), k.marshal())) {
          return null;
        }
      } catch (KeyProtectionException undecryptable) {
        // Replaced by the caller's key, encrypted with this store's passphrase.
      }
    }
    return StoredPrivKey.forWrite(p, k, protector);
  }
}
