package org.peerstore.memory;

import java.time.Clock;
import java.util.function.Consumer;
import java.util.concurrent.locks.ReentrantLock;
import org.peerstore.PeerstoreEvent;
import org.peerstore.internal.PeerTags;
import org.peerstore.internal.TagIndex;
import org.peerstore.internal.TagOps;
import org.peerstore.internal.Ttl;
import org.peerstore.peer.PeerId;

/**
 * The tag book of the memory store (docs/CONTRACT.md §15): the shared {@link TagIndex} is the
 * state, the shared {@link TagOps} the operations; this part only serialises the writes. Kept
 * apart from the peers' states: tagging does not make a peer known.
 *
 * <p>Thread-safe. Every tag write (and collection) is atomic under the book's lock; reads take
 * no lock and see the last completed write of the peer.
 */
final class MemoryTagBook {
  private final ReentrantLock lock = new ReentrantLock();
  private final TagIndex index = new TagIndex();
  private final Clock clock;
  private final TagOps ops;

  MemoryTagBook(PeerWrites writes, Clock clock, Consumer<? super PeerstoreEvent> events) {
    this.clock = clock;
    this.ops = new TagOps(index, clock, writes::checkOpen, this::write, events);
  }

  /** The operations the facade delegates to. */
  TagOps ops() {
    return ops;
  }

  private void write(PeerId peer, TagOps.Change change) {
    lock.lock();
    try {
      PeerTags stored = index.get(peer);
      PeerTags next = change.apply(stored, Ttl.nowNanos(clock));
      if (next != stored) {
        index.put(peer, next);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Drops every tag and registration (on close). */
  void clear() {
    lock.lock();
    try {
      index.clear();
    } finally {
      lock.unlock();
    }
  }
}
