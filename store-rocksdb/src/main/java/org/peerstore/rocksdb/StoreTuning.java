package org.peerstore.rocksdb;

import java.lang.System.Logger.Level;
import java.util.function.Consumer;
import org.rocksdb.Cache;
import org.rocksdb.WriteBufferManager;

/**
 * The RocksDB knobs a {@link RocksPeerstoreBuilder} exposes, validated by the builder
 * (docs/STORAGE.md, "Tuning", explains each default; "Observability" the rest).
 *
 * @param blockCacheBytes size of the LRU block cache shared by every column family (unused
 *     when {@code sharedBlockCache} is given)
 * @param bloomBitsPerKey bits per key of the bloom filters on the point-lookup column families
 * @param writeBufferBytes memtable size of each column family
 * @param syncWrites whether each write batch is fsynced before the call returns
 * @param statistics whether RocksDB {@code Statistics} are collected (ticker counters)
 * @param logLevel the least level of RocksDB's own log lines passed to {@link System.Logger}
 *     ({@link Level#OFF}: none)
 * @param sharedBlockCache a block cache owned by the caller, or null for the store's own
 * @param writeBufferManager a write buffer manager owned by the caller, or null
 * @param optionsCallback called with the options just before the database opens, or null
 */
record StoreTuning(long blockCacheBytes, double bloomBitsPerKey, long writeBufferBytes,
    boolean syncWrites, boolean statistics, Level logLevel, Cache sharedBlockCache,
    WriteBufferManager writeBufferManager, Consumer<RocksOptionsView> optionsCallback) {

  /** The defaults for everything but the four basic knobs. */
  StoreTuning(long blockCacheBytes, double bloomBitsPerKey, long writeBufferBytes,
      boolean syncWrites) {
    this(blockCacheBytes, bloomBitsPerKey, writeBufferBytes, syncWrites, false,
        RocksPeerstoreBuilder.DEFAULT_ROCKS_LOG_LEVEL, null, null, null);
  }
}
