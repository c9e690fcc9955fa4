package org.peerstore.rocksdb;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.peerstore.peer.PeerId;

/**
 * The store-wide peer listings ({@code peers()}, {@code peersWithAddrs()},
 * {@code peersWithKeys()}): scans of the per-peer column families, which hold every peer at
 * most once per key, in key order (so all entries of a peer are adjacent). Scans do not fill
 * the block cache. A peer counts only if one of its values decodes: a corrupt value is
 * reported and ignored, as every read treats it.
 *
 * <p>Thread-safe; the caller holds a use of the store.
 */
final class PeerScans {
  private final StoreDb db;
  private final CorruptionLog corruption;

  PeerScans(StoreDb db, CorruptionLog corruption) {
    this.db = db;
    this.corruption = corruption;
  }

  /** Decides whether one stored value makes its peer count. */
  @FunctionalInterface
  interface ValueCheck {
    /**
     * Whether the value counts.
     *
     * @throws CorruptValueException if it does not decode
     */
    boolean counts(PeerId p, byte[] key, byte[] value) throws CorruptValueException;
  }

  /** Adds to {@code into} every peer with a value in {@code cf} that {@code check} accepts. */
  void collect(ColumnFamily cf, ValueCheck check, Set<PeerId> into) {
    byte[][] lastPeer = {null};
    boolean[] lastCounted = {false};
    db.scan(cf, null, null, false, (k, v) -> {
      byte[] id;
      try {
        id = StoreKeys.peerIdOf(k);
      } catch (CorruptValueException e) {
        corruption.report(cf, k, e);
        return true;
      }
      boolean samePeer = lastPeer[0] != null && Arrays.equals(lastPeer[0], id);
      if (samePeer && lastCounted[0]) {
        return true;
      }
      if (!samePeer) {
        lastPeer[0] = id;
        lastCounted[0] = false;
      }
      PeerId p;
      try {
        p = PeerId.fromBytes(id);
      } catch (RuntimeException e) {
        corruption.report(cf, k, new CorruptValueException("key holds no valid peer id", e));
        return true;
      }
      try {
        if (check.counts(p, k, v)) {
          into.add(p);
          lastCounted[0] = true;
        }
      } catch (CorruptValueException e) {
        corruption.report(cf, k, e);
      }
      return true;
    });
  }

  /** A fresh set to collect into. */
  static Set<PeerId> newSet() {
    return new HashSet<>();
  }
}
