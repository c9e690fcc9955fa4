package org.peerstore.internal;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.peerstore.Ban;
import org.peerstore.BanTarget;
import org.peerstore.LimitExceededException;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

/**
 * The ban book as every store runs it (docs/CONTRACT.md §14): the {@link BanIndex} behind one
 * lock, the clock, and the order of a change: check, persist, then update the index. A store
 * adds only how bans are kept ({@link Persistence}: nothing for the memory store, a write batch
 * for RocksDB) and its open/use guard around each call.
 *
 * <p>Thread-safe. A ban, an unban, a restore and a collection are each atomic under the lock:
 * the persistence runs first, and the index changes only if it returned, so a failed write
 * changes neither what is kept nor what is answered. Checks take no lock and see the last
 * completed change.
 */
public final class BanBookCore {

  /** Where a store keeps bans. Called under the book's lock, before the index changes. */
  public interface Persistence {
    /** Keeps {@code ban}, replacing a ban of the same target. */
    void put(BanEntry ban);

    /** Forgets the bans of {@code targets} (each is in the index). */
    void delete(List<BanTarget> targets);
  }

  /** For a store that keeps bans only in memory. */
  public static final Persistence IN_MEMORY = new Persistence() {
    @Override
    public void put(BanEntry ban) {}

    @Override
    public void delete(List<BanTarget> targets) {}
  };

  private final Clock clock;
  private final Persistence persistence;
  private final ReentrantLock lock = new ReentrantLock();
  private final BanIndex index = new BanIndex();

  /** An empty book reading time from {@code clock} and keeping bans in {@code persistence}. */
  public BanBookCore(Clock clock, Persistence persistence) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.persistence = Objects.requireNonNull(persistence, "persistence");
  }

  /** Puts a ban read back from storage into the index (at open), without persisting it. */
  public void load(BanEntry ban) {
    lock.lock();
    try {
      index.put(ban);
    } finally {
      lock.unlock();
    }
  }

  /** As {@link org.peerstore.BanBook#ban}. */
  public Ban ban(BanTarget target, String reason, Duration duration) {
    BanEntry ban = BanRules.newBan(target, reason, duration, Ttl.nowNanos(clock));
    lock.lock();
    try {
      persistence.put(ban);
      index.put(ban);
      return ban.toBan();
    } finally {
      lock.unlock();
    }
  }

  /**
   * As {@link org.peerstore.Snapshots#restoreBan}: keeps {@code ban} with its own creation time
   * and expiry, unless it has expired by the clock.
   *
   * @return whether it was kept
   * @throws LimitExceededException if its reason is too long
   */
  public boolean restore(Ban ban) {
    Objects.requireNonNull(ban, "ban");
    BanRules.checkReason(ban.reason());
    BanEntry entry = new BanEntry(ban.target(), ban.reason(), Ttl.toEpochNanos(ban.created()),
        ban.expires().map(Ttl::fromExpiryInstant).orElse(Ttl.NEVER));
    lock.lock();
    try {
      if (!entry.inForce(Ttl.nowNanos(clock))) {
        return false;
      }
      persistence.put(entry);
      index.put(entry);
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** As {@link org.peerstore.BanBook#unban}. */
  public boolean unban(BanTarget target) {
    Objects.requireNonNull(target, "target");
    lock.lock();
    try {
      BanEntry old = index.get(target);
      if (old == null) {
        return false;
      }
      persistence.delete(List.of(target));
      index.remove(target);
      return old.inForce(Ttl.nowNanos(clock));
    } finally {
      lock.unlock();
    }
  }

  /** As {@link org.peerstore.BanBook#banOf}. */
  public Optional<Ban> banOf(BanTarget target) {
    BanEntry b = index.get(Objects.requireNonNull(target, "target"));
    return b != null && b.inForce(Ttl.nowNanos(clock)) ? Optional.of(b.toBan()) : Optional.empty();
  }

  /** As {@link org.peerstore.BanBook#bans}: one consistent state, taken under the lock. */
  public List<Ban> bans() {
    lock.lock();
    try {
      return index.inForce(Ttl.nowNanos(clock)).stream().map(BanEntry::toBan).toList();
    } finally {
      lock.unlock();
    }
  }

  /** As {@link org.peerstore.BanBook#isBanned(PeerId)}. */
  public boolean isBanned(PeerId peer) {
    return index.isBanned(Objects.requireNonNull(peer, "peer id"), Ttl.nowNanos(clock));
  }

  /** As {@link org.peerstore.BanBook#isBanned(InetAddress)}. */
  public boolean isBanned(InetAddress address) {
    return index.isBanned(Objects.requireNonNull(address, "address"), Ttl.nowNanos(clock));
  }

  /** As {@link org.peerstore.BanBook#isBanned(Multiaddr)}. */
  public boolean isBanned(Multiaddr address) {
    return index.isBanned(Objects.requireNonNull(address, "address"), Ttl.nowNanos(clock));
  }

  /**
   * Forgets every ban expired at {@code nowNanos}, in one call of the persistence; costs what
   * expired.
   *
   * @return how many were removed
   */
  public long collect(long nowNanos) {
    lock.lock();
    try {
      List<BanEntry> expired = index.expired(nowNanos);
      if (expired.isEmpty()) {
        return 0;
      }
      persistence.delete(expired.stream().map(BanEntry::target).toList());
      for (BanEntry b : expired) {
        index.remove(b.target());
      }
      return expired.size();
    } finally {
      lock.unlock();
    }
  }

  /** How many bans the index holds, expired but uncollected ones included. */
  public long storedCount() {
    long[] c = index.counts();
    return c[0] + c[1] + c[2];
  }

  /** Drops the index (on close; what the persistence kept stays). */
  public void clear() {
    lock.lock();
    try {
      index.clear();
    } finally {
      lock.unlock();
    }
  }
}
