package org.peerstore.rocksdb;

import org.peerstore.internal.AddrState;
import org.peerstore.internal.Ttl;
import org.jspecify.annotations.Nullable;

/**
 * How a peer's new address set goes into a write batch, in one place for the running store
 * ({@link AddrMutation#putAddrs}), its collector ({@link ExpiryCollector}) and offline maintenance
 * ({@link OfflineCollector}): the {@code addrs} value is put (or deleted when empty) and the
 * peer's {@code expiry} index entry moves from the old earliest expiry to the new one, so the
 * value and its index entry always change in the same batch. Stateless.
 */
final class AddrWrites {
  private AddrWrites() {}

  /** The value of every index entry (RocksDB copies it; never modified). */
  private static final byte[] EMPTY = new byte[0];

  /**
   * Adds the address value and the index move to {@code batch}.
   *
   * @param before the earliest expiry the index holds for the peer now ({@link Ttl#NEVER} when
   *     it holds none or it is unknown)
   */
  static void put(
      Batch batch,
      byte[] id,
      long before,
      AddrState next) {
    put(batch, id, before, next, next.isEmpty() ? null : ValueCodec.encodeAddrs(next));
  }

  /**
   * Adds the address value and the index move to {@code batch}, with the value already encoded.
   *
   * @param before as for {@link #put(Batch, byte[], long, AddrState)}
   * @param value {@code ValueCodec.encodeAddrs(next)}, or null when {@code next} is empty
   */
  static void put(
      Batch batch,
      byte[] id,
      long before,
      AddrState next,
      byte @Nullable [] value) {
    byte[] key = StoreKeys.peer(id);
    if (value == null) {
      batch.delete(ColumnFamily.ADDRS, key);
    } else {
      batch.put(ColumnFamily.ADDRS, key, value);
    }
    long after = next.nextExpiry();
    if (before != after) {
      if (before != Ttl.NEVER) {
        batch.delete(ColumnFamily.EXPIRY, StoreKeys.expiry(before, id));
      }
      if (after != Ttl.NEVER) {
        batch.put(ColumnFamily.EXPIRY, StoreKeys.expiry(after, id), EMPTY);
      }
    }
  }

  /**
   * Replaces an index entry that does not match the peer's stored addresses (left behind when a
   * corrupt address value was overwritten) with the entry for {@code after}; the index is
   * derived data.
   */
  static void replaceStaleIndex(
      Batch batch,
      byte[] staleIndexKey,
      byte[] id,
      long after) {
    batch.delete(ColumnFamily.EXPIRY, staleIndexKey);
    if (after != Ttl.NEVER) {
      batch.put(ColumnFamily.EXPIRY, StoreKeys.expiry(after, id), EMPTY);
    }
  }
}
