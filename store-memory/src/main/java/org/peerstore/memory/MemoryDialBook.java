package org.peerstore.memory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import org.peerstore.AddrInfo;
import org.peerstore.DialHistory;
import org.peerstore.internal.DialLedger;
import org.peerstore.internal.DialRules;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

/**
 * The dial history book of the memory store (docs/CONTRACT.md §16): the shared
 * {@link DialLedger} with striped locks and nothing to persist. Kept apart from the peers'
 * states like the ban book: dial history does not make a peer part of {@code peers()}.
 *
 * <p>Thread-safe: each record call is atomic under its peer's stripe; reads take no lock.
 */
final class MemoryDialBook {
  private static final int STRIPES = 256;
  private final PeerWrites writes;
  private final MemoryBanBook bans;
  private final Function<PeerId, List<Multiaddr>> addrs;
  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
  private final DialLedger ledger;

  MemoryDialBook(PeerWrites writes, MemoryBanBook bans, Function<PeerId, List<Multiaddr>> addrs,
      DialRules rules, Clock clock) {
    this.writes = writes;
    this.bans = bans;
    this.addrs = addrs;
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
    this.ledger = new DialLedger(rules, clock,
        p -> locks[(p.hashCode() & 0x7fffffff) % STRIPES], (p, next) -> {});
  }

  void record(PeerId peer, DialRules.Kind kind, Multiaddr addr, String reason) {
    writes.checkOpen();
    ledger.record(peer, kind, addr, reason);
  }

  Optional<DialHistory> dialHistory(PeerId peer) {
    writes.checkOpen();
    return ledger.history(peer);
  }

  boolean inBackoff(PeerId peer) {
    writes.checkOpen();
    return ledger.inBackoff(peer);
  }

  Optional<Instant> backoffUntil(PeerId peer) {
    writes.checkOpen();
    return ledger.backoffUntil(peer);
  }

  Optional<Instant> backoffUntil(PeerId peer, Multiaddr addr) {
    writes.checkOpen();
    return ledger.backoffUntil(peer, addr);
  }

  List<AddrInfo> dialCandidates(int n, Predicate<? super PeerId> filter) {
    writes.checkOpen();
    return ledger.candidates(n, filter, bans::isBanned, bans::isBanned, addrs);
  }

  /** Removes {@code peer}'s history ({@code removePeer}). */
  void remove(PeerId peer) {
    ledger.remove(peer);
  }

  java.util.Set<PeerId> peersWithDialHistory() {
    writes.checkOpen();
    return ledger.peers();
  }

  void restoreDialHistory(DialHistory history) {
    writes.checkOpen();
    ledger.restore(history);
  }

  /** Collects the history of peers not seen for the retention time; costs what it removes. */
  long collect(long nowNanos) {
    return ledger.collect(nowNanos);
  }

  /** How many peers have a history (for tests). */
  int size() {
    return ledger.index().size();
  }

  /** Drops everything (on close). */
  void clear() {
    ledger.index().clear();
  }
}
