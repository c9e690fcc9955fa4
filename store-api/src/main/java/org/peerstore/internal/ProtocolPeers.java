package org.peerstore.internal;

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
import org.peerstore.peer.PeerId;

/**
 * The protocol index in memory (docs/CONTRACT.md §17): protocol to the peers whose protocol set
 * holds it, each set sorted in the peer order. The memory store keeps it inside the same locked
 * write that changes a peer's protocols; the RocksDB store keeps a copy of its
 * {@code protocol_index} column family in it, loaded at open and updated once each batch that
 * changes a protocol set is committed (docs/STORAGE.md, "Protocol index"), so
 * {@code peersWithProtocol} reads no disk in either store.
 *
 * <p>Thread-safe: an entry is added or removed atomically ({@link ConcurrentHashMap#compute});
 * readers take no lock and are weakly consistent (each peer as at some moment of the call).
 */
public final class ProtocolPeers {
  private final ConcurrentHashMap<String, NavigableSet<PeerId>> byProtocol =
      new ConcurrentHashMap<>();

  /** Adds the entry ({@code protocol}, {@code peer}) (loading the index). */
  public void add(String protocol, PeerId peer) {
    update(peer, Set.of(), Set.of(protocol));
  }

  /** Removes every entry of {@code peer}, whatever its protocols were (they are unknown). */
  public void removeAll(PeerId peer) {
    for (String p : byProtocol.keySet()) {
      update(peer, Set.of(p), Set.of());
    }
  }

  /** Moves {@code peer} from the protocols of {@code before} to those of {@code after}. */
  public void update(PeerId peer, Set<String> before, Set<String> after) {
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
  public Set<PeerId> peers(String protocol) {
    NavigableSet<PeerId> set = byProtocol.get(protocol);
    return set == null ? Set.of() : Collections.unmodifiableSet(new HashSet<>(set));
  }

  /** One page of the peers with {@code protocol} after {@code after}. */
  public PeerPage page(String protocol, @Nullable PeerId after, int limit) {
    NavigableSet<PeerId> set = byProtocol.get(protocol);
    return set == null ? new PeerPage(List.of(), null) : page(set, after, limit);
  }

  /** How many (protocol, peer) entries the index holds (weakly consistent). */
  public long size() {
    long n = 0;
    for (NavigableSet<PeerId> set : byProtocol.values()) {
      n += set.size();
    }
    return n;
  }

  /** Drops every entry. */
  public void clear() {
    byProtocol.clear();
  }

  /** Up to {@code limit} peers of {@code sorted} after {@code after}: limit + 1 are read. */
  public static PeerPage page(NavigableSet<PeerId> sorted, @Nullable PeerId after, int limit) {
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
