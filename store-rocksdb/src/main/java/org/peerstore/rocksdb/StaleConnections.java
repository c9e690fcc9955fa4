package org.peerstore.rocksdb;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import org.peerstore.AddrTtl;
import org.peerstore.StorageException;
import org.peerstore.internal.AddrState;
import org.peerstore.internal.Limits;
import org.peerstore.internal.Ttl;
import org.peerstore.peer.PeerId;

/**
 * Addresses a previous process held at the connected ttl (docs/CONTRACT.md §11): no connection
 * outlives the process that held it, so when a store directory is opened every address whose
 * ttl is exactly {@link AddrTtl#CONNECTED} is treated as disconnected, as the node would have on
 * disconnect: it gets {@link AddrTtl#RECENTLY_CONNECTED} and expires that long after the open.
 * ({@link AddrTtl#PERMANENT} addresses are not connections and stay.) Without this, addresses
 * left at {@code CONNECTED} by a killed process never expired and survived every gc.
 *
 * <p>The running store applies it through its own {@code updateAddrs} (same rules, caps and
 * index moves as a caller's downgrade); offline maintenance applies the same
 * {@link AddrState#update} with one fsynced batch per peer. Entries that do not decode are left
 * for the reads and {@code verify} to report; a damaged block that stops the scan of the running
 * store is logged, and the store still opens. Stateless.
 */
final class StaleConnections {
  private static final System.Logger LOG = System.getLogger(RocksPeerstore.class.getName());

  private StaleConnections() {}

  /** Whether a stored address value holds an address at exactly the connected ttl. */
  private static boolean holdsConnected(byte[] value) {
    try {
      AddrState s = ValueCodec.decodeAddrs(value);
      for (int i = 0; i < s.size(); i++) {
        if (s.ttlAt(i) == Ttl.CONNECTED) {
          return true;
        }
      }
    } catch (CorruptValueException e) {
      return false;
    }
    return false;
  }

  /**
   * Downgrades, in the just opened {@code store}, every connected address a previous process
   * left behind.
   *
   * @return how many peers had such addresses
   * @throws StorageException if RocksDB fails
   */
  static int releaseOnOpen(RocksPeerstore store, StoreDb db) {
    List<PeerId> peers = new ArrayList<>();
    try {
      db.scan(ColumnFamily.ADDRS, null, null, false, (k, v) -> {
        if (holdsConnected(v)) {
          try {
            peers.add(PeerId.fromBytes(StoreKeys.peerIdOf(k)));
          } catch (CorruptValueException | RuntimeException e) {
            // a key without a valid peer id: the reads report it
          }
        }
        return true;
      });
    } catch (StorageException e) {
      // A damaged block in addrs must not keep the store from opening: release what the scan
      // reached, say what it could not (the reads count the damaged entries, verify names them).
      LOG.log(Level.WARNING, "peerstore {0}: could not scan all addresses to release connected"
          + " ones from a previous process (released {1} peers'' before the failure): {2}",
          db.dir(), peers.size(), e.getMessage());
    }
    for (PeerId p : peers) {
      store.updateAddrs(p, AddrTtl.CONNECTED, AddrTtl.RECENTLY_CONNECTED);
    }
    if (!peers.isEmpty()) {
      LOG.log(Level.INFO, "peerstore {0}: {1} peers had addresses at the connected ttl from a"
          + " previous process; they now expire after {2} (docs/CONTRACT.md §11)",
          db.dir(), peers.size(), AddrTtl.RECENTLY_CONNECTED);
    }
    return peers.size();
  }

  /**
   * Downgrades every connected address of the closed store {@code db} at {@code nowNanos}, one
   * fsynced batch per peer (no per-peer cap applies offline: the store's builder settings are
   * not known here, and a later write applies them).
   *
   * @return how many peers had such addresses
   * @throws StorageException if RocksDB fails
   */
  static long releaseOffline(StoreDb db, long nowNanos) {
    List<byte[]> keys = new ArrayList<>();
    db.scan(ColumnFamily.ADDRS, null, null, (k, v) -> {
      if (holdsConnected(v)) {
        keys.add(k);
      }
      return true;
    });
    long released = 0;
    Limits unlimited = Limits.unlimited(Integer.MAX_VALUE);
    for (byte[] key : keys) {
      byte[] id;
      AddrState state;
      try {
        id = StoreKeys.peerIdOf(key);
        byte[] stored = db.get(ColumnFamily.ADDRS, key);
        if (stored == null) {
          continue;
        }
        state = ValueCodec.decodeAddrs(stored);
      } catch (CorruptValueException e) {
        continue;
      }
      AddrState next = state.copy();
      next.update(Ttl.CONNECTED, Ttl.toNanos(AddrTtl.RECENTLY_CONNECTED), nowNanos, unlimited);
      Batch batch = new Batch();
      AddrWrites.put(batch, id, state.nextExpiry(), next);
      db.commit(batch, "release connected addresses");
      released++;
    }
    return released;
  }
}
