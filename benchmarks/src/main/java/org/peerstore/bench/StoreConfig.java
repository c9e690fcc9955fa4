package org.peerstore.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.peerstore.Peerstore;
import org.peerstore.memory.MemoryPeerstore;
import org.peerstore.memory.MemoryPeerstoreBuilder;
import org.peerstore.rocksdb.Durability;
import org.peerstore.rocksdb.RocksPeerstore;
import org.peerstore.rocksdb.RocksPeerstoreBuilder;

/**
 * How the benchmarks build stores. Both configurations switch the background garbage collector
 * off (nothing expires in a micro benchmark, and the churn benchmark collects on its own
 * schedule so the work is timed where it happens); everything else is the stores' defaults
 * unless stated.
 */
public enum StoreConfig {
  /**
   * For the micro benchmarks: the per-peer cap raised to 128 so that 100 addresses per peer
   * are stored, not evicted, and the memory store's global cap raised to 10,000,000 (it stays
   * on, so its accounting is measured) so 10,000 peers × 100 addresses fit.
   */
  MICRO,
  /** The stores' defaults (as a node would run them), background GC off. */
  DEFAULTS;

  /** Per-peer address cap of {@link #MICRO}. */
  public static final int MICRO_MAX_ADDRS_PER_PEER = 128;
  /** The memory store's global cap under {@link #MICRO}. */
  public static final long MICRO_MAX_UNCONNECTED_ADDRS = 10_000_000;

  /**
   * Opens a store.
   *
   * @param impl one of the four store implementations
   * @param dir the RocksDB directory (ignored by the memory store)
   * @throws IllegalArgumentException if {@code impl} is a baseline
   */
  public Peerstore open(Impl impl, Clock clock, Path dir) {
    switch (impl) {
      case MEMORY -> {
        MemoryPeerstoreBuilder b = MemoryPeerstore.builder().clock(clock).gcInterval(Duration.ZERO);
        if (this == MICRO) {
          b.maxAddrsPerPeer(MICRO_MAX_ADDRS_PER_PEER).maxUnconnectedAddrs(MICRO_MAX_UNCONNECTED_ADDRS);
        }
        return b.build();
      }
      case ROCKSDB, ROCKSDB_NOCACHE, ROCKSDB_GROUPED -> {
        RocksPeerstoreBuilder b = RocksPeerstore.builder(dir).clock(clock).gcInterval(Duration.ZERO);
        if (this == MICRO) {
          b.maxAddrsPerPeer(MICRO_MAX_ADDRS_PER_PEER);
        }
        if (impl == Impl.ROCKSDB_NOCACHE) {
          b.cacheSizeBytes(0);
        }
        if (impl == Impl.ROCKSDB_GROUPED) {
          b.durability(Durability.grouped());
        }
        return b.build();
      }
      default -> throw new IllegalArgumentException(impl.paramName() + " is not a store");
    }
  }
}
