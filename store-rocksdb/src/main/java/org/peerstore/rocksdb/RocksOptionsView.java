package org.peerstore.rocksdb;

import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;

/**
 * The RocksDB options a store is about to open its database with, given to the callback of
 * {@link RocksPeerstoreBuilder#rocksOptions} once, after the store applied its own settings
 * (docs/STORAGE.md, "Tuning") and just before {@code RocksDB.open}. The callback may change any
 * of them, at its own risk: the store's guarantees (docs/STORAGE.md) assume the write-ahead log
 * stays on and the column families keep the store's comparator and merge behaviour (the
 * defaults). The objects belong to the store: the callback must neither close them nor keep
 * them; they are closed with the store. Replacing the table format config replaces the block
 * cache, bloom filters and index settings the store chose. Called on the thread that calls
 * {@code build()}; an exception it throws fails {@code build()} (everything opened so far is
 * released).
 */
public interface RocksOptionsView {
  /** The database-wide options. */
  DBOptions dbOptions();

  /**
   * The options shared by every point-lookup column family (default, addresses, records, keys,
   * protocols, metadata); they carry the bloom filter.
   */
  ColumnFamilyOptions lookupColumnFamilies();

  /** The options of the expiry index column family (iterated in key order, no bloom filter). */
  ColumnFamilyOptions expiryIndex();
}
