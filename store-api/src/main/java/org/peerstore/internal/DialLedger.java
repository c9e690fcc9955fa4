package org.peerstore.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;
import java.util.function.Predicate;
import org.peerstore.AddrInfo;
import org.peerstore.DialHistory;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.jspecify.annotations.Nullable;

/**
 * The dial history book as both stores run it (docs/CONTRACT.md §16): argument checks, the
 * per-peer lock around read-change-persist-publish, and the reads, over one {@link DialIndex}.
 * A store adds only where its per-peer locks are and how a change is persisted
 * ({@link Persist}: nothing in memory, one {@code WriteBatch} in RocksDB).
 *
 * <p>Thread-safe. Each change of a peer runs under that peer's lock: the new history is
 * persisted first and published to the index only once persisted, so a failed write changes
 * nothing and a reader never sees history that is not stored. Reads take no lock.
 */
public final class DialLedger {

  /** How a store persists one peer's new history. */
  @FunctionalInterface
  public interface Persist {
    /**
     * Stores {@code next} as {@code peer}'s history (null: deletes it); called under the peer's
     * lock. Throws (e.g. {@link org.peerstore.StorageException}) to refuse the change.
     */
    void write(PeerId peer, @Nullable PeerDials next);
  }

  private final DialRules rules;
  private final Clock clock;
  private final Function<PeerId, ? extends Lock> locks;
  private final Persist persist;
  private final DialIndex index = new DialIndex();

  /**
   * A ledger with {@code rules}, time from {@code clock}, the per-peer lock of {@code locks}
   * and persistence through {@code persist}.
   */
  public DialLedger(DialRules rules, Clock clock, Function<PeerId, ? extends Lock> locks,
      Persist persist) {
    this.rules = Objects.requireNonNull(rules, "rules");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.locks = Objects.requireNonNull(locks, "locks");
    this.persist = Objects.requireNonNull(persist, "persist");
  }

  /** The rules. */
  public DialRules rules() {
    return rules;
  }

  /** The index (for loading at open, export, stats, tests). */
  public DialIndex index() {
    return index;
  }

  /** The lock of {@code peer}'s writes. */
  public Lock lockOf(PeerId peer) {
    return locks.apply(peer);
  }

  /**
   * Records one event: {@code addr} (may be null only for the connection events) is
   * normalised, {@code reason} cut; then under the peer's lock the new history is persisted and
   * published.
   *
   * @throws IllegalArgumentException if {@code reason} holds an unpaired surrogate
   * @throws NullPointerException if a required argument is null
   */
  public void record(PeerId peer, DialRules.Kind kind, @Nullable Multiaddr addr,
      @Nullable String reason) {
    Objects.requireNonNull(peer, "peer id");
    Multiaddr key = null;
    if (kind.ordinal() <= DialRules.Kind.FAILURE.ordinal()) {
      key = DialRules.addr(peer, Objects.requireNonNull(addr, "address"));
    }
    String why = kind == DialRules.Kind.FAILURE ? DialRules.reason(reason) : "";
    Lock lock = locks.apply(peer);
    lock.lock();
    try {
      long now = Ttl.nowNanos(clock);
      PeerDials next = DialRules.apply(live(peer, now), peer, kind, key, why, now);
      persist.write(peer, next);
      index.put(next);
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@code peer}'s history unless its retention ran out at {@code now} (then it is invisible
   * at once, before it is collected, and a new event starts a new history), or null.
   */
  private @Nullable PeerDials live(PeerId peer, long now) {
    PeerDials d = index.get(Objects.requireNonNull(peer, "peer id"));
    return d == null || rules.expired(d, now) ? null : d;
  }

  private @Nullable PeerDials live(PeerId peer) {
    return live(peer, Ttl.nowNanos(clock));
  }

  /** The public history of {@code peer}, or empty. */
  public Optional<DialHistory> history(PeerId peer) {
    PeerDials d = live(peer);
    return d == null ? Optional.empty() : Optional.of(rules.toHistory(d));
  }

  /** Whether {@code peer} is in backoff now. */
  public boolean inBackoff(PeerId peer) {
    PeerDials d = live(peer);
    return d != null && rules.inBackoff(DialRules.key(peer), d.record(), Ttl.nowNanos(clock));
  }

  /** The end of {@code peer}'s backoff, or empty. */
  public Optional<Instant> backoffUntil(PeerId peer) {
    PeerDials d = live(peer);
    return d == null ? Optional.empty()
        : DialRules.time(rules.backoffUntil(DialRules.key(peer), d.record()));
  }

  /** The end of the backoff of {@code peer}'s {@code addr}, or empty. */
  public Optional<Instant> backoffUntil(PeerId peer, Multiaddr addr) {
    PeerDials d = live(peer);
    Multiaddr a = DialRules.addr(peer, addr);
    if (d == null || a == null) {
      return Optional.empty();
    }
    DialRecord r = d.addrs().get(a);
    return r == null ? Optional.empty()
        : DialRules.time(rules.backoffUntil(DialRules.key(peer, a), r));
  }

  /** {@link DialIndex#candidates} now. */
  public List<AddrInfo> candidates(int n, Predicate<? super PeerId> filter,
      Predicate<PeerId> peerBanned, Predicate<Multiaddr> addrBanned,
      Function<PeerId, List<Multiaddr>> addrs) {
    return index.candidates(n, Ttl.nowNanos(clock), rules, filter, peerBanned, addrBanned, addrs);
  }

  /**
   * Removes the history of every peer not seen for the retention time at {@code now}, each
   * under its lock (re-checked there); costs what is collected.
   *
   * @return how many peers' histories were removed
   */
  public long collect(long now) {
    long cutoff = now - rules.retentionNanos();
    if (cutoff > now) {
      return 0;
    }
    long removed = 0;
    for (PeerId p : index.expired(cutoff)) {
      Lock lock = locks.apply(p);
      lock.lock();
      try {
        PeerDials d = index.get(p);
        if (d != null && rules.expired(d, now)) {
          persist.write(p, null);
          index.remove(p);
          removed++;
        }
      } finally {
        lock.unlock();
      }
    }
    return removed;
  }

  /** Removes {@code peer}'s history under its lock; whether there was one. */
  public boolean remove(PeerId peer) {
    Lock lock = locks.apply(peer);
    lock.lock();
    try {
      if (index.get(peer) == null) {
        return false;
      }
      persist.write(peer, null);
      index.remove(peer);
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Replaces the history of {@code h}'s peer with {@code h} under its lock ({@code restoreDialHistory}). */
  public void restore(DialHistory h) {
    PeerDials next = DialRules.fromHistory(h);
    Lock lock = locks.apply(next.peer());
    lock.lock();
    try {
      persist.write(next.peer(), next);
      index.put(next);
    } finally {
      lock.unlock();
    }
  }

  /** Every peer with a history within the retention now. */
  public java.util.Set<PeerId> peers() {
    long now = Ttl.nowNanos(clock);
    java.util.Set<PeerId> out = new java.util.HashSet<>();
    for (PeerDials d : index.all()) {
      if (!rules.expired(d, now)) {
        out.add(d.peer());
      }
    }
    return java.util.Collections.unmodifiableSet(out);
  }
}
