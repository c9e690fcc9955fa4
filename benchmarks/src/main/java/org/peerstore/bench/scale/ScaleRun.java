package org.peerstore.bench.scale;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.peerstore.AddrTtl;
import org.peerstore.bench.BenchDirs;
import org.peerstore.bench.ManualClock;
import org.peerstore.bench.data.Addresses;
import org.peerstore.bench.data.Identities;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.rocksdb.CompactionReport;
import org.peerstore.rocksdb.MaintenanceProgress;
import org.peerstore.rocksdb.RocksMaintenance;
import org.peerstore.rocksdb.RocksPeerstore;
import org.peerstore.rocksdb.RocksPeerstoreBuilder;

/**
 * The scale run of the RocksDB store (issue 5): loads {@code --peers} peers (default 1,000,000)
 * with {@code --addrs} addresses each (default 10) at {@code AddrTtl.ADDRESS}, then measures
 *
 * <ol>
 *   <li>the load rate (store calls only; generating identities is not timed) and the heap
 *       after a full GC at every tenth of the load, which must stay bounded by the cache
 *       budget rather than grow with the database;
 *   <li>the reopen time (close, then {@code build()} again);
 *   <li>{@code addrs} latency of {@code --sample} random peers right after reopening (cold:
 *       empty cache and block cache; the OS page cache may still hold the files) and again
 *       (warm);
 *   <li>bytes on disk before and after a full compaction ({@link RocksMaintenance#compact});
 *   <li>the time of the garbage collection that removes every address once all have expired,
 *       and the heap after it.
 * </ol>
 *
 * <p>Time comes from a {@link ManualClock}, so expiring everything is one clock step. The
 * results go to standard output and, with {@code --out}, to a Markdown file. Run it with the
 * heap you want to prove sufficient (e.g. {@code -Xmx1g}) and see the README for the command.
 *
 * <p>Not thread-safe; one run per JVM.
 */
public final class ScaleRun {
  private static final long SEED = 0x5CA1E_2026L;
  private static final int BATCH = 10_000;
  private static final double MIB = 1024.0 * 1024.0;

  private final int peers;
  private final int addrsPerPeer;
  private final int sample;
  private final Path dir;
  private final boolean keep;
  private final long blockCacheBytes;
  private final List<String> lines = new ArrayList<>();

  private ScaleRun(
      int peers, int addrsPerPeer, int sample, Path dir, boolean keep, long blockCacheBytes) {
    this.blockCacheBytes = blockCacheBytes;
    this.peers = peers;
    this.addrsPerPeer = addrsPerPeer;
    this.sample = sample;
    this.dir = dir;
    this.keep = keep;
  }

