package org.peerstore.rocksdb;

import java.util.List;
import java.util.Objects;

/**
 * What a store directory holds, counted by {@link RocksMaintenance#stats} in one pass over
 * every column family, with RocksDB's own size estimates. Immutable.
 *
 * @param peers distinct peers with anything stored in any book (addresses, record, keys,
 *     protocols, metadata), also peers whose addresses all expired but are not collected yet
 * @param liveAddrs stored addresses unexpired at the time of the count (connected ones included)
 * @param expiredAddrs stored addresses already expired, waiting for garbage collection
 * @param connectedAddrs stored addresses with a connected or permanent ttl (ttl at least
 *     {@code AddrTtl.CONNECTED}: they never expire)
 * @param signedRecords stored signed peer records
 * @param publicKeys stored public keys
 * @param privateKeys stored private keys
 * @param protocols protocol entries over all peers
 * @param metadataEntries metadata entries over all peers
 * @param expiryIndexEntries entries of the expiry index
 * @param bannedPeers peer bans in force at the time of the count (docs/CONTRACT.md §14)
 * @param bannedIps IP address bans in force
 * @param bannedSubnets subnet bans in force
 * @param expiredBans bans already expired, waiting for garbage collection
 * @param taggedPeers peers with a stored tag, expired or decayed-away ones included
 *     (docs/CONTRACT.md §15)
 * @param protectedPeers peers with a protection
 * @param dialPeers peers with a stored dial history (docs/CONTRACT.md §16), also histories past
 *     the default retention not collected yet
 * @param dialPeersInBackoff of those, peers in backoff at the time of the count under the
 *     default backoff ({@code DialBackoff.DEFAULT}: offline, the store's options are not known)
 * @param unreadableEntries entries whose key or value could not be decoded (see
 *     {@link RocksMaintenance#verify})
 * @param sizeOnDiskBytes bytes of every file in the directory
 * @param columnFamilies per column family sizes, in the store's column family order
 */
public record StoreStats(
    long peers,
    long liveAddrs,
    long expiredAddrs,
    long connectedAddrs,
    long signedRecords,
    long publicKeys,
    long privateKeys,
    long protocols,
    long metadataEntries,
    long expiryIndexEntries,
    long bannedPeers,
    long bannedIps,
    long bannedSubnets,
    long expiredBans,
    long taggedPeers,
    long protectedPeers,
    long dialPeers,
    long dialPeersInBackoff,
    long unreadableEntries,
    long sizeOnDiskBytes,
    List<ColumnFamilyStats> columnFamilies) {

  /** Copies the list. */
  public StoreStats {
    columnFamilies = List.copyOf(columnFamilies);
  }

  /**
   * Entries of the protocol index (docs/STORAGE.md, "Protocol index"): one per protocol of
   * every stored protocol set, so equal to {@link #protocols()} when the index agrees; 0 for a
   * directory older than the index.
   */
  public long protocolIndexEntries() {
    for (ColumnFamilyStats cf : columnFamilies) {
      if (cf.name().equals(ColumnFamily.PROTOCOL_INDEX.cfName())) {
        return cf.entries();
      }
    }
    return 0;
  }

  /**
   * Sizes of one column family.
   *
   * @param name the column family's name
   * @param entries entries counted by the scan
   * @param keyValueBytes bytes of those keys and values, uncompressed
   * @param sstFileBytes bytes of its SST files on disk ({@code rocksdb.total-sst-files-size})
   * @param memtableBytes bytes of its memtables ({@code rocksdb.cur-size-all-mem-tables})
   * @param estimatedKeys RocksDB's estimate of its keys ({@code rocksdb.estimate-num-keys})
   * @param estimatedLiveDataBytes RocksDB's estimate of its live data
   *     ({@code rocksdb.estimate-live-data-size})
   * @param pendingCompactionBytes RocksDB's estimate of bytes compaction still has to rewrite
   *     ({@code rocksdb.estimate-pending-compaction-bytes})
   */
  public record ColumnFamilyStats(
      String name,
      long entries,
      long keyValueBytes,
      long sstFileBytes,
      long memtableBytes,
      long estimatedKeys,
      long estimatedLiveDataBytes,
      long pendingCompactionBytes) {
    /** Checks the name. */
    public ColumnFamilyStats {
      Objects.requireNonNull(name, "name");
    }
  }
}
