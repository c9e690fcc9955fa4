package org.peerstore.rocksdb;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.peerstore.Ban;
import org.peerstore.BanTarget;
import org.peerstore.StorageException;
import org.peerstore.internal.BanEntry;
import org.peerstore.internal.BanIndex;
import org.peerstore.internal.BanRules;
import org.peerstore.internal.Ttl;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * The ban book of the RocksDB store (docs/CONTRACT.md §14, docs/STORAGE.md "Bans"): the
 * {@code bans} column family on disk and the shared {@link BanIndex} in memory, loaded by one
 * scan of the column family when the store opens. Checks read only the index: they take no
 * lock and make no RocksDB call.
 *
 * <p>Thread-safe. A ban, an unban and a collection each take the book's lock, write one
 * {@link WriteBatch} and update the index only after RocksDB accepted it, so a failed write
 * changes neither disk nor memory, and a reader never sees a ban that is not on disk.
 * Expired bans are collected from the index's expiry order (cost: what expired; no expiry
 * keys on disk).
 */
// "try": a use of the store is held only for its scope, never read.
@SuppressWarnings("try")
final class RocksBanBook {
  private final StoreDb db;
  private final UseGuard guard;
  private final Clock clock;
  private final CorruptionLog corruption;
  private final ReentrantLock lock = new ReentrantLock();
  private final BanIndex index = new BanIndex();

  private RocksBanBook(StoreDb db, UseGuard guard, Clock clock, CorruptionLog corruption) {
    this.db = db;
    this.guard = guard;
    this.clock = clock;
    this.corruption = corruption;
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
        index.put(BanCodec.decode(k, v));
      } catch (CorruptValueException e) {
        corruption.report(ColumnFamily.BANS, k, e);
      }
      return true;
    });
  }

  Ban ban(BanTarget target, String reason, Duration duration) {
    guard.checkOpen();
    try (UseGuard.Use use = guard.enter()) {
      lock.lock();
      try {
        BanEntry ban = BanRules.newBan(target, reason, duration, Ttl.nowNanos(clock));
        try (WriteBatch batch = new WriteBatch()) {
          batch.put(db.handle(ColumnFamily.BANS), BanCodec.key(target), BanCodec.value(ban));
          db.write(batch, "write a ban");
        } catch (RocksDBException e) {
          throw StorageErrors.of("prepare a ban", e);
        }
        index.put(ban);
        return ban.toBan();
      } finally {
        lock.unlock();
      }
    }
  }

  boolean unban(BanTarget target) {
    guard.checkOpen();
    Objects.requireNonNull(target, "target");
    try (UseGuard.Use use = guard.enter()) {
      lock.lock();
      try {
        BanEntry old = index.get(target);
        if (old == null) {
          return false;
        }
        try (WriteBatch batch = new WriteBatch()) {
          batch.delete(db.handle(ColumnFamily.BANS), BanCodec.key(target));
          db.write(batch, "lift a ban");
        } catch (RocksDBException e) {
          throw StorageErrors.of("prepare an unban", e);
        }
        index.remove(target);
        return old.inForce(Ttl.nowNanos(clock));
      } finally {
        lock.unlock();
      }
    }
  }

  Optional<Ban> banOf(BanTarget target) {
    guard.checkOpen();
    BanEntry b = index.get(Objects.requireNonNull(target, "target"));
    return b != null && b.inForce(Ttl.nowNanos(clock)) ? Optional.of(b.toBan()) : Optional.empty();
  }

  List<Ban> bans() {
    guard.checkOpen();
    lock.lock();
    try {
      return index.inForce(Ttl.nowNanos(clock)).stream().map(BanEntry::toBan).toList();
    } finally {
      lock.unlock();
    }
  }

  boolean isBanned(PeerId peer) {
    guard.checkOpen();
    return index.isBanned(Objects.requireNonNull(peer, "peer id"), Ttl.nowNanos(clock));
  }

  boolean isBanned(InetAddress address) {
    guard.checkOpen();
    return index.isBanned(Objects.requireNonNull(address, "address"), Ttl.nowNanos(clock));
  }

  boolean isBanned(Multiaddr address) {
    guard.checkOpen();
    return index.isBanned(Objects.requireNonNull(address, "address"), Ttl.nowNanos(clock));
  }

  /**
   * Deletes every ban expired at {@code nowNanos} in one batch, then drops them from the index.
   *
   * @return how many were removed
   * @throws StorageException if RocksDB fails (nothing is removed)
   */
  long collect(long nowNanos) {
    try (UseGuard.Use use = guard.enter()) {
      lock.lock();
      try {
        List<BanEntry> expired = index.expired(nowNanos);
        if (expired.isEmpty()) {
          return 0;
        }
        try (WriteBatch batch = new WriteBatch()) {
          for (BanEntry b : expired) {
            batch.delete(db.handle(ColumnFamily.BANS), BanCodec.key(b.target()));
          }
          db.write(batch, "collect expired bans");
        } catch (RocksDBException e) {
          throw StorageErrors.of("prepare a ban collection", e);
        }
        for (BanEntry b : expired) {
          index.remove(b.target());
        }
        return expired.size();
      } finally {
        lock.unlock();
      }
    }
  }

  /** How many bans the index holds, expired but uncollected ones included (for tests). */
  long storedCount() {
    long[] c = index.counts();
    return c[0] + c[1] + c[2];
  }

  /** Drops the index (on close; the bans stay on disk). */
  void clear() {
    lock.lock();
    try {
      index.clear();
    } finally {
      lock.unlock();
    }
  }
}
