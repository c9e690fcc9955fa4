package org.peerstore.rocksdb;

/**
 * What {@link RocksMaintenance#collectGarbage} removed. Immutable.
 *
 * @param expiredAddrs expired addresses removed
 * @param peersCollected peers that had expired addresses removed
 * @param peersEmptied peers left without any address (their address value is gone)
 * @param records signed records removed because their peer was left without addresses
 * @param orphanedRecords signed records removed that had no address value at all
 * @param staleIndexEntries expiry index entries removed that no longer matched their peer
 * @param unreadableSkipped due index entries skipped because the entry or the peer's address
 *     value could not be decoded (left for {@link RocksMaintenance#verify})
 * @param expiredBans expired bans removed (docs/CONTRACT.md §14)
 */
public record GcReport(
    long expiredAddrs,
    long peersCollected,
    long peersEmptied,
    long records,
    long orphanedRecords,
    long staleIndexEntries,
    long unreadableSkipped,
    long expiredBans) {

  /** A report of the address collection alone (no ban removed). */
  public GcReport(long expiredAddrs, long peersCollected, long peersEmptied, long records,
      long orphanedRecords, long staleIndexEntries, long unreadableSkipped) {
    this(expiredAddrs, peersCollected, peersEmptied, records, orphanedRecords, staleIndexEntries,
        unreadableSkipped, 0);
  }
}
