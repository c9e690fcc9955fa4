package org.peerstore.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.peerstore.peer.PeerId;

/**
 * The tag state of every peer in memory, with what {@code trimCandidates} and garbage
 * collection need (docs/CONTRACT.md §15), and the decaying tags registered in this process.
 * Both stores keep their tag state here; the RocksDB store loads it at open.
 *
 * <p>The trim index: unprotected peers whose stored tags are all plain have a total that
 * changes only with a write, and sit in a sorted set by the trim order. Unprotected peers with
 * an expiring or decaying tag are kept apart and their totals computed at each
 * {@link #trimCandidates}; the answer is exact, at a cost of {@code O(n log F + D log D)} for
 * {@code F} static and {@code D} dynamic peers. Expiring tags are also indexed by their peer's
 * earliest expiry, so a collection visits what expired.
 *
 * <p>Thread-safe: {@link #get} reads a concurrent map without a lock; {@link #put} and the
 * index queries take the index's lock. A store serialises the writes of one peer (the peer's
 * lock), so {@code put}s of one peer arrive in commit order.
 */
public final class TagIndex {

  private record TrimKey(long value, long firstSeen, byte[] id, PeerId peer)
      implements Comparable<TrimKey> {
    @Override
    public int compareTo(TrimKey o) {
      return TagRules.compareTrim(value, firstSeen, id, o.value, o.firstSeen, o.id);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof TrimKey k && compareTo(k) == 0;
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(id);
    }
  }

  private record ExpiryKey(long at, byte[] id, PeerId peer) implements Comparable<ExpiryKey> {
    @Override
    public int compareTo(ExpiryKey o) {
      int c = Long.compare(at, o.at);
      return c != 0 ? c : Arrays.compareUnsigned(id, o.id);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ExpiryKey k && compareTo(k) == 0;
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(id);
    }
  }

  private final ConcurrentHashMap<PeerId, PeerTags> peers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, TagRules.Decay> decays = new ConcurrentHashMap<>();
  private final Object lock = new Object();
  private final TreeSet<TrimKey> fixed = new TreeSet<>();
  private final Set<PeerId> dynamic = new HashSet<>();
  private final TreeSet<ExpiryKey> expiries = new TreeSet<>();
  private final Set<PeerId> decaying = new HashSet<>();
  private long protectedCount;

  /** The stored state of {@code peer}, or null. Lock-free. */
  public @Nullable PeerTags get(PeerId peer) {
    return peers.get(peer);
  }

  /** The peers with stored state now (a copy). Lock-free. */
  public List<PeerId> peers() {
    return new ArrayList<>(peers.keySet());
  }

  /** The registered decaying tag {@code name}, or null. Lock-free. */
  public TagRules.@Nullable Decay decay(String name) {
    return decays.get(name);
  }

  /** Registers {@code d} under {@code name}; false if the name is taken. */
  public boolean register(String name, TagRules.Decay d) {
    return decays.putIfAbsent(name, d) == null;
  }

  /** Ends the registration {@code d} of {@code name} (no effect if another holds the name). */
  public void unregister(String name, TagRules.Decay d) {
    decays.remove(name, d);
  }

  /** Makes {@code next} the stored state of {@code peer} (null: it has none). */
  public void put(PeerId peer, @Nullable PeerTags next) {
    synchronized (lock) {
      PeerTags old = next == null ? peers.remove(peer) : peers.put(peer, next);
      byte[] id = old == null && next == null ? null : peer.toBytes();
      if (old != null) {
        unindex(peer, id, old);
      }
      if (next != null) {
        index(peer, id, next);
      }
    }
  }

  private void unindex(PeerId peer, byte[] id, PeerTags s) {
    if (!s.protections().isEmpty()) {
      protectedCount--;
    } else if (s.isDynamic()) {
      dynamic.remove(peer);
    } else {
      fixed.remove(new TrimKey(plainTotal(s), s.firstSeen(), id, peer));
    }
    long at = s.earliestExpiry();
    if (at != Long.MAX_VALUE) {
      expiries.remove(new ExpiryKey(at, id, peer));
    }
    if (s.hasDecaying()) {
      decaying.remove(peer);
    }
  }

  private void index(PeerId peer, byte[] id, PeerTags s) {
    if (!s.protections().isEmpty()) {
      protectedCount++;
    } else if (s.isDynamic()) {
      dynamic.add(peer);
    } else {
      fixed.add(new TrimKey(plainTotal(s), s.firstSeen(), id, peer));
    }
    long at = s.earliestExpiry();
    if (at != Long.MAX_VALUE) {
      expiries.add(new ExpiryKey(at, id, peer));
    }
    if (s.hasDecaying()) {
      decaying.add(peer);
    }
  }

  private static long plainTotal(PeerTags s) {
    long sum = 0;
    for (TagEntry e : s.tags().values()) {
      sum += e.value();
    }
    return sum;
  }

  /**
   * Up to {@code n} unprotected peers with a live tag at {@code nowNanos}, in the trim order
   * (docs/CONTRACT.md §15).
   */
  public List<PeerId> trimCandidates(int n, long nowNanos) {
    if (n <= 0) {
      return List.of();
    }
    synchronized (lock) {
      List<TrimKey> moving = new ArrayList<>(dynamic.size());
      for (PeerId p : dynamic) {
        PeerTags live = TagRules.live(peers.get(p), nowNanos, decays::get);
        if (live != null && !live.tags().isEmpty()) {
          moving.add(new TrimKey(TagRules.total(live, nowNanos, decays::get), live.firstSeen(),
              p.toBytes(), p));
        }
      }
      moving.sort(null);
      List<PeerId> out = new ArrayList<>(Math.min(n, fixed.size() + moving.size()));
      Iterator<TrimKey> a = fixed.iterator();
      Iterator<TrimKey> b = moving.iterator();
      TrimKey x = a.hasNext() ? a.next() : null;
      TrimKey y = b.hasNext() ? b.next() : null;
      while (out.size() < n && (x != null || y != null)) {
        if (y == null || (x != null && x.compareTo(y) <= 0)) {
          out.add(x.peer());
          x = a.hasNext() ? a.next() : null;
        } else {
          out.add(y.peer());
          y = b.hasNext() ? b.next() : null;
        }
      }
      return List.copyOf(out);
    }
  }

  /** The peers holding a tag expired at {@code nowNanos} (cost: what expired). */
  public List<PeerId> expired(long nowNanos) {
    synchronized (lock) {
      List<PeerId> out = new ArrayList<>();
      for (ExpiryKey k : expiries) {
        if (k.at() > nowNanos) {
          break;
        }
        out.add(k.peer());
      }
      return out;
    }
  }

  /** The peers holding a stored decaying tag. */
  public List<PeerId> withDecaying() {
    synchronized (lock) {
      return new ArrayList<>(decaying);
    }
  }

  /** How many peers have tag state. */
  public long peerCount() {
    return peers.size();
  }

  /** How many peers are protected. */
  public long protectedCount() {
    synchronized (lock) {
      return protectedCount;
    }
  }

  /** Forgets everything, registrations included (on close). */
  public void clear() {
    synchronized (lock) {
      peers.clear();
      decays.clear();
      fixed.clear();
      dynamic.clear();
      expiries.clear();
      decaying.clear();
      protectedCount = 0;
    }
  }
}
