package org.peerstore.rocksdb;

import java.util.Map;
import java.util.Set;
import org.peerstore.peer.PeerId;
import org.jspecify.annotations.Nullable;

/**
 * {@code removePeer} as a {@link PeerMutation} (docs/CONTRACT.md §9): deletes the peer's keys,
 * protocols and every metadata key (also one whose name does not decode); addresses and the
 * signed record stay, as in go-libp2p.
 */
final class PeerRemoval implements PeerMutation {
  private final StoreDb db;
  private final byte[] id;

  PeerRemoval(StoreDb db, PeerId peer) {
    this.db = db;
    this.id = peer.toBytes();
  }

  @Override
  public int books() {
    return PeerState.KEYS | PeerState.PROTOCOLS;
  }

  @Override
  public String what() {
    return "remove a peer";
  }

  @Override
  public @Nullable PeerState apply(PeerState old, Batch batch, long nowNanos, long room) {
    if (old.pubKey != null || old.privKey != null || old.isCorrupt(PeerState.KEYS)) {
      batch.delete(ColumnFamily.KEYS, StoreKeys.key(id, StoreKeys.KIND_PUBLIC));
      batch.delete(ColumnFamily.KEYS, StoreKeys.key(id, StoreKeys.KIND_PRIVATE));
    }
    if (!old.protocols.isEmpty() || old.isCorrupt(PeerState.PROTOCOLS)) {
      batch.delete(ColumnFamily.PROTOCOLS, StoreKeys.peer(id));
      ProtocolIndex.update(db, batch, id, old, Set.of());
    }
    byte[] prefix = StoreKeys.peer(id);
    db.scan(ColumnFamily.METADATA, prefix, StoreKeys.prefixEnd(prefix), false, (k, v) -> {
      batch.delete(ColumnFamily.METADATA, k);
      return true;
    });
    if (batch.count() == 0) {
      return null;
    }
    return old.withPubKey(null, 0, false)
        .withPrivKey(null, 0, false)
        .withProtocols(Set.of(), 0, false)
        .withMetadata(Map.of(), 0);
  }
}
