package org.peerstore.record;

import java.util.List;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

/**
 * A routing record (RFC 0003): a peer's addresses with a sequence number. {@code seq} is an
 * unsigned 64-bit value held in a {@code long}; compare with {@link Long#compareUnsigned}.
 */
public record PeerRecord(PeerId peerId, long seq, List<Multiaddr> addrs) {
}
