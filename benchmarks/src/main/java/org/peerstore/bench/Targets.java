package org.peerstore.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import org.peerstore.bench.data.Dataset;

/** Opens the {@link Target} of an implementation, with its scratch directory if it needs one. */
final class Targets {
  private Targets() {}

  /**
   * Opens an empty target for {@code impl} over {@code data}, whose address operations use each
   * peer's first {@code addrCount} addresses. Stores use {@link StoreConfig#MICRO} and the
   * system clock.
   *
   * @param needs what else of the dataset the benchmark uses: generated now, and serialized up
   *     front by the RocksDB baseline
   */
  static Target open(Impl impl, Dataset data, int addrCount, Set<Need> needs) {
    if (needs.contains(Need.RECORDS)) {
      data.envelope(0); // seals every record
    }
    if (needs.contains(Need.UNKNOWN_PEERS)) {
      data.unknownPeer(0); // generates every unknown peer
    }
    Clock clock = Clock.systemUTC();
    if (impl == Impl.BASELINE_MAP) {
      return new MapBaseline(data, addrCount, clock);
    }
    if (impl == Impl.MEMORY) {
      return new StoreTarget(StoreConfig.MICRO.open(impl, clock, null), data, addrCount, null);
    }
    Path dir = BenchDirs.create("peerstore-bench-" + impl.paramName() + "-");
    try {
      if (impl == Impl.BASELINE_ROCKSDB) {
        return new RocksBaseline(data, addrCount, clock, dir, needs);
      }
      return new StoreTarget(StoreConfig.MICRO.open(impl, clock, dir), data, addrCount, dir);
    } catch (RuntimeException | Error e) {
      BenchDirs.delete(dir);
      throw e;
    }
  }
}
