package org.peerstore.rocksdb;

/**
 * The RocksDB knobs a {@link RocksPeerstoreBuilder} exposes, validated by the builder
 * (docs/STORAGE.md, "Tuning", explains each default).
 *
 * @param blockCacheBytes size of the LRU block cache shared by every column family
 * @param bloomBitsPerKey bits per key of the bloom filters on the point-lookup column families
 * @param writeBufferBytes memtable size of each column family
 * @param syncWrites whether each write batch is fsynced before the call returns
 */
record StoreTuning(long blockCacheBytes, double bloomBitsPerKey, long writeBufferBytes,
    boolean syncWrites) {}
