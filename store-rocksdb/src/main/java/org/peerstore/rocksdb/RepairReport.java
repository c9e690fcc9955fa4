package org.peerstore.rocksdb;

/**
 * What {@link RocksMaintenance#repair} changed. Immutable.
 *
 * @param deletedEntries entries deleted
 * @param addedIndexEntries expiry index entries added
 */
public record RepairReport(long deletedEntries, long addedIndexEntries) {}
