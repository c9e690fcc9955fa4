package org.peerstore;

import java.util.Map;
import java.util.Objects;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

/**
 * The dial history of one peer (docs/CONTRACT.md §16): the peer's own entry and one entry per
 * address dialled, in the order the addresses were first recorded. An immutable value.
 *
 * @param peer the peer
 * @param entry the peer's entry
 * @param addrs the entries of its addresses (an unmodifiable map in first-recorded order; at
 *     most {@link DialBook#MAX_ADDRS_PER_PEER})
 */
public record DialHistory(PeerId peer, DialEntry entry, Map<Multiaddr, DialEntry> addrs) {

  /** Checks that no component is null; {@code addrs} is kept as given (callers pass an unmodifiable map). */
  public DialHistory {
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(addrs, "addrs");
  }
}
