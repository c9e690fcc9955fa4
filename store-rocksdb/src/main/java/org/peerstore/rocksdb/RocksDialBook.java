package org.peerstore.rocksdb;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.function.Predicate;
import org.peerstore.AddrInfo;
import org.peerstore.DialHistory;
import org.peerstore.StorageException;
import org.peerstore.internal.DialLedger;
import org.peerstore.internal.DialRules;
import org.peerstore.internal.PeerDials;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

/**
 * The dial history book of the RocksDB store (docs/CONTRACT.md §16, docs/STORAGE.md "Dial
 * history"): one {@code dials} value per peer on disk, every peer's history in the shared
 * {@link DialLedger}'s index in memory, loaded by one scan when the store opens. Every change
 * is a {@link DialMutation} through {@link PeerWrites#write} under the peer's striped lock (the
 * same lock the write path takes), and is published to the index only after RocksDB accepted
 * it. Reads make no RocksDB call, except that {@link #dialCandidates} reads the addresses of
 * the peers it visits through the address book (the cache, or RocksDB on a miss).
 *
 * <p>Thread-safe as {@link DialLedger}.
 */
final class RocksDialBook {
  private final UseGuard guard;
  private final PeerWrites writes;
  private final StoreDb db;
  private final RocksBanBook bans;
  private final RocksAddrBook addrs;
  private final DialLedger ledger;

  private RocksDialBook(UseGuard guard, PeerWrites writes, StoreDb db, StripedLocks locks,
      RocksBanBook bans, RocksAddrBook addrs, DialRules rules, Clock clock) {
    this.guard = guard;
    this.writes = writes;
    this.db = db;
    this.bans = bans;
    this.addrs = addrs;
    this.ledger = new DialLedger(rules, clock, locks::of,
        (p, next) -> writes.write(p, new DialMutation(db, p, next, null)));
  }

  /**
   * The book of {@code db}, its index loaded from the {@code dials} column family. Entries that
   * do not decode are counted in {@code corruption}, skipped and left on disk.
   *
   * @throws StorageException if RocksDB fails
   */
  static RocksDialBook open(UseGuard guard, PeerWrites writes, StoreDb db, StripedLocks locks,
      RocksBanBook bans, RocksAddrBook addrs, DialRules rules, Clock clock,
      CorruptionLog corruption) {
    RocksDialBook book = new RocksDialBook(guard, writes, db, locks, bans, addrs, rules, clock);
    db.scan(ColumnFamily.DIALS, null, null, false, (k, v) -> {
      try {
        book.ledger.index().put(DialCodec.decode(k, v));
      } catch (CorruptValueException e) {
        corruption.report(ColumnFamily.DIALS, k, e);
      }
      return true;
    });
    return book;
  }

  void record(PeerId peer, DialRules.Kind kind, Multiaddr addr, String reason) {
    guard.checkOpen();
    ledger.record(peer, kind, addr, reason);
  }

  Optional<DialHistory> dialHistory(PeerId peer) {
    guard.checkOpen();
    return ledger.history(peer);
  }

  boolean inBackoff(PeerId peer) {
    guard.checkOpen();
    return ledger.inBackoff(peer);
  }

  Optional<Instant> backoffUntil(PeerId peer) {
    guard.checkOpen();
    return ledger.backoffUntil(peer);
  }

  Optional<Instant> backoffUntil(PeerId peer, Multiaddr addr) {
    guard.checkOpen();
    return ledger.backoffUntil(peer, addr);
  }

  List<AddrInfo> dialCandidates(int n, Predicate<? super PeerId> filter) {
    guard.checkOpen();
    return ledger.candidates(n, filter, bans::isBanned, bans::isBanned, addrs::addrs);
  }

  /**
   * {@code removePeer}: {@code removal} and the deletion of the peer's history in one batch
   * (just {@code removal} when it has none).
   *
   * @return whether anything was written
   */
  boolean removePeer(PeerId peer, PeerMutation removal) {
    Lock lock = ledger.lockOf(peer);
    lock.lock();
    try {
      PeerDials had = ledger.index().get(peer);
      boolean wrote =
          writes.write(peer, had == null ? removal : new DialMutation(db, peer, null, removal));
      if (had != null) {
        ledger.index().remove(peer);
      }
      return wrote;
    } finally {
      lock.unlock();
    }
  }

  java.util.Set<PeerId> peersWithDialHistory() {
    guard.checkOpen();
    return ledger.peers();
  }

  void restoreDialHistory(DialHistory history) {
    guard.checkOpen();
    ledger.restore(history);
  }

  /** Collects the history of peers not seen for the retention time; costs what it removes. */
  long collect(long nowNanos) {
    return ledger.collect(nowNanos);
  }

  /** The ledger (stats, export, tests). */
  DialLedger ledger() {
    return ledger;
  }

  /** Drops the index (on close; the history stays on disk). */
  void clear() {
    ledger.index().clear();
  }
}
