/**
 * The CometBFT PEX address book over any {@link org.peerstore.Peerstore}:
 * {@link org.peerstore.addrbook.AddressBook}, built by
 * {@link org.peerstore.addrbook.AddressBookBuilder}.
 *
 * <p>Known addresses ({@link org.peerstore.addrbook.KnownAddress}: node id, IP, port, source,
 * attempts and times) live in 256 new and 64 old buckets of 64 entries, placed by the address's
 * and its source's group under a keyed hash, with CometBFT's operations (add, mark good,
 * attempt and bad, pick, selections). Every change is one atomic per-peer metadata write of the
 * store, so nothing acknowledged is lost and no address is ever half-moved; bans go to the
 * store's ban book. {@link org.peerstore.addrbook.AddrBookJson} reads and writes CometBFT's
 * {@code addrbook.json}. The rules, the stored format and what differs from CometBFT are in
 * docs/ADDRBOOK.md.
 */
@NullMarked
package org.peerstore.addrbook;

import org.jspecify.annotations.NullMarked;
