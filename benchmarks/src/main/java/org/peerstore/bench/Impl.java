package org.peerstore.bench;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The implementations a benchmark can run against, by the name its {@code impl} parameter takes:
 * the four store configurations and the two hand-written baselines.
 */
public enum Impl {
  /** {@code MemoryPeerstore}. */
  MEMORY("memory"),
  /** {@code RocksPeerstore} with its default cache of decoded peers. */
  ROCKSDB("rocksdb"),
  /** {@code RocksPeerstore} with {@code cacheSizeBytes(0)}: every read goes to RocksDB. */
  ROCKSDB_NOCACHE("rocksdb-nocache"),
  /**
   * {@code RocksPeerstore} with its default cache and {@code Durability.grouped()} (10 ms
   * window): writes acknowledged from memory, committed in groups.
   */
  ROCKSDB_GROUPED("rocksdb-grouped"),
  /** The same work by hand on {@code ConcurrentHashMap}s of per-peer lists (the memory floor). */
  BASELINE_MAP("baseline-map"),
  /**
   * The same serialized bytes by hand: raw RocksDB {@code WriteBatch} puts and {@code get}s
   * with the store's own options and encoders (the RocksDB floor).
   */
  BASELINE_ROCKSDB("baseline-rocksdb");

  private final String paramName;

  Impl(String paramName) {
    this.paramName = paramName;
  }

  /** The name used in {@code -p impl=...} and in reports. */
  public String paramName() {
    return paramName;
  }

  /** Whether this is one of the two baselines rather than a store. */
  public boolean isBaseline() {
    return this == BASELINE_MAP || this == BASELINE_ROCKSDB;
  }

  /** Whether this implementation keeps its data in RocksDB (and so needs a directory). */
  public boolean usesRocksDb() {
    return this == ROCKSDB || this == ROCKSDB_NOCACHE || this == ROCKSDB_GROUPED
        || this == BASELINE_ROCKSDB;
  }

  /**
   * The implementation named {@code name}.
   *
   * @throws IllegalArgumentException if no implementation has that name (the message lists
   *     them)
   */
  public static Impl of(String name) {
    for (Impl i : values()) {
      if (i.paramName.equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        "unknown implementation '" + name + "'; known: "
            + Arrays.stream(values()).map(Impl::paramName).collect(Collectors.joining(", ")));
  }
}
