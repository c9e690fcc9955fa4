package org.peerstore.addrbook;

/**
 * What {@link AddressBook#importFile} did.
 *
 * @param imported entries written to the book (new or replacing an entry of the same node id)
 * @param skipped entries left out because every one of their buckets was already full
 * @param keyAdopted whether the book took the file's key (only an empty book does)
 */
public record ImportResult(int imported, int skipped, boolean keyAdopted) {}
