package org.peerstore.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.conformance.MutableClock;
import org.peerstore.conformance.TestPeer;

/**
 * Kills a child JVM ({@link CrashWriterMain}) that applies a random operation mix to a
 * RocksDB store (addresses with ttls that expire as its test clock moves, signed records,
 * keys, protocols, metadata, peer removal, explicit and background garbage collection) with
 * SIGKILL at random points, and after every kill checks that:
 *
 * <ol>
 *   <li>the reopened store shows every peer exactly as a {@link CrashModel} (a
 *       {@code MemoryPeerstore} to which every acknowledged operation was applied, with the
 *       same clock) does, the one operation in flight at the kill wholly applied or not at all;
 *       every acknowledged operation also had the model's outcome;
 *   <li>the column families are consistent ({@link StoreInvariants});
 *   <li>the store opens, and {@code RocksMaintenance.verify} reports no problem.
 * </ol>
 *
 * <p>Cycles: 20 by default ({@code mvn verify}); {@code -Dpeerstore.crash.cycles=N} runs N (the
 * long mode, see docs/RELIABILITY.md). {@code -Dpeerstore.crash.seed=S} repeats a run's choices
 * of operations and kill points (the keys are fresh each run).
 * {@code -Dpeerstore.crash.maxKillMillis=M} (default 400) bounds how long a child writes.
 */
class CrashTest {
  private static final int CYCLES = Integer.getInteger("peerstore.crash.cycles", 20);
  private static final int MAX_KILL_MILLIS =
      Integer.getInteger("peerstore.crash.maxKillMillis", 400);
  /** Share of kills aimed at the child's start rather than at its writing. */
  private static final int EARLY_KILL_PERCENT = 15;
  /** Latest early kill, after the child's process started. */
  private static final int EARLY_KILL_MAX_MILLIS = 2500;
  private static final int PEERS = 6;
  /** A progress line every this many cycles (long runs). */
  private static final int PROGRESS_EVERY = 50;

  // Kept when the test fails: the store and every child's lines (acks-<cycle>.txt).
  @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path tmp;

  /** Durability WAL (the default): nothing acknowledged is lost (docs/CONTRACT.md §18). */
  @Test
  void everyAcknowledgedOperationSurvivesSigkillWholeAndTheStoreStaysConsistent()
      throws Exception {
    run(Durability.WAL, CYCLES);
  }

  /**
   * Durability SYNC: the same bound as WAL, nothing acknowledged is lost (a quarter of the
   * cycles, at least 5: fsync per write makes a cycle write less).
   */
  @Test
  void syncDurabilityLosesNothingAcknowledgedEither() throws Exception {
    run(Durability.SYNC, Math.max(5, CYCLES / 4));
  }

  /**
   * Durability GROUPED (10 ms window): a kill loses only a suffix of the operations
   * acknowledged after the child's last returned {@code flush()}, whole operations, never one
   * acknowledged more than {@link #GROUPED_LOSS_ALLOWANCE_MILLIS} before the kill (a window
   * plus one commit, with room for a loaded machine); the store stays consistent.
   */
  @Test
  void groupedDurabilityLosesOnlyTheLastUnflushedOperationsWhole() throws Exception {
    run(Durability.grouped(), Math.max(8, CYCLES / 2));
  }

  /**
   * How long before a kill a lost grouped operation may have been acknowledged: the 10 ms
   * window plus one commit. Generous because two cores shared with a build can stall the
   * writer thread; the largest seen is printed.
   */
  private static final long GROUPED_LOSS_ALLOWANCE_MILLIS = 3000;

