/**
 * The persistent peerstore: {@link org.peerstore.rocksdb.RocksPeerstore}, a
 * {@link org.peerstore.Peerstore} kept in RocksDB column families (one per book, plus an expiry
 * index for garbage collection) behind a Caffeine cache of decoded per-peer state.
 *
 * <p>All rules of the contract (time-to-live arithmetic, normalisation, caps and eviction,
 * record acceptance, protocol limits, metadata encoding, streams, latency) come from the shared
 * {@code org.peerstore.internal} package; the types here only decide how state is kept: key
 * framing ({@code StoreKeys}), value formats ({@code ValueCodec} and the protobuf messages in
 * {@code org.peerstore.rocksdb.pb}), the cache and write-through ({@code PeerStates}), the
 * RocksDB lifecycle and tuning ({@code StoreDb}), expiry-driven collection
 * ({@code ExpiryCollector}), and private keys encrypted at rest with a passphrase
 * ({@code KeyProtector}, {@code EncryptedPrivKey}, {@code StoredPrivKey}). The on-disk layout
 * and the atomicity, durability and corruption guarantees are described in
 * {@code docs/STORAGE.md} at the repository root.
 *
 * <p><b>Parts and the one write path.</b> {@code RocksPeerstore} is a thin facade over the
 * package-private parts {@code StoreParts} builds and releases: one per book
 * ({@code RocksAddrBook}, {@code RocksRecordBook}, {@code RocksKeyBook},
 * {@code RocksProtocolBook}, {@code RocksMetadataBook}), each of which checks its input and says
 * what changes as a {@code PeerMutation}. Every mutation of every book, garbage collection,
 * restore and {@code removePeer} goes through {@code PeerWrites.write}, the only writer: use
 * guard, the peer's striped lock, loading, one {@code Batch}, the commit to RocksDB and
 * the cache, the global caps, the expiry watermark, error mapping, and publication to the
 * address streams once the lock is released.
 *
 * <p>Offline maintenance of a store directory (what the operator tool {@code peerstore-tool}
 * runs on a stopped node's store) is {@link org.peerstore.rocksdb.RocksMaintenance}: counts,
 * garbage collection, compaction, verification and repair, and a raw per-peer dump, through the
 * raw RocksDB API and the same codecs. Public besides {@code RocksPeerstore} and its builder:
 * {@code RocksMaintenance}, its result records ({@code StoreStats}, {@code GcReport},
 * {@code CompactionReport}, {@code StoreProblem}, {@code RepairReport}, {@code PeerDump}),
 * {@code MaintenanceProgress}, and for moving encrypted private keys without their passphrase
 * {@code EncryptedPrivKey} and {@code EncryptedSnapshot}.
 *
 * <p><b>Observability.</b> {@code RocksPeerstore.stats()} returns a
 * {@code RocksPeerstoreStats} read by {@code StatsReader} from the parts' counters and
 * {@code StoreDb}'s properties, block cache and optional RocksDB {@code Statistics};
 * {@code RocksLog} passes RocksDB's own log to {@code System.Logger}; {@code RocksOptionsView}
 * is what the builder's options callback sees (docs/STORAGE.md, "Observability").
 */
@NullMarked
package org.peerstore.rocksdb;

import org.jspecify.annotations.NullMarked;
