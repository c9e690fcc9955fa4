package org.peerstore;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.peerstore.peer.PeerId;

/**
 * One page of a walk over peers in the peer order of docs/CONTRACT.md §17 (shorter ids first,
 * ids of one length by unsigned bytes).
 *
 * <p>Immutable and thread-safe.
 *
 * @param peers the peers of this page, in peer order (an unmodifiable list)
 * @param next the cursor to pass as {@code after} for the next page (the last peer of this
 *     page), or null when the walk is over
 */
public record PeerPage(List<PeerId> peers, @Nullable PeerId next) {

  /** Copies the list; checks that no element is null. */
  public PeerPage {
    peers = List.copyOf(Objects.requireNonNull(peers, "peers"));
  }

  /** The cursor of the next page, empty when this is the last page. */
  public Optional<PeerId> nextCursor() {
    return Optional.ofNullable(next);
  }

  /** Whether a next page may hold more peers. */
  public boolean hasNext() {
    return next != null;
  }
}
