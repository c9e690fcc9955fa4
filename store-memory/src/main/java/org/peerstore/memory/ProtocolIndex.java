package org.peerstore.memory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import org.jspecify.annotations.Nullable;
import org.peerstore.PeerPage;
import org.peerstore.internal.PeerOrder;
import org.peerstore.peer.PeerId;

/**
 * The memory store's protocol index (docs/CONTRACT.md §17): protocol to the peers whose
 * protocol set holds it, each set sorted in the peer order. {@link PeerWrites} keeps it in step
 * inside the same locked write that changes a peer's protocols, so a peer's entries change
 * exactly when its protocol set does.
 *
 * <p>Thread-safe: an entry is added or removed atomically ({@link ConcurrentHashMap#compute});
 * readers take no lock and are weakly consistent.
 */
final class ProtocolIndex {
  private final ConcurrentHashMap<String, NavigableSet<PeerId>> byProtocol =
      new ConcurrentHashMap<>();

  /** Moves {@code peer} from the protocols of {@code before} to those of {@code after}. */
  void update(PeerId peer, Set<String> before, Set<String> after) {
    for (String p : before) {
      if (!after.contains(p)) {
        byProtocol.computeIfPresent(p, (k, set) -> {
          set.remove(peer);
          return set.isEmpty() ? null : set;
        });
      }
    }
    for (String p : after) {
      if (!before.contains(p)) {
        byProtocol.compute(p, (k, set) -> {
          NavigableSet<PeerId> s = set == null
              ? new ConcurrentSkipListSet<>(PeerOrder.COMPARATOR) : set;
          s.add(peer);
          return s;
        });
      }
    }
  }

  /** The peers with {@code protocol}, as an unmodifiable copy. */
  Set<PeerId> peers(String protocol) {
    NavigableSet<PeerId> set = byProtocol.get(protocol);
    return set == null ? Set.of() : Collections.unmodifiableSet(new HashSet<>(set));
  }

  /** One page of the peers with {@code protocol} after {@code after}. */
  PeerPage page(String protocol, @Nullable PeerId after, int limit) {
    NavigableSet<PeerId> set = byProtocol.get(protocol);
    return set == null ? new PeerPage(List.of(), null) : page(set, after, limit);
  }

  /** How many (protocol, peer) entries the index holds (weakly consistent). */
  long size() {
    long n = 0;
    for (NavigableSet<PeerId> set : byProtocol.values()) {
      n += set.size();
    }
    return n;
  }

  /** Drops every entry. */
  void clear() {
    byProtocol.clear();
  }

  /** Up to {@code limit} peers of {@code sorted} after {@code after}: limit + 1 are read. */
  static PeerPage page(NavigableSet<PeerId> sorted, @Nullable PeerId after, int limit) {
    NavigableSet<PeerId> tail = after == null ? sorted : sorted.tailSet(after, false);
    List<PeerId> out = new ArrayList<>(Math.min(limit + 1, 1024));
    for (PeerId p : tail) {
      out.add(p);
      if (out.size() > limit) {
        break;
      }
    }
    return PeerOrder.page(out, limit);
  }
}
