package org.peerstore.memory;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.peerstore.Ban;
import org.peerstore.BanTarget;
import org.peerstore.internal.BanBookCore;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

/**
 * The ban book of the memory store (docs/CONTRACT.md §14): the shared {@link BanBookCore},
 * keeping bans only in memory, behind the store's open check. Kept apart from the peers'
 * states: a ban does not make a peer known, and {@code removePeer} does not touch it.
 *
 * <p>Thread-safe; what is atomic is said by {@link BanBookCore}.
 */
final class MemoryBanBook {
  private final PeerWrites writes;
  private final BanBookCore core;

  MemoryBanBook(PeerWrites writes, Clock clock) {
    this.writes = writes;
    this.core = new BanBookCore(clock, BanBookCore.IN_MEMORY);
  }

  Ban ban(BanTarget target, String reason, Duration duration) {
    writes.checkOpen();
    return core.ban(target, reason, duration);
  }

  boolean restore(Ban ban) {
    writes.checkOpen();
    return core.restore(ban);
  }

  boolean unban(BanTarget target) {
    writes.checkOpen();
    return core.unban(target);
  }

  Optional<Ban> banOf(BanTarget target) {
    writes.checkOpen();
    return core.banOf(target);
  }

  List<Ban> bans() {
    writes.checkOpen();
    return core.bans();
  }

  boolean isBanned(PeerId peer) {
    writes.checkOpen();
    return core.isBanned(peer);
  }

  boolean isBanned(InetAddress address) {
    writes.checkOpen();
    return core.isBanned(address);
  }

  boolean isBanned(Multiaddr address) {
    writes.checkOpen();
    return core.isBanned(address);
  }

  /** Removes every ban expired at {@code nowNanos}; costs what expired. */
  long collect(long nowNanos) {
    return core.collect(nowNanos);
  }

  /** How many bans are stored, collected or not (for tests). */
  long storedCount() {
    return core.storedCount();
  }

  /** Drops every ban (on close). */
  void clear() {
    core.clear();
  }
}
