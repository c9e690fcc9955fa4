package org.peerstore.memory;

import java.util.Comparator;
import java.util.PriorityQueue;
import org.peerstore.peer.PeerId;
import org.jspecify.annotations.Nullable;

/**
 * When each peer's next address expires: a priority queue of (expiry, peer) entries, earliest
 * first. Entries are never removed early; a peer whose next expiry moved leaves a stale entry
 * behind, which the collector recognises and skips ({@link MemoryPeer#scheduledExpiry}).
 *
 * <p>Thread-safe (one monitor; never held while taking a peer's lock).
 */
final class ExpiryQueue {

  /** One entry: {@code peer} has an address expiring at {@code expiry} (epoch nanos). */
  record Due(long expiry, PeerId peer) {}

  private final PriorityQueue<Due> queue =
      new PriorityQueue<>(Comparator.comparingLong(Due::expiry));

  /** Adds an entry. */
  synchronized void add(long expiry, PeerId peer) {
    queue.add(new Due(expiry, peer));
  }

  /** Removes and returns the earliest entry if it is due at {@code nowNanos}, else null. */
  synchronized @Nullable Due pollDue(long nowNanos) {
    Due head = queue.peek();
    if (head == null || head.expiry() > nowNanos) {
      return null;
    }
    return queue.poll();
  }

  /** How many entries are queued, stale ones included. */
  synchronized int size() {
    return queue.size();
  }

  /** Drops every entry. */
  synchronized void clear() {
    queue.clear();
  }
}
