package org.peerstore.rocksdb;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.peerstore.internal.InputLimits;
import org.peerstore.internal.MetadataValues;
import org.peerstore.peer.PeerId;

/**
 * The metadata book of the RocksDB store (docs/CONTRACT.md §7): one RocksDB value per key,
 * encoded by {@link MetadataValues}. With the cache on, a peer's metadata is cached with its
 * other books; with it off, a read or write touches only the one key (a write never loads the
 * peer's other keys). Thread-safe.
 */
// "try": resources held only for their scope (a use of the store) are never read.
@SuppressWarnings("try")
final class RocksMetadataBook {
  private final UseGuard guard;
  private final PeerWrites writes;
  private final StoreDb db;
  private final CorruptionLog corruption;
  private final MetadataValues metadataValues;
  private final InputLimits inputLimits;

  RocksMetadataBook(UseGuard guard, PeerWrites writes, StoreDb db, CorruptionLog corruption,
      MetadataValues metadataValues, InputLimits inputLimits) {
    this.guard = guard;
    this.writes = writes;
    this.db = db;
    this.corruption = corruption;
    this.metadataValues = metadataValues;
    this.inputLimits = inputLimits;
  }

  Optional<Object> get(PeerId peer, String key) {
    guard.checkOpen();
    Objects.requireNonNull(peer, "peer id");
    Objects.requireNonNull(key, "key");
    byte[] bytes;
    if (writes.states().cached()) {
      bytes = writes.states().read(peer, PeerState.METADATA).metadata.get(key);
    } else {
      try (UseGuard.Use use = guard.enter()) {
        bytes = db.get(ColumnFamily.METADATA, StoreKeys.metadata(peer.toBytes(), key));
      } catch (UnreadableEntryException e) {
        corruption.report(ColumnFamily.METADATA, StoreKeys.metadata(peer.toBytes(), key),
            e.failure(0));
        return Optional.empty();
      }
    }
    if (bytes == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(metadataValues.decode(bytes));
    } catch (RuntimeException e) {
      corruption.report(ColumnFamily.METADATA, StoreKeys.metadata(peer.toBytes(), key),
          new CorruptValueException("undecodable metadata value: " + e.getMessage(), e));
      return Optional.empty();
    }
  }

  void put(PeerId peer, String key, Object value) {
    guard.checkOpen();
    Objects.requireNonNull(peer, "peer id");
    inputLimits.checkMetadataKey(key);
    byte[] bytes = metadataValues.encode(value);
    inputLimits.checkMetadataValue(bytes);
    byte[] dbKey = StoreKeys.metadata(peer.toBytes(), key);
    boolean cached = writes.states().cached();
    writes.write(peer, new PeerMutation() {
      @Override
      public int books() {
        // Uncached, the write loads nothing: the returned state is not kept.
        return cached ? PeerState.METADATA : 0;
      }

      @Override
      public String what() {
        return "write metadata";
      }

      @Override
      public PeerState apply(PeerState old, Batch batch, long nowNanos, long room) {
        batch.put(ColumnFamily.METADATA, dbKey, bytes);
        Map<String, byte[]> metadata = new LinkedHashMap<>(old.metadata);
        metadata.put(key, bytes);
        return old.withMetadata(Collections.unmodifiableMap(metadata), weight(metadata));
      }
    });
  }

  /** Whether a stored metadata value decodes, for scans that count peers. */
  boolean counts(PeerId p, byte[] key, byte[] value) throws CorruptValueException {
    try {
      metadataValues.decode(value);
      return true;
    } catch (RuntimeException e) {
      throw new CorruptValueException("undecodable metadata value: " + e.getMessage(), e);
    }
  }

  /** The cache weight of a peer's metadata. */
  static int weight(Map<String, byte[]> metadata) {
    int w = 0;
    for (Map.Entry<String, byte[]> e : metadata.entrySet()) {
      w += ValueCodec.metadataEntryWeight(e.getKey().length() * 2, e.getValue().length);
    }
    return w;
  }
}
