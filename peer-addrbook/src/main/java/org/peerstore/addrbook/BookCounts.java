package org.peerstore.addrbook;

import java.util.Optional;
import org.peerstore.Peerstore;
import org.peerstore.peer.PeerId;

/**
 * How many addresses a store's address book holds, read without writing (for tools): entries by
 * their stored kind, before the repairs a load would make (docs/ADDRBOOK.md, "Loading").
 *
 * @param newCount entries stored as new
 * @param oldCount entries stored as old
 * @param bannedCount entries held as banned
 */
public record BookCounts(int newCount, int oldCount, int bannedCount) {

  /**
   * The counts of {@code store}'s address book, or empty if it has none (no key stored).
   * Reads only; thread-safe as the store is.
   */
  public static Optional<BookCounts> of(Peerstore store) {
    if (store.get(NodeIds.BOOK_PEER, NodeIds.BOOK_KEY).isEmpty()) {
      return Optional.empty();
    }
    int n = 0;
    int o = 0;
    int b = 0;
    for (PeerId p : store.peers()) {
      if (NodeIds.nodeIdOf(p).isEmpty()) {
        continue;
      }
      Optional<Object> v = store.get(p, NodeIds.ENTRY_KEY);
      if (v.isEmpty() || !(v.get() instanceof byte[] bytes) || bytes.length < 2) {
        continue;
      }
      switch (bytes[1]) {
        case EntryCodec.NEW -> n++;
        case EntryCodec.OLD -> o++;
        case EntryCodec.BANNED_NEW, EntryCodec.BANNED_OLD -> b++;
        default -> { }
      }
    }
    return Optional.of(new BookCounts(n, o, b));
  }
}
