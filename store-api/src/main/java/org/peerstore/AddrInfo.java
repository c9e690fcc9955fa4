package org.peerstore;

import java.util.List;
import java.util.Objects;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

/**
 * A peer and its addresses.
 *
 * @param id the peer
 * @param addrs its addresses (an unmodifiable copy)
 */
public record AddrInfo(PeerId id, List<Multiaddr> addrs) {
  /** Copies {@code addrs}; neither argument may be null. */
  public AddrInfo {
    Objects.requireNonNull(id, "id");
    addrs = List.copyOf(addrs);
  }
}
