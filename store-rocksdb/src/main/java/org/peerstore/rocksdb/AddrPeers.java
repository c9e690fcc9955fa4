package org.peerstore.rocksdb;

import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.peerstore.StorageException;
import org.peerstore.peer.PeerId;

/**
 * The peers that have a stored address value, in memory: what {@code peersWithAddrs()} returns
 * without scanning the {@code addrs} column family (docs/STORAGE.md, "Peers with addresses").
 * Loaded at open by one scan of that column family (a peer counts when its value decodes to at
 * least one address, as the scan counted before) and then kept by the write path: once a batch
 * is committed, a put of the peer's address value adds it and a delete removes it. Every write
 * of a peer's addresses goes through that path, and the batch is what is stored, so the set
 * follows the column family exactly, in every durability mode.
 *
 * <p>It also knows which peers have no address value at all ({@link #stored}): besides the
 * listed peers, the few whose stored value lists no address or does not decode are kept apart.
 * A write (or a read under the peer's lock) of a peer without a stored value skips the
 * {@code addrs} read, and, as a signed record is stored only beside an address value, the
 * {@code records} read too ({@link PeerStates#knowAddrKeys}).
 *
 * <p>Thread-safe: adds and removes are atomic ({@link ConcurrentHashMap}); a peer's own changes
 * are made under its write lock, so they apply in commit order and are exact for a thread
 * holding that lock. {@link #snapshot} is weakly consistent (each peer as at some moment of the
 * call).
 */
final class AddrPeers {
  private static final System.Logger LOG = System.getLogger(RocksPeerstore.class.getName());

  private final Set<PeerId> peers = ConcurrentHashMap.newKeySet();
  /** Peers with a stored address value that is not listed: empty, or not decodable. */
  private final Set<PeerId> unlisted = ConcurrentHashMap.newKeySet();

  private AddrPeers() {}

  /**
   * The set as stored, read with one scan of the address values; null if the scan failed (a
   * damaged block): the store still opens, and its listings scan the column family on every
   * call as they did before this set existed, so they report the damage instead of silently
   * leaving out the peers behind it.
   */
  static @Nullable AddrPeers load(PeerScans scans, Path dir) {
    AddrPeers a = new AddrPeers();
    try {
      scans.collect(ColumnFamily.ADDRS, (p, key, value) -> {
        boolean listed;
        try {
          listed = counts(p, key, value);
        } catch (CorruptValueException e) {
          a.unlisted.add(p);
          throw e;
        }
        if (!listed) {
          a.unlisted.add(p);
        }
        return listed;
      }, a.peers);
    } catch (StorageException e) {
      LOG.log(Level.WARNING, "peerstore {0}: could not scan the addresses at open ({1}); the"
          + " peer listings scan them on every call", dir, e.getMessage());
      return null;
    }
    return a;
  }

  /** Whether a stored address value makes its peer count (it holds an address). */
  static boolean counts(PeerId p, byte[] key, byte[] value) throws CorruptValueException {
    return ValueCodec.addrCount(value) > 0;
  }

  /**
   * Follows a committed batch of {@code peer}'s write: its last change of the {@code addrs}
   * column family (the write path only changes the writing peer's value) decides.
   */
  void follow(PeerId peer, Batch batch) {
    for (int i = batch.count() - 1; i >= 0; i--) {
      if (batch.cf(i) == ColumnFamily.ADDRS) {
        // The write path stores an address value only when it holds an address.
        if (batch.value(i) == null) {
          peers.remove(peer);
        } else {
          peers.add(peer);
        }
        unlisted.remove(peer);
        return;
      }
    }
  }

  /** A copy of the set, unmodifiable. */
  Set<PeerId> snapshot() {
    return Collections.unmodifiableSet(new HashSet<>(peers));
  }

  /** Whether {@code peer} has a stored address value. */
  boolean contains(PeerId peer) {
    return peers.contains(peer);
  }

  /**
   * Whether {@code peer} has any stored address value (listed or not); exact for a caller
   * holding the peer's lock.
   */
  boolean stored(PeerId peer) {
    return peers.contains(peer) || unlisted.contains(peer);
  }

  /** Empties the set (the store closed). */
  void clear() {
    peers.clear();
    unlisted.clear();
  }
}