  /**
   * Runs the scale run. Options: {@code --peers N}, {@code --addrs K}, {@code --sample S},
   * {@code --dir PATH} (default: a new directory under {@code peerstore.bench.dir} or the temp
   * directory; deleted afterwards unless {@code --keep}), {@code --out FILE.md},
   * {@code --block-cache-mib M} (RocksDB's block cache; default the store's default).
   *
   * @throws IllegalArgumentException on an unknown option or a bad number
   * @throws IllegalStateException if the store does not hold what was loaded
   */
  public static void main(String[] args) throws Exception {
    int peers = 1_000_000;
    int addrs = 10;
    int sample = 10_000;
    Path dir = null;
    Path out = null;
    boolean keep = false;
    long blockCache = RocksPeerstoreBuilder.DEFAULT_BLOCK_CACHE_SIZE;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--peers" -> peers = positive(args, ++i);
        case "--addrs" -> addrs = positive(args, ++i);
        case "--sample" -> sample = positive(args, ++i);
        case "--dir" -> dir = Path.of(value(args, ++i));
        case "--out" -> out = Path.of(value(args, ++i));
        case "--keep" -> keep = true;
        case "--block-cache-mib" -> blockCache = (long) positive(args, ++i) << 20;
        default -> throw new IllegalArgumentException(
            "unknown option " + args[i]
                + " (known: --peers N --addrs K --sample S --dir PATH --out FILE --keep"
                + " --block-cache-mib M)");
      }
    }
    boolean ownDir = dir == null;
    Path d = ownDir ? BenchDirs.create("peerstore-scale-") : dir;
    ScaleRun run =
        new ScaleRun(peers, addrs, Math.min(sample, peers), d, keep || !ownDir, blockCache);
    List<String> report = run.run();
    if (out != null) {
      Files.write(out, report);
      System.out.println("wrote " + out);
    }
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException("option " + args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static int positive(String[] args, int i) {
    String v = value(args, i);
    try {
      int n = Integer.parseInt(v.replace("_", ""));
      if (n <= 0) {
        throw new IllegalArgumentException(args[i - 1] + " must be positive: " + v);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(args[i - 1] + " is not a number: " + v, e);
    }
  }

  /** Runs every phase and returns the report lines (also printed as they come). */
  List<String> run() {
    long maxHeap = Runtime.getRuntime().maxMemory();
    line("# Scale run: RocksDB store, %,d peers × %d addresses", peers, addrsPerPeer);
    line("");
    line("JVM %s, max heap %.0f MiB, %d cores; directory %s", System.getProperty("java.version"),
        maxHeap / MIB, Runtime.getRuntime().availableProcessors(), dir);
    line("Store: RocksPeerstore defaults (cache %d MiB) but a block cache of %d MiB%s,"
            + " background GC off. Load average (1, 5, 15 min) at start: %s.",
        RocksPeerstoreBuilder.DEFAULT_CACHE_SIZE_BYTES >> 20, blockCacheBytes >> 20,
        blockCacheBytes == RocksPeerstoreBuilder.DEFAULT_BLOCK_CACHE_SIZE ? " (the default)" : "",
        loadAverage());
    line("");
    ManualClock clock = new ManualClock();
    try {
      long heapAfterLoad = load(clock);
      int[] picks = samplePeers();
      PeerId[] sampled = new PeerId[picks.length];
      IntStream.range(0, picks.length).parallel()
          .forEach(i -> sampled[i] = Identities.peer(SEED, picks[i]));

      long t0 = System.nanoTime();
      RocksPeerstore store = open(clock);
      double reopenMs = (System.nanoTime() - t0) / 1e6;
      line("| reopen (build) | %.1f ms |", reopenMs);
      double[] cold;
      double[] warm;
      try {
        cold = lookups(store, sampled);
        warm = lookups(store, sampled);
      } finally {
        store.close();
      }
      line("| `addrs` after reopen, cold (%,d peers) | %s |", sampled.length, latency(cold));
      line("| `addrs` warm (same peers again) | %s |", latency(warm));

      CompactionReport compaction;
      try (RocksMaintenance maintenance = RocksMaintenance.open(dir)) {
        compaction = maintenance.compact(MaintenanceProgress.NONE);
      }
      long after = compaction.sizeOnDiskAfter();
      line("| bytes on disk before / after full compaction | %.1f MiB / %.1f MiB (%.1f bytes per address) |",
          compaction.sizeOnDiskBefore() / MIB, after / MIB,
          (double) after / ((long) peers * addrsPerPeer));

      store = open(clock);
      try {
        clock.advance(AddrTtl.ADDRESS.plus(Duration.ofMinutes(1)));
        long g0 = System.nanoTime();
        long removed = store.collectGarbage();
        double gcSeconds = (System.nanoTime() - g0) / 1e9;
        long expected = (long) peers * addrsPerPeer;
        line("| GC of all %,d expired addresses | %.2f s (removed %,d) |", expected, gcSeconds, removed);
        if (removed != expected) {
          throw new IllegalStateException("GC removed " + removed + " addresses, expected " + expected);
        }
        if (!store.peersWithAddrs().isEmpty()) {
          throw new IllegalStateException("peers still have addresses after everything expired");
        }
        line("| heap after GC of everything (after full GC) | %.1f MiB |", heapUsed() / MIB);
      } finally {
        store.close();
      }
      line("");
      line("Heap after load: %.1f MiB (target: under 512 MiB with the default cache)."
          + " Load average at end: %s.", heapAfterLoad / MIB, loadAverage());
      return lines;
    } finally {
      if (!keep) {
        BenchDirs.delete(dir);
      }
    }
  }

  private RocksPeerstore open(ManualClock clock) {
    return RocksPeerstore.builder(dir)
        .clock(clock)
        .gcInterval(Duration.ZERO)
        .blockCacheSize(blockCacheBytes)
        .build();
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }

  /** Loads every peer; returns the heap after a full GC at the end. */
  private long load(ManualClock clock) {
    line("| phase | result |");
    line("|---|---|");
    long storeNanos = 0;
    long heap = 0;
    StringBuilder heapCurve = new StringBuilder();
    int tenth = Math.max(1, peers / 10);
    RocksPeerstore store = open(clock);
    try {
      for (int start = 0; start < peers; start += BATCH) {
        int end = Math.min(peers, start + BATCH);
        PeerId[] ids = new PeerId[end - start];
        @SuppressWarnings({"unchecked", "rawtypes"})
        List<Multiaddr>[] addrs = new List[end - start];
        int base = start;
        IntStream.range(0, ids.length).parallel().forEach(i -> {
          ids[i] = Identities.peer(SEED, base + i);
          addrs[i] = Addresses.of(SEED, base + i, addrsPerPeer);
        });
        long t0 = System.nanoTime();
        for (int i = 0; i < ids.length; i++) {
          store.addAddrs(ids[i], addrs[i], AddrTtl.ADDRESS);
        }
        storeNanos += System.nanoTime() - t0;
        if (end / tenth != start / tenth || end == peers) {
          heap = heapUsed();
          heapCurve.append(String.format(Locale.ROOT, "%s%,d: %.0f", heapCurve.length() == 0 ? "" : ", ",
              end, heap / MIB));
        }
      }
    } finally {
      store.close();
    }
    double seconds = storeNanos / 1e9;
    line("| load (store calls only) | %.1f s: %,.0f peers/s, %,.0f addresses/s |", seconds,
        peers / seconds, (double) peers * addrsPerPeer / seconds);
    line("| heap after full GC while loading (peers: MiB) | %s |", heapCurve);
    return heap;
  }

  private int[] samplePeers() {
    SplittableRandom r = new SplittableRandom(SEED);
    return r.ints(sample, 0, peers).toArray();
  }

  private double[] lookups(RocksPeerstore store, PeerId[] sampled) {
    double[] micros = new double[sampled.length];
    for (int i = 0; i < sampled.length; i++) {
      long t0 = System.nanoTime();
      List<Multiaddr> got = store.addrs(sampled[i]);
      micros[i] = (System.nanoTime() - t0) / 1e3;
      if (got.size() != addrsPerPeer) {
        throw new IllegalStateException(
            "peer " + sampled[i] + " has " + got.size() + " addresses, expected " + addrsPerPeer);
      }
    }
    return micros;
  }

  private static String latency(double[] micros) {
    double[] s = micros.clone();
    Arrays.sort(s);
    double mean = Arrays.stream(s).average().orElse(Double.NaN);
    return String.format(Locale.ROOT, "mean %.1f µs, p50 %.1f µs, p99 %.1f µs, max %.1f µs",
        mean, s[(int) (s.length * 0.50)], s[Math.min(s.length - 1, (int) (s.length * 0.99))],
        s[s.length - 1]);
  }

  private static long heapUsed() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  private void line(String format, Object... args) {
    String s = String.format(Locale.ROOT, format, args);
    lines.add(s);
    System.out.println(s);
  }

}
