package org.peerstore.rocksdb;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.peerstore.PeerSnapshot;
import org.peerstore.Snapshots;
import org.peerstore.StorageException;
import org.peerstore.internal.AddrState;
import org.peerstore.internal.AddrStreams;
import org.peerstore.internal.Limits;
import org.peerstore.internal.MetadataValues;
import org.peerstore.internal.RecordRules;
import org.peerstore.internal.SnapshotRules;
import org.peerstore.peer.PeerId;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * {@link Snapshots} for {@link RocksPeerstore}: reads a peer's books under its lock and writes
 * a whole snapshot as one batch across {@code addrs}, {@code expiry}, {@code records},
 * {@code keys}, {@code protocols} and {@code metadata}, keeping the cache and the global counts
 * in step exactly as the store's other mutations do.
 *
 * <p>Thread-safe under the store's locking protocol (peer lock, {@link UseGuard.Use}).
 */
// Guards held for their scope only (UseGuard.Use, GlobalCounts.Growth) are never referenced.
@SuppressWarnings("try")
final class RocksSnapshots implements Snapshots {
  private final StoreDb db;
  private final PeerStates states;
  private final StripedLocks locks;
  private final UseGuard guard;
  private final GlobalCounts counts;
  private final Limits limits;
  private final MetadataValues metadataValues;
  private final AddrStreams streams;

  RocksSnapshots(StoreDb db, PeerStates states, StripedLocks locks, UseGuard guard,
      GlobalCounts counts, Limits limits, MetadataValues metadataValues, AddrStreams streams) {
    this.db = db;
    this.states = states;
    this.locks = locks;
    this.guard = guard;
    this.counts = counts;
    this.limits = limits;
    this.metadataValues = metadataValues;
    this.streams = streams;
  }

  /**
   * {@inheritDoc}
   *
   * <p>A peer not in the cache is loaded (and cached, as any read does). Values found corrupt
   * are left out, as every read leaves them out.
   */
  @Override
  public Optional<PeerSnapshot> snapshot(PeerId p) {
    Objects.requireNonNull(p, "peer id");
    guard.checkOpen();
    try (UseGuard.Use use = guard.enter()) {
      ReentrantLock lock = locks.of(p);
      lock.lock();
      try {
        PeerState s = states.forRead(p, PeerState.ALL);
        return Optional.ofNullable(SnapshotRules.of(p, s.addrs.entries(), s.record, s.pubKey,
            s.privKey, s.protocols, s.metadata));
      } finally {
        lock.unlock();
      }
    }
  }

  /** {@inheritDoc} */
  @Override
  public void checkRestore(PeerSnapshot s) {
    Objects.requireNonNull(s, "snapshot");
    guard.checkOpen();
    SnapshotRules.check(s, limits, metadataValues);
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
    byte[] id = p.toBytes();
    byte[] peerKey = StoreKeys.peer(id);
    List<AddrState.Entry> entries = SnapshotRules.entries(s);
    AddrState.Change change;
    try (UseGuard.Use use = guard.enter();
        GlobalCounts.Growth g = counts.growth();
        WriteBatch batch = new WriteBatch()) {
      ReentrantLock lock = locks.of(p);
      lock.lock();
      try {
        PeerState old = states.forWrite(p, PeerState.ALL);
        AddrState next = old.addrs.copy();
        int before = next.unconnectedCount();
        SnapshotRules.checkAddrRoom(s.unconnectedCount() - before, counts.addrRoom());
        boolean hadRecord = old.record != null || old.isCorrupt(PeerState.RECORD);
        if (!hadRecord && s.record() != null) {
          RecordRules.checkRecordRoom(limits, counts.records());
        }
        change = next.replaceAll(entries);
        int addrBytes = PeerStates.putAddrs(batch, db, p, old, next, s.record());
        if (s.record() == null && !next.isEmpty()) {
          batch.delete(db.handle(ColumnFamily.RECORDS), peerKey);
        }
        byte[] pub = s.pubKey() == null ? null : s.pubKey().marshal();
        byte[] priv = s.privKey() == null ? null : s.privKey().marshal();
        putOrDelete(batch, ColumnFamily.KEYS, StoreKeys.key(id, StoreKeys.KIND_PUBLIC), pub);
        putOrDelete(batch, ColumnFamily.KEYS, StoreKeys.key(id, StoreKeys.KIND_PRIVATE), priv);
        byte[] protocols =
            s.protocols().isEmpty() ? null : ValueCodec.encodeProtocols(s.protocols());
        putOrDelete(batch, ColumnFamily.PROTOCOLS, peerKey, protocols);
        db.scan(ColumnFamily.METADATA, peerKey, StoreKeys.prefixEnd(peerKey), false, (k, v) -> {
          try {
            batch.delete(db.handle(ColumnFamily.METADATA), k);
          } catch (RocksDBException e) {
            throw StorageErrors.of("prepare a metadata delete", e);
          }
          return true;
        });
        Map<String, byte[]> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : s.metadata().entrySet()) {
          byte[] value = e.getValue().clone();
          batch.put(db.handle(ColumnFamily.METADATA), StoreKeys.metadata(id, e.getKey()), value);
          metadata.put(e.getKey(), value);
        }

        PeerState updated = null;
        if (states.cached()) {
          updated = old.withAddrs(next, ValueCodec.addrsWeight(addrBytes, next.size()), false)
              .withRecord(s.record(), s.record() == null ? 0
                  : ValueCodec.recordWeight(s.record().size()), false)
              .withPubKey(s.pubKey(), pub == null ? 0 : ValueCodec.keyWeight(pub.length), false)
              .withPrivKey(s.privKey(), priv == null ? 0 : ValueCodec.keyWeight(priv.length),
                  false)
              .withProtocols(s.protocols(), protocols == null ? 0
                  : ValueCodec.protocolsWeight(protocols.length, s.protocols().size()), false)
              .withMetadata(metadata.isEmpty() ? Map.of()
                  : Collections.unmodifiableMap(metadata), PeerStates.metadataWeight(metadata));
        }
        states.commitAddrs(p, batch, updated, next, "restore a peer snapshot");
        counts.applied(next.unconnectedCount() - before,
            (s.record() != null ? 1 : 0) - (hadRecord ? 1 : 0));
      } finally {
        lock.unlock();
      }
    } catch (RocksDBException e) {
      throw StorageErrors.of("prepare a peer restore", e);
    }
    streams.publish(p, change.inserted());
  }

  private void putOrDelete(WriteBatch batch, ColumnFamily cf, byte[] key, byte[] value)
      throws RocksDBException {
    if (value == null) {
      batch.delete(db.handle(cf), key);
    } else {
      batch.put(db.handle(cf), key, value);
    }
  }
}
