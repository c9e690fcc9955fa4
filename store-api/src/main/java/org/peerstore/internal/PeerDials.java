package org.peerstore.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.peerstore.DialBook;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.jspecify.annotations.Nullable;

/**
 * The whole dial history of one peer (docs/CONTRACT.md §16): its own record and at most
 * {@link DialBook#MAX_ADDRS_PER_PEER} address records in first-recorded order. An immutable
 * value; {@link #with} returns a copy.
 *
 * @param peer the peer
 * @param record the peer's record
 * @param addrs the address records (unmodifiable, insertion-ordered)
 */
public record PeerDials(PeerId peer, DialRecord record, Map<Multiaddr, DialRecord> addrs) {

  /** Checks no component is null. */
  public PeerDials {
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(addrs, "addrs");
  }

  /** The history of {@code peer} made of {@code record} and a copy of {@code addrs}. */
  public static PeerDials of(PeerId peer, DialRecord record, Map<Multiaddr, DialRecord> addrs) {
    return new PeerDials(peer, record, Collections.unmodifiableMap(new LinkedHashMap<>(addrs)));
  }

  /**
   * This history with the peer's record {@code next} and, when {@code addr} is not null, the
   * address record {@code addrNext}; a new address beyond the per-peer bound evicts the address
   * with the oldest last-seen time (the first recorded among equals).
   */
  public PeerDials with(DialRecord next, @Nullable Multiaddr addr, @Nullable DialRecord addrNext) {
    if (addr == null) {
      return new PeerDials(peer, next, addrs);
    }
    LinkedHashMap<Multiaddr, DialRecord> m = new LinkedHashMap<>(addrs);
    if (!m.containsKey(addr) && m.size() >= DialBook.MAX_ADDRS_PER_PEER) {
      Multiaddr oldest = null;
      long seen = Long.MAX_VALUE;
      for (Map.Entry<Multiaddr, DialRecord> e : m.entrySet()) {
        if (oldest == null || e.getValue().lastSeen() < seen) {
          oldest = e.getKey();
          seen = e.getValue().lastSeen();
        }
      }
      m.remove(oldest);
    }
    m.put(addr, Objects.requireNonNull(addrNext, "addrNext"));
    return new PeerDials(peer, next, Collections.unmodifiableMap(m));
  }
}