  private void run(Durability durability, int cycles) throws Exception {
    boolean grouped = durability.mode() == Durability.Mode.GROUPED;
    long lost = 0;
    long maxLossMillis = 0;
    long flushes = 0;
    long seed = Long.getLong("peerstore.crash.seed", new Random().nextLong());
    Random random = new Random(seed);
    Path dir = tmp.resolve("store");
    Path peersFile = tmp.resolve("peers.txt");
    List<TestPeer> peers = new ArrayList<>();
    for (int i = 0; i < PEERS; i++) {
      peers.add(TestPeer.generate());
    }
    CrashSetup.writePeers(peersFile, peers);
    long started = System.nanoTime();
    int applied = 0;
    int notApplied = 0;
    long background = 0;
    int earlyKills = 0;
    int killedBeforeReady = 0;
    try (CrashModel model = new CrashModel(peers)) {
      for (int cycle = 1; cycle <= cycles; cycle++) {
        String where = durability + ", seed " + seed + ", cycle " + cycle;
        // Most kills land while the child writes; some while it starts (opening RocksDB,
        // replaying its write-ahead log, the first collection), without waiting for READY.
        boolean early = random.nextInt(100) < EARLY_KILL_PERCENT;
        if (early) {
          earlyKills++;
        }
        Path acks = tmp.resolve("acks-" + cycle + ".txt");
        Child child = runAndKill(dir, peersFile, acks, durability, cycle,
            random.nextLong(), early,
            random.nextInt((early ? EARLY_KILL_MAX_MILLIS : MAX_KILL_MILLIS) + 1),
            model.now().toString(), CrashSetup.text(model.now()));
        List<String> lines = child.lines();
        int lastFlush = grouped ? lastFlush(lines) : lines.size() - 1;
        Replay replay = replay(lines.subList(0, lastFlush + 1), model, where);
        List<CrashModel.Unflushed> unflushed = new ArrayList<>();
        CrashOp inFlight = replay.inFlight;
        if (grouped) {
          assertThat(inFlight).as("%s: a flush line follows its acknowledgement", where).isNull();
          flushes += lines.subList(0, lastFlush + 1).stream().filter(l -> l.startsWith("F "))
              .count();
          inFlight = unflushed(lines.subList(lastFlush + 1, lines.size()), model, unflushed,
              where);
        }
        background += replay.backgroundCollected;
        if (!lines.contains("READY")) {
          killedBeforeReady++;
        }
        // Reopen as a restarted node would; the cache on or off.
        MutableClock clock = new MutableClock(model.now());
        try (RocksPeerstore store = CrashSetup.configure(RocksPeerstore.builder(dir), clock)
            .gcInterval(Duration.ZERO)
            .cacheSizeBytes(random.nextBoolean() ? 0 : 1L << 20)
            .build()) {
          if (grouped) {
            int kept = model.settlePrefix(store, unflushed, inFlight, where);
            if (kept < unflushed.size()) {
              lost += unflushed.size() - kept;
              long ago = TimeUnit.NANOSECONDS.toMillis(
                  child.killNanos() - unflushed.get(kept).ackNanos());
              maxLossMillis = Math.max(maxLossMillis, ago);
              assertThat(ago).as("%s: a lost operation was acknowledged %d ms before the kill",
                  where, ago).isLessThanOrEqualTo(GROUPED_LOSS_ALLOWANCE_MILLIS);
            }
            if (kept > unflushed.size()) {
              applied++;
            } else if (inFlight != null) {
              notApplied++;
            }
          } else {
            switch (model.settle(store, replay.inFlight, where)) {
              case APPLIED -> applied++;
              case NOT_APPLIED -> notApplied++;
              case NONE -> { }
            }
          }
        }
        StoreInvariants.check(dir, false);
        try (RocksMaintenance m = RocksMaintenance.open(dir)) {
          assertThat(m.verify(MaintenanceProgress.NONE)).as("%s: verify", where).isEmpty();
        }
        if (cycle % PROGRESS_EVERY == 0 && cycle < cycles) {
          System.out.printf("crash test: %d of %d kills checked, %d operations acknowledged,"
                  + " %d s%n", cycle, cycles, model.operationsAcked,
              TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        }
      }
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
      System.out.printf("crash test (%s, seed %d): %d SIGKILLs (%d aimed at the start, %d before the"
              + " store was open) in %d s; %d operations acknowledged"
              + " and replayed on the model (%s), %d outcomes checked (other than ok: %s),"
              + " %d clock moves; in flight"
              + " at the kill: %d applied, %d not applied; %d peer states compared; addresses"
              + " collected by explicit GC %d, by background GC %d%n",
          durability, seed, cycles, earlyKills, killedBeforeReady, seconds, model.operationsAcked,
          model.ackedByKind, model.outcomesChecked, model.notableOutcomes, model.clockMoves,
          applied, notApplied, model.peerViewsCompared, model.explicitlyCollected, background);
      if (grouped) {
        System.out.printf("crash test (%s): %d flushes returned; %d acknowledged operations"
            + " lost in all, the oldest acknowledged %d ms before its kill (allowed %d)%n",
            durability, flushes, lost, maxLossMillis, GROUPED_LOSS_ALLOWANCE_MILLIS);
      }
      // The kills landed while the child was writing, not only before its first operation.
      assertThat(model.operationsAcked).as("acknowledged operations, seed %d", seed)
          .isGreaterThan(2L * cycles);
    }
  }

  /** The index of the last "F" line (-1: none): where the child's last flush returned. */
  private static int lastFlush(List<String> lines) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).startsWith("F ")) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Reads the lines after the last returned flush (grouped): a clock move may only come first
   * (the child flushes before each move), then acknowledged operations with their times.
   *
   * @return the operation in flight at the kill, or null
   */
  private static CrashOp unflushed(List<String> tail, CrashModel model,
      List<CrashModel.Unflushed> out, String where) {
    CrashOp pending = null;
    String outcome = null;
    for (String line : tail) {
      String tag = line.split(" ", 2)[0];
      switch (tag) {
        case "T" -> {
          assertThat(out).as("%s: a clock move after unflushed operations", where).isEmpty();
          assertThat(pending).as("%s: a clock move during an operation", where).isNull();
          model.moveClock(CrashSetup.instant(line.substring(2)));
        }
        case "W", "READY" -> { }
        case "B" -> pending = new CrashOp(line.substring(line.indexOf(' ', 2) + 1));
        case "A" -> outcome = line.split(" ", 3)[2];
        case "C" -> {
          out.add(new CrashModel.Unflushed(pending, outcome, Long.parseLong(line.substring(2))));
          pending = null;
          outcome = null;
        }
        default -> throw new AssertionError(where + ": unexpected line after the last flush: "
            + line);
      }
    }
    // Acknowledged without its time line: still acknowledged, at most at the kill.
    if (pending != null && outcome != null) {
      out.add(new CrashModel.Unflushed(pending, outcome, Long.MAX_VALUE));
      return null;
    }
    return pending;
  }

  /** A killed child: its complete lines, and System.nanoTime() just before the kill. */
  private record Child(List<String> lines, long killNanos) {}

  /** What one child's lines amount to. */
  private record Replay(CrashOp inFlight, long backgroundCollected) {}

  /** Applies the child's lines to the model in order; returns the operation left in flight. */
  private static Replay replay(List<String> lines, CrashModel model, String where) {
    CrashOp pending = null;
    long pendingId = 0;
    long background = 0;
    for (String line : lines) {
      int space = line.indexOf(' ');
      String tag = space < 0 ? line : line.substring(0, space);
      switch (tag) {
        case "READY" -> { }
        case "T" -> model.moveClock(CrashSetup.instant(line.substring(2)));
        case "W" -> background = Long.parseLong(line.substring(2));
        case "C", "F" -> { } // grouped: acknowledgement times, returned flushes
        case "B" -> {
          assertThat(pending).as("%s: operation begun before %s was acknowledged", where, line)
              .isNull();
          int second = line.indexOf(' ', 2);
          long id = Long.parseLong(line.substring(2, second));
          assertThat(id).as("%s: operations are numbered 1, 2, ... (%s)", where, line)
              .isEqualTo(pendingId + 1);
          pendingId = id;
          pending = new CrashOp(line.substring(second + 1));
        }
        case "A" -> {
          String[] f = line.split(" ", 3);
          assertThat(pending).as("%s: acknowledgement without operation: %s", where, line)
              .isNotNull();
          assertThat(Long.parseLong(f[1])).as("%s: acknowledged id", where).isEqualTo(pendingId);
          model.acknowledged(pending, f[2], where + ", operation " + pendingId);
          pending = null;
        }
        default -> throw new AssertionError(where + ": unexpected line from the child: " + line);
      }
    }
    return new Replay(pending, background);
  }

  /**
   * Runs one child and kills it {@code killAfterMillis} after it is ready (or, if
   * {@code early}, after it was started, ready or not); returns the complete lines it appended
   * to {@code acks}.
   */
  private static Child runAndKill(Path dir, Path peersFile, Path acks,
      Durability durability, int cycle,
      long childSeed, boolean early, int killAfterMillis, String startText, String start)
      throws IOException, InterruptedException {
    Files.write(acks, new byte[0]);
    long killNanos;
    Process child = ChildJvm.start(CrashWriterMain.class, dir.toString(), peersFile.toString(),
        Long.toString(childSeed), Integer.toString(cycle), start, acks.toString(),
        durability.mode().name());
    try {
      child.getOutputStream().close();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!early && !completeLines(acks).contains("READY") && child.isAlive()
          && System.nanoTime() < deadline) {
        Thread.sleep(10); // real time: polling the file for the child's READY
      }
      assertThat(early || completeLines(acks).contains("READY")).as("child of cycle %d"
          + " started at %s (exit: %s)", cycle, startText, exitOf(child)).isTrue();
      Thread.sleep(killAfterMillis); // real time: how long the child writes before the kill
      killNanos = System.nanoTime(); // one monotonic clock for all processes of the machine
      child.destroyForcibly(); // SIGKILL on Linux
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).as("killed by SIGKILL (else it failed)").isEqualTo(128 + 9);
    } finally {
      child.destroyForcibly();
    }
    return new Child(completeLines(acks), killNanos);
  }

  /**
   * The lines of {@code file} that end with a newline. A last line without one, cut short by
   * the kill, was not a complete acknowledgement.
   */
  private static List<String> completeLines(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>();
    int from = 0;
    for (int nl; (nl = text.indexOf('\n', from)) >= 0; from = nl + 1) {
      lines.add(text.substring(from, nl));
    }
    return lines;
  }

  private static Optional<Integer> exitOf(Process p) {
    return p.isAlive() ? Optional.empty() : Optional.of(p.exitValue());
  }
}
