package org.peerstore.rocksdb;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.peerstore.Ban;
import org.peerstore.BanTarget;
import org.peerstore.StorageException;
import org.peerstore.internal.BanEntry;
import org.peerstore.internal.BanBookCore;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

/**
 * The ban book of the RocksDB store (docs/CONTRACT.md §14, docs/STORAGE.md "Bans"): the
 * {@code bans} column family on disk and the shared {@link BanBookCore} (its index in memory),
 * loaded by one scan of the column family when the store opens. Checks read only the index: they take no
 * lock and make no RocksDB call.
 *
 * <p>Thread-safe. A ban, an unban, a restore and a collection each take the book's lock, write
 * one {@link Batch} and update the index only after RocksDB accepted it, so a failed write
 * changes neither disk nor memory, and a reader never sees a ban that RocksDB did not take
 * (with grouped durability: that is not pending for the next group commit, docs/CONTRACT.md
 * §18).
 * Expired bans are collected from the index's expiry order (cost: what expired; no expiry
 * keys on disk).
 */
// "try": a use of the store is held only for its scope, never read.
@SuppressWarnings("try")
final class RocksBanBook {
  private final StoreDb db;
  private final UseGuard guard;
  private final CorruptionLog corruption;
  private final BanBookCore core;

  private RocksBanBook(StoreDb db, UseGuard guard, Clock clock, CorruptionLog corruption) {
    this.db = db;
    this.guard = guard;
    this.corruption = corruption;
    this.core = new BanBookCore(clock, new ColumnFamilyBans());
  }

  /**
   * The book of {@code db}, its index loaded from the {@code bans} column family. Entries that
   * do not decode are counted in {@code corruption}, skipped and left on disk.
   *
   * @throws StorageException if RocksDB fails
   */
  static RocksBanBook open(StoreDb db, UseGuard guard, Clock clock, CorruptionLog corruption) {
    RocksBanBook book = new RocksBanBook(db, guard, clock, corruption);
    book.load();
    return book;
  }

  private void load() {
    db.scan(ColumnFamily.BANS, null, null, false, (k, v) -> {
      try {
        core.load(BanCodec.decode(k, v));
      } catch (CorruptValueException e) {
        corruption.report(ColumnFamily.BANS, k, e);
      }
      return true;
    });
  }

  /** The {@code bans} column family: one write batch per change. */
  private final class ColumnFamilyBans implements BanBookCore.Persistence {
    @Override
    public void put(BanEntry ban) {
      Batch batch = new Batch();
      batch.put(ColumnFamily.BANS, BanCodec.key(ban.target()), BanCodec.value(ban));
      db.commit(batch, "write a ban");
    }

    @Override
    public void delete(List<BanTarget> targets) {
      Batch batch = new Batch();
      for (BanTarget t : targets) {
        batch.delete(ColumnFamily.BANS, BanCodec.key(t));
      }
      db.commit(batch, targets.size() == 1 ? "lift a ban" : "collect expired bans");
    }
  }

  Ban ban(BanTarget target, String reason, Duration duration) {
    guard.checkOpen();
    try (UseGuard.Use use = guard.enter()) {
      return core.ban(target, reason, duration);
    }
  }

  boolean restore(Ban ban) {
    guard.checkOpen();
    try (UseGuard.Use use = guard.enter()) {
      return core.restore(ban);
    }
  }

  boolean unban(BanTarget target) {
    guard.checkOpen();
    try (UseGuard.Use use = guard.enter()) {
      return core.unban(target);
    }
  }

  Optional<Ban> banOf(BanTarget target) {
    guard.checkOpen();
    return core.banOf(target);
  }

  List<Ban> bans() {
    guard.checkOpen();
    return core.bans();
  }

  boolean isBanned(PeerId peer) {
    guard.checkOpen();
    return core.isBanned(peer);
  }

  boolean isBanned(InetAddress address) {
    guard.checkOpen();
    return core.isBanned(address);
  }

  boolean isBanned(Multiaddr address) {
    guard.checkOpen();
    return core.isBanned(address);
  }

  /**
   * Deletes every ban expired at {@code nowNanos} in one batch, then drops them from the index.
   *
   * @return how many were removed
   * @throws StorageException if RocksDB fails (nothing is removed)
   */
  long collect(long nowNanos) {
    try (UseGuard.Use use = guard.enter()) {
      return core.collect(nowNanos);
    }
  }

  /** How many bans the index holds, expired but uncollected ones included (for tests). */
  long storedCount() {
    return core.storedCount();
  }

  /** Drops the index (on close; the bans stay on disk). */
  void clear() {
    core.clear();
  }
}
