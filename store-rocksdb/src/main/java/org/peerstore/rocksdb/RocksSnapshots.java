package org.peerstore.rocksdb;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.peerstore.Ban;
import org.peerstore.KeyProtectionException;
import org.peerstore.PeerSnapshot;
import org.peerstore.Snapshots;
import org.peerstore.StorageException;
import org.peerstore.internal.AddrChange;
import org.peerstore.internal.AddrState;
import org.peerstore.internal.InputLimits;
import org.peerstore.internal.Limits;
import org.peerstore.internal.MetadataValues;
import org.peerstore.internal.SnapshotRules;
import org.peerstore.crypto.PrivKey;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.jspecify.annotations.Nullable;

/**
 * {@link Snapshots} for {@link RocksPeerstore}: reads a peer's books under its lock and writes
 * a whole snapshot as one batch across {@code addrs}, {@code expiry}, {@code records},
 * {@code keys}, {@code protocols} and {@code metadata}, keeping the cache and the global counts
 * in step exactly as the store's other mutations do.
 *
 * <p>Thread-safe under the store's locking protocol (peer lock, {@link UseGuard.Use}).
 */
// Guards held for their scope only (UseGuard.Use) are never referenced.
@SuppressWarnings("try")
final class RocksSnapshots implements Snapshots {
  private final StoreDb db;
  private final PeerWrites writes;
  private final StripedLocks locks;
  private final UseGuard guard;
  private final Limits limits;
  private final MetadataValues metadataValues;
  private final InputLimits inputLimits;
  private final @Nullable KeyProtector protector;
  private final RocksBanBook bans;

  RocksSnapshots(StoreDb db, PeerWrites writes, StripedLocks locks, UseGuard guard,
      Limits limits, MetadataValues metadataValues, InputLimits inputLimits,
      @Nullable KeyProtector protector, RocksBanBook bans) {
    this.db = db;
    this.writes = writes;
    this.locks = locks;
    this.guard = guard;
    this.limits = limits;
    this.metadataValues = metadataValues;
    this.inputLimits = inputLimits;
    this.protector = protector;
    this.bans = bans;
  }

  @Override
  public boolean restoreBan(Ban ban) {
    return bans.restore(ban);
  }

  @Override
  public Optional<PeerSnapshot> snapshot(PeerId p) {
    PeerState s = read(p);
    PrivKey priv = s.privKey == null ? null : s.privKey.key(protector);
    return Optional.ofNullable(SnapshotRules.of(p, s.addrs.entries(), s.record, s.pubKey,
        priv, s.protocols, s.metadata));
  }

  /**
   * Like {@link #snapshot}, but a private key stored encrypted is returned as stored, never
   * decrypted (no passphrase needed).
   */
  Optional<EncryptedSnapshot> snapshotEncrypted(PeerId p) {
    PeerState s = read(p);
    StoredPrivKey stored = s.privKey;
    EncryptedPrivKey encrypted = stored == null ? null : stored.encryptedValue();
    PrivKey plain = stored == null ? null : stored.plainKey();
    PeerSnapshot books = SnapshotRules.of(p, s.addrs.entries(), s.record, s.pubKey, plain,
        s.protocols, s.metadata);
    if (books == null && encrypted != null) {
      books = PeerSnapshot.empty(p);
    }
    return books == null ? Optional.empty() : Optional.of(new EncryptedSnapshot(books, encrypted));
  }

  private PeerState read(PeerId p) {
    Objects.requireNonNull(p, "peer id");
    guard.checkOpen();
    try (UseGuard.Use use = guard.enter()) {
      ReentrantLock lock = locks.of(p);
      lock.lock();
      try {
        return writes.states().forRead(p, PeerState.ALL);
      } finally {
        lock.unlock();
      }
    }
  }

  /** {@inheritDoc} */
  @Override
  public void checkRestore(PeerSnapshot s) {
    inputLimits.checkSnapshot(Objects.requireNonNull(s, "snapshot"));
    guard.checkOpen();
    SnapshotRules.check(s, limits, metadataValues);
  }

  /**
   * {@link #checkRestore(PeerSnapshot)} of the books, and, with a passphrase, that the
   * encrypted private key decrypts with it.
   *
   * @return the decrypted private key, or null when none is given or the store has no
   *     passphrase
   * @throws KeyProtectionException if the store has a passphrase and the key does not decrypt
   *     with it to the peer's key
   */
  @Nullable PrivKey checkRestore(EncryptedSnapshot s) {
    Objects.requireNonNull(s, "snapshot");
    checkRestore(s.books());
    if (s.encryptedPrivKey() == null || protector == null) {
      return null;
    }
    return protector.open(s.books().peer(), s.encryptedPrivKey());
  }

