package org.peerstore.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import org.peerstore.bench.data.Dataset;

/**
 * What every benchmark state holds: the standard {@link Dataset} and one open {@link Target}.
 * The JMH state classes extend it, declare their own {@code @Param}s, and call {@link #open}
 * and {@link #close} from their {@code @Setup} and {@code @TearDown} methods.
 *
 * <p>Setup and teardown run on one thread; the target is then used by the benchmark threads.
 */
abstract class Fixture {
  Dataset data;
  Target target;
  private Map<String, Long> shotCpu;

  /**
   * Opens an empty target of {@code impl} (first generating the standard dataset, once per
   * JVM, and the {@code needs}).
   *
   * @throws IllegalArgumentException if {@code impl} names no implementation
   */
  final void open(String impl, int addrCount, Need... needs) {
    data = Dataset.standard();
    EnumSet<Need> set = EnumSet.noneOf(Need.class);
    set.addAll(Arrays.asList(needs));
    target = Targets.open(Impl.of(impl), data, addrCount, set);
  }

  /** Gives every peer its addresses at {@code ttl}. */
  final void prefillAddrs(Duration ttl) {
    for (int i = 0; i < data.size(); i++) {
      target.addAddrs(i, ttl);
    }
  }

  /**
   * Runs full garbage collections after a state was filled, so the benchmarks measure the heap
   * a long-running node has: its stored state compacted by collections, not interleaved with
   * the garbage the fill left (for every implementation alike). Without it the RocksDB store's
   * reads measured up to 1.5 times slower after its fill than after a collection, the memory
   * store's barely changed: the write path's garbage spread the cached snapshots over more
   * memory (benchmarks/results/FINDINGS.md).
   */
  final void settle() {
    for (int i = 0; i < 2; i++) {
      System.gc();
    }
  }

  /**
   * Marks the start of a one-shot benchmark's shot for {@link CpuProfiler} (call last in the
   * iteration setup, so the store's opening does not count).
   */
  final void startShot() {
    shotCpu = CpuProfiler.cpuSnapshot();
  }

  /**
   * Reports the CPU time since {@link #startShot} as one pass over every peer (call first in
   * the iteration teardown, before the store closes).
   */
  final void endShot() {
    CpuProfiler.oneShot(CpuProfiler.cpuBetween(shotCpu, CpuProfiler.cpuSnapshot()), data.size());
  }

  /** Closes the target (and deletes its directory); idempotent. */
  final void close() {
    if (target != null) {
      Target t = target;
      target = null;
      t.close();
    }
  }
}
