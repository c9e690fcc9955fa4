package org.peerstore.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Function;
import java.util.function.Predicate;
import org.peerstore.AddrInfo;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.jspecify.annotations.Nullable;

/**
 * Every peer's dial history in memory, with the two orders the book needs (docs/CONTRACT.md
 * §16): the candidate rank, read by {@link #candidates} in order until enough are accepted, and
 * the last-seen order, read by {@link #expired} until the first peer still retained. Both
 * stores keep their dial book in one (the RocksDB store loads it at open), so the dial hot path
 * reads no disk and a candidate query never visits a peer it does not rank ahead.
 *
 * <p>Thread-safety: reads take no lock and see each peer's last completed {@link #put} or
 * {@link #remove} (the history map is written last); callers serialise the writes of one
 * peer (the store's per-peer lock); writes of different peers may run in parallel.
 */
public final class DialIndex {

  /**
   * The candidate order: last success, most recent first (never last); then fewest
   * consecutive failures; then last attempt, oldest first (never attempted first); then peer id
   * bytes, unsigned.
   */
  public static final Comparator<Rank> ORDER = Comparator
      .comparingLong((Rank r) -> -saturatedSuccess(r.lastSuccess))
      .thenComparingInt(r -> r.failures)
      .thenComparingLong(r -> r.lastAttempt)
      .thenComparing((a, b) -> Arrays.compareUnsigned(a.id, b.id));

  private static final Comparator<Seen> SEEN = Comparator
      .comparingLong((Seen s) -> s.lastSeen)
      .thenComparing((a, b) -> Arrays.compareUnsigned(a.id, b.id));

  private final ConcurrentHashMap<PeerId, PeerDials> peers = new ConcurrentHashMap<>();
  private final ConcurrentSkipListSet<Rank> ranks = new ConcurrentSkipListSet<>(ORDER);
  private final ConcurrentSkipListSet<Seen> seen = new ConcurrentSkipListSet<>(SEEN);

  private static long saturatedSuccess(long lastSuccess) {
    // NONE is Long.MIN_VALUE: negating it overflows; it sorts last either way.
    return lastSuccess == DialRecord.NONE ? Long.MIN_VALUE + 1 : lastSuccess;
  }

  /** A peer's place in the candidate order. */
  public record Rank(long lastSuccess, int failures, long lastAttempt, byte[] id, PeerId peer) {
    static Rank of(PeerDials d) {
      DialRecord r = d.record();
      return new Rank(r.lastSuccess(), r.failures(), r.lastAttempt(), d.peer().toBytes(), d.peer());
    }
  }

  private record Seen(long lastSeen, byte[] id, PeerId peer) {
    static Seen of(PeerDials d) {
      return new Seen(d.record().lastSeen(), d.peer().toBytes(), d.peer());
    }
  }

  /** The history of {@code peer}, or null. */
  public @Nullable PeerDials get(PeerId peer) {
    return peers.get(peer);
  }

  /** Makes {@code next} the history of its peer; the caller holds the peer's write lock. */
  public void put(PeerDials next) {
    PeerDials old = peers.get(next.peer());
    Rank nr = Rank.of(next);
    if (old != null) {
      Rank or = Rank.of(old);
      if (ORDER.compare(or, nr) != 0) {
        ranks.remove(or);
      }
      if (old.record().lastSeen() != next.record().lastSeen()) {
        seen.remove(Seen.of(old));
      }
    }
    ranks.add(nr);
    seen.add(Seen.of(next));
    peers.put(next.peer(), next);
  }

  /** Removes the history of {@code peer}; the caller holds its write lock. Returns the old one. */
  public @Nullable PeerDials remove(PeerId peer) {
    PeerDials old = peers.remove(peer);
    if (old != null) {
      ranks.remove(Rank.of(old));
      seen.remove(Seen.of(old));
    }
    return old;
  }

  /** How many peers have a history. */
  public int size() {
    return peers.size();
  }

  /** Every history (weakly consistent; for export, stats and tests). */
  public List<PeerDials> all() {
    return new ArrayList<>(peers.values());
  }

  /** Drops everything. */
  public void clear() {
    peers.clear();
    ranks.clear();
    seen.clear();
  }

  /**
   * The peers whose last sight is at or before {@code cutoff}, oldest first: visits only those
   * and the first one after.
   */
  public List<PeerId> expired(long cutoff) {
    List<PeerId> out = new ArrayList<>();
    for (Seen s : seen) {
      if (s.lastSeen > cutoff) {
        break;
      }
      out.add(s.peer);
    }
    return out;
  }

  /**
   * Up to {@code n} candidates at {@code now} in {@link #ORDER} (docs/CONTRACT.md §16): each
   * ranked peer accepted by {@code filter}, not {@code peerBanned}, not in backoff, with at
   * least one address of {@code addrs} (the address book's unexpired addresses) that is not
   * {@code addrBanned} and not in backoff. Stops after {@code n} accepted.
   *
   * @throws IllegalArgumentException if {@code n} is negative
   */
  public List<AddrInfo> candidates(int n, long now, DialRules rules,
      Predicate<? super PeerId> filter, Predicate<PeerId> peerBanned,
      Predicate<Multiaddr> addrBanned, Function<PeerId, List<Multiaddr>> addrs) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative: " + n);
    }
    Objects.requireNonNull(filter, "filter");
    List<AddrInfo> out = new ArrayList<>(Math.min(n, 64));
    if (n == 0) {
      return List.of();
    }
    // A write in flight may show a peer under its old and its new rank: take it once.
    java.util.Set<PeerId> visited = new java.util.HashSet<>();
    for (Rank r : ranks) {
      PeerDials d = peers.get(r.peer);
      if (d == null || rules.expired(d, now) || !visited.add(r.peer) || !filter.test(r.peer)
          || rules.inBackoff(r.id, d.record(), now) || peerBanned.test(r.peer)) {
        continue;
      }
      List<Multiaddr> dialable = new ArrayList<>();
      for (Multiaddr a : addrs.apply(r.peer)) {
        DialRecord ar = d.addrs().get(a);
        if (ar != null && rules.inBackoff(DialRules.key(r.peer, a), ar, now)) {
          continue;
        }
        if (!addrBanned.test(a)) {
          dialable.add(a);
        }
      }
      if (dialable.isEmpty()) {
        continue;
      }
      out.add(new AddrInfo(r.peer, List.copyOf(dialable)));
      if (out.size() == n) {
        break;
      }
    }
    return List.copyOf(out);
  }

  /**
   * How many peers with a retained history are in backoff at {@code now} (a walk of every
   * history).
   */
  public long inBackoffCount(DialRules rules, long now) {
    long c = 0;
    for (Map.Entry<PeerId, PeerDials> e : peers.entrySet()) {
      if (!rules.expired(e.getValue(), now)
          && rules.inBackoff(DialRules.key(e.getKey()), e.getValue().record(), now)) {
        c++;
      }
    }
    return c;
  }
}
