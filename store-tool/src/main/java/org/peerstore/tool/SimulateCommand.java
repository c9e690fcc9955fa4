package org.peerstore.tool;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.peerstore.rocksdb.RocksPeerstore;
import org.peerstore.rocksdb.RocksPeerstoreBuilder;
import org.peerstore.tool.simulate.ChurnSimulation;
import org.peerstore.tool.simulate.Latency;
import org.peerstore.tool.simulate.Op;
import org.peerstore.tool.simulate.SimulatedClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code simulate}: the churn workload of a real node against a store. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Drives the peerstore workload of a libp2p node with peer churn against the"
        + " store (created if DIR does not exist or is empty): peers connect (addresses at the"
        + " connected ttl), identify (protocols, public key, signed peer record, metadata), get"
        + " looked up, reconnect and disconnect (connected -> temp, then recently-connected);"
        + " simulated time advances so that addresses expire, and garbage collection runs."
        + " The store runs with its default settings (64 MiB cache).",
        "Prints throughput, p50/p99 latency per store call, and the size on disk."})
final class SimulateCommand implements Callable<Integer> {
  @ParentCommand
  private PeerstoreTool tool;
  @Mixin
  private ExitCodeHelp exitCodes;
  @Mixin
  private StoreOption store;
  @Mixin
  private ProgressOption progressOption;
  @Option(names = "--peers", paramLabel = "N", defaultValue = "10000",
      description = "How many distinct peers connect (default: ${DEFAULT-VALUE}).")
  private int peers;
  @Option(names = "--seed", defaultValue = "1",
      description = "Seed of the peers' keys and every random choice (default: ${DEFAULT-VALUE}).")
  private long seed;
  @Option(names = "--span", paramLabel = "DURATION", defaultValue = "PT30M",
      converter = DurationConverter.class,
      description = "Simulated time the run covers, ISO-8601 (default: ${DEFAULT-VALUE}); it"
          + " ends at the present, so stats and gc afterwards see the same expiries.")
  private Duration span;

  @Override
  public Integer call() {
    if (peers < 1) {
      throw new ToolException("--peers must be at least 1: " + peers);
    }
    if (span.isNegative() || span.isZero()) {
      throw new ToolException("--span must be positive: " + span);
    }
    ToolContext ctx = tool.context();
    boolean created = StoreAccess.isNew(store.dir);
    SimulatedClock clock = new SimulatedClock(ctx.clock().instant().minus(span));
    ChurnSimulation.Result r;
    long storedPeers;
    try (RocksPeerstore ps = StoreAccess.existingOrNew(ctx, store.dir, clock,
        RocksPeerstoreBuilder.DEFAULT_CACHE_SIZE_BYTES, null)) {
      try (Progress prepare = progressOption.start(ctx, "simulate: preparing", "peers");
          Progress run = progressOption.start(ctx, "simulate", "peers")) {
        r = ChurnSimulation.run(ps, clock, new ChurnSimulation.Settings(peers, seed, span),
            prepare, run);
      }
      storedPeers = ps.peers().size();
    }
    long size = sizeOnDisk(store.dir, false);
    long wal = sizeOnDisk(store.dir, true);
    PrintWriter out = ctx.out();
    out.printf("simulate: %d peers churning over %s of simulated time against %s (%s)%n",
        peers, human(r.simulated()), store.dir.toAbsolutePath().normalize(),
        created ? "new store" : "existing store");
    out.printf("  events      %d connects (%d reconnects), %d disconnects, %d gc runs removed %d"
        + " expired addresses%n", r.connects(), r.reconnects(), r.disconnects(), r.gcRuns(),
        r.gcRemoved());
    out.printf(Locale.ROOT, "  throughput  %d store calls in %s: %.0f calls/s (one thread);"
        + " wall %s, plus %s preparing keys and records%n", r.all().count(),
        Sizes.nanos(r.all().totalNanos()), r.callsPerSecond(), Sizes.nanos(r.runNanos()),
        Sizes.nanos(r.prepareNanos()));
    out.printf("  latency     p50 %s, p99 %s over all calls%n", Sizes.nanos(r.all().p50Nanos()),
        Sizes.nanos(r.all().p99Nanos()));
    for (Op op : Op.values()) {
      Latency l = r.byOp().get(op);
      out.printf("    %-10s %-29s %8d calls  p50 %9s  p99 %9s%n", op.phase(), op.call(),
          l.count(), Sizes.nanos(l.p50Nanos()), Sizes.nanos(l.p99Nanos()));
    }
    out.printf("  store       %d peers, %s on disk (%s of it write-ahead log, turned into tables"
        + " when the store is next opened)%n", storedPeers, Sizes.bytes(size), Sizes.bytes(wal));
    out.flush();
    return ExitCodes.OK;
  }

  private static String human(Duration d) {
    return d.toString().substring(2).toLowerCase(Locale.ROOT);
  }

  /** Bytes of the files in {@code dir}; with {@code walOnly}, of its write-ahead log files. */
  private static long sizeOnDisk(Path dir, boolean walOnly) {
    long[] total = {0};
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (!walOnly || file.getFileName().toString().endsWith(".log")) {
            total[0] += attrs.size();
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      return -1;
    }
    return total[0];
  }
}
