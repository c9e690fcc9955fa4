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

  private void run(Durability durability, int cycles) throws Exception {
    assertThat(durability.mode()).isNotEqualTo(Durability.Mode.GROUPED);
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
        List<String> lines = runAndKill(dir, peersFile, acks, durability, cycle,
            random.nextLong(), early,
            random.nextInt((early ? EARLY_KILL_MAX_MILLIS : MAX_KILL_MILLIS) + 1),
            model.now().toString(), CrashSetup.text(model.now()));
        Replay replay = replay(lines, model, where);
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
          switch (model.settle(store, replay.inFlight, where)) {
            case APPLIED -> applied++;
            case NOT_APPLIED -> notApplied++;
            case NONE -> { }
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
      // The kills landed while the child was writing, not only before its first operation.
      assertThat(model.operationsAcked).as("acknowledged operations, seed %d", seed)
          .isGreaterThan(2L * cycles);
    }
  }

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
  private static List<String> runAndKill(Path dir, Path peersFile, Path acks,
      Durability durability, int cycle,
      long childSeed, boolean early, int killAfterMillis, String startText, String start)
      throws IOException, InterruptedException {
    Files.write(acks, new byte[0]);
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
      child.destroyForcibly(); // SIGKILL on Linux
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).as("killed by SIGKILL (else it failed)").isEqualTo(128 + 9);
    } finally {
      child.destroyForcibly();
    }
    return completeLines(acks);
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
