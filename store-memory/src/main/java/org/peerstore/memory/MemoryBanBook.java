package org.peerstore.memory;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.peerstore.Ban;
import org.peerstore.BanTarget;
import org.peerstore.internal.BanEntry;
import org.peerstore.internal.BanIndex;
import org.peerstore.internal.BanRules;
import org.peerstore.internal.Ttl;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

/**
 * The ban book of the memory store (docs/CONTRACT.md §14): the shared {@link BanIndex} behind
 * one lock. Kept apart from the peers' states: a ban does not make a peer known, and
 * {@code removePeer} does not touch it.
 *
 * <p>Thread-safe. Each ban, unban and collection is atomic under the book's lock; checks take
 * no lock and see the last completed ban or unban; {@link #bans} is one consistent state (taken
 * under the lock).
 */
final class MemoryBanBook {
  private final PeerWrites writes;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final BanIndex index = new BanIndex();

  MemoryBanBook(PeerWrites writes, Clock clock) {
    this.writes = writes;
    this.clock = clock;
  }

  Ban ban(BanTarget target, String reason, Duration duration) {
    writes.checkOpen();
    lock.lock();
    try {
      BanEntry ban = BanRules.newBan(target, reason, duration, Ttl.nowNanos(clock));
      index.put(ban);
      return ban.toBan();
    } finally {
      lock.unlock();
    }
  }

  boolean unban(BanTarget target) {
    writes.checkOpen();
    Objects.requireNonNull(target, "target");
    lock.lock();
    try {
      BanEntry old = index.remove(target);
      return old != null && old.inForce(Ttl.nowNanos(clock));
    } finally {
      lock.unlock();
    }
  }

  Optional<Ban> banOf(BanTarget target) {
    writes.checkOpen();
    BanEntry b = index.get(Objects.requireNonNull(target, "target"));
    return b != null && b.inForce(Ttl.nowNanos(clock)) ? Optional.of(b.toBan()) : Optional.empty();
  }

  List<Ban> bans() {
    writes.checkOpen();
    lock.lock();
    try {
      return index.inForce(Ttl.nowNanos(clock)).stream().map(BanEntry::toBan).toList();
    } finally {
      lock.unlock();
    }
  }

  boolean isBanned(PeerId peer) {
    writes.checkOpen();
    return index.isBanned(Objects.requireNonNull(peer, "peer id"), Ttl.nowNanos(clock));
  }

  boolean isBanned(InetAddress address) {
    writes.checkOpen();
    return index.isBanned(Objects.requireNonNull(address, "address"), Ttl.nowNanos(clock));
  }

  boolean isBanned(Multiaddr address) {
    writes.checkOpen();
    return index.isBanned(Objects.requireNonNull(address, "address"), Ttl.nowNanos(clock));
  }

  /** Removes every ban expired at {@code nowNanos}; costs what expired. */
  long collect(long nowNanos) {
    lock.lock();
    try {
      List<BanEntry> expired = index.expired(nowNanos);
      for (BanEntry b : expired) {
        index.remove(b.target());
      }
      return expired.size();
    } finally {
      lock.unlock();
    }
  }

  /** How many bans are stored, collected or not (for tests). */
  long storedCount() {
    long[] c = index.counts();
    return c[0] + c[1] + c[2];
  }

  /** Drops every ban (on close). */
  void clear() {
    lock.lock();
    try {
      index.clear();
    } finally {
      lock.unlock();
    }
  }
}