  /** {@link #restore(PeerSnapshot)} with an encrypted private key; see {@link RocksPeerstore}. */
  void restore(EncryptedSnapshot s) {
    if (Objects.requireNonNull(s, "snapshot").encryptedPrivKey() == null) {
      restore(s.books());
      return;
    }
    PrivKey known = checkRestore(s);
    PeerId p = s.books().peer();
    restore(s.books(), StoredPrivKey.encrypted(p, s.encryptedPrivKey(), known));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Every stored key of the peer's metadata is deleted in the same batch, also one whose
   * name does not decode; corrupt values of the other books are overwritten or deleted.
   *
   * @throws StorageException if RocksDB fails (nothing of the batch was applied)
   */
  @Override
  public void restore(PeerSnapshot s) {
    checkRestore(s);
    PeerId p = s.peer();
    PrivKey k = s.privKey();
    // Encrypted before the peer's lock is taken: Argon2 takes tens of milliseconds.
    restore(s, k == null ? null : StoredPrivKey.forWrite(p, k, protector));
  }

  /** Writes {@code s} with {@code priv} (null: none) as its private key. */
  private void restore(PeerSnapshot s, @Nullable StoredPrivKey priv) {
    writes.write(s.peer(), new Restore(s, priv));
  }

  /**
   * A restore as one {@link PeerMutation}: every book of the peer replaced by the snapshot's.
   * All or nothing under the address cap: without room for every unconnected address of the
   * snapshot, nothing is written.
   */
  private final class Restore implements PeerMutation {
    private final PeerSnapshot s;
    private final StoredPrivKey priv;
    private AddrChange change = AddrChange.NONE;

    Restore(PeerSnapshot s, @Nullable StoredPrivKey priv) {
      this.s = s;
      this.priv = priv;
    }

    @Override
    public int books() {
      return PeerState.ALL;
    }

    @Override
    public String what() {
      return "restore a peer snapshot";
    }

    private long delta(PeerState old) {
      return s.unconnectedCount() - old.addrs.unconnectedCount();
    }

    @Override
    public long wantedRoom(PeerState old) {
      return Math.max(0, delta(old));
    }

    @Override
    public void checkRoom(PeerState old, long room) {
      long delta = delta(old);
      SnapshotRules.checkAddrRoom(delta, delta > 0 ? room : 0);
    }

    @Override
    public boolean takesRecordSlot(PeerState old) {
      return old.record == null && !old.isCorrupt(PeerState.RECORD) && s.record() != null;
    }

    @Override
    public PeerState apply(PeerState old, Batch batch, long nowNanos, long room) {
      byte[] privBytes = priv == null ? null : priv.storedBytes();
      PeerId p = s.peer();
      byte[] id = p.toBytes();
      byte[] peerKey = StoreKeys.peer(id);
      AddrState next = old.addrs.copy();
      change = next.replaceAll(SnapshotRules.entries(s));
      int addrBytes = AddrMutation.putAddrs(batch, db, p, old, next, s.record());
      if (s.record() == null && !next.isEmpty()) {
        batch.delete(ColumnFamily.RECORDS, peerKey);
      }
      byte[] pub = s.pubKey() == null ? null : s.pubKey().marshal();
      putOrDelete(batch, ColumnFamily.KEYS, StoreKeys.key(id, StoreKeys.KIND_PUBLIC), pub);
      putOrDelete(batch, ColumnFamily.KEYS, StoreKeys.key(id, StoreKeys.KIND_PRIVATE), privBytes);
      byte[] protocols =
          s.protocols().isEmpty() ? null : ValueCodec.encodeProtocols(s.protocols());
      putOrDelete(batch, ColumnFamily.PROTOCOLS, peerKey, protocols);
      ProtocolIndex.update(db, batch, id, old, s.protocols());
      db.scan(ColumnFamily.METADATA, peerKey, StoreKeys.prefixEnd(peerKey), false, (k, v) -> {
        batch.delete(ColumnFamily.METADATA, k);
        return true;
      });
      Map<String, byte[]> metadata = new LinkedHashMap<>();
      for (Map.Entry<String, byte[]> e : s.metadata().entrySet()) {
        byte[] value = e.getValue().clone();
        batch.put(ColumnFamily.METADATA, StoreKeys.metadata(id, e.getKey()), value);
        metadata.put(e.getKey(), value);
      }
      return old.withAddrs(next, ValueCodec.addrsWeight(addrBytes, next.size()), false)
          .withRecord(s.record(), s.record() == null ? 0
              : ValueCodec.recordWeight(s.record().size()), false)
          .withPubKey(s.pubKey(), pub == null ? 0 : ValueCodec.keyWeight(pub.length), false)
          .withPrivKey(priv, privBytes == null ? 0 : ValueCodec.keyWeight(privBytes.length),
              false)
          .withProtocols(s.protocols(), protocols == null ? 0
              : ValueCodec.protocolsWeight(protocols.length, s.protocols().size()), false)
          .withMetadata(metadata.isEmpty() ? Map.of()
              : Collections.unmodifiableMap(metadata), RocksMetadataBook.weight(metadata));
    }

    @Override
    public List<Multiaddr> inserted() {
      return change.inserted();
    }
  }

  private void putOrDelete(Batch batch, ColumnFamily cf, byte[] key, byte @Nullable [] value) {
    if (value == null) {
      batch.delete(cf, key);
    } else {
      batch.put(cf, key, value);
    }
  }
}
