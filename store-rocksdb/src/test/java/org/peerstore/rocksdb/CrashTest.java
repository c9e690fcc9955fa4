package org.peerstore.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;

/**
 * Kills a writing child JVM with SIGKILL at random points, 20 times, and checks after each kill
 * that every write the child acknowledged is there and that no write is half applied (see
 * {@link StoreInvariants}).
 */
class CrashTest {
  private static final int CYCLES = 20;

  @TempDir Path dir;

  @Test
  void acknowledgedWritesSurviveSigkillAndNothingIsHalfApplied() throws Exception {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    List<String> acked = new ArrayList<>();
    int writesAcked = 0;
    int randomWritesAcked = 0;
    for (int cycle = 1; cycle <= CYCLES; cycle++) {
      List<String> lines = runAndKill(cycle, random.nextLong(), random.nextInt(300));
      acked.addAll(lines);
      writesAcked += lines.size();
      randomWritesAcked += (int) lines.stream().filter(l -> !l.startsWith("K ")).count();
      try (RocksPeerstore store = RocksPeerstore.builder(dir).maxAddrsPerPeer(0).build()) {
        checkAcknowledged(store, acked, "seed " + seed + ", cycle " + cycle);
      }
      StoreInvariants.check(dir, true);
    }
    System.out.printf("crash test: %d acknowledged writes over %d SIGKILLs (seed %d)%n",
        writesAcked, CYCLES, seed);
    // The kills landed while the child was writing, not before its first write.
    assertThat(randomWritesAcked).as("acknowledged writes after READY, seed %d", seed)
        .isGreaterThan(CYCLES);
  }

  /** Runs one child, kills it {@code killAfterMillis} after it is ready, returns its acks. */
  private List<String> runAndKill(int cycle, long childSeed, int killAfterMillis)
      throws IOException, InterruptedException {
    Process child = ChildJvm.start(
        CrashWriterMain.class, dir.toString(), Long.toString(childSeed), Integer.toString(cycle));
    List<String> lines = new ArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          synchronized (lines) {
            lines.add(line);
            lines.notifyAll();
          }
        }
      } catch (IOException e) {
        // the pipe closes when the child dies
      }
    }, "crash-test-reader");
    reader.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      synchronized (lines) {
        while (!lines.contains("READY") && child.isAlive() && System.nanoTime() < deadline) {
          lines.wait(50);
        }
      }
      assertThat(lines).as("child started writing (exit: %s)", exitOf(child)).contains("READY");
      Thread.sleep(killAfterMillis);
      child.destroyForcibly(); // SIGKILL on Linux
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
      reader.join(TimeUnit.SECONDS.toMillis(30));
    } finally {
      child.destroyForcibly();
    }
    synchronized (lines) {
      // A line cut short by the kill was not a complete acknowledgement.
      List<String> complete = new ArrayList<>(lines);
      complete.remove("READY");
      return complete;
    }
  }

  private static Optional<Integer> exitOf(Process p) {
    return p.isAlive() ? Optional.empty() : Optional.of(p.exitValue());
  }

  private static void checkAcknowledged(RocksPeerstore store, List<String> acked, String where) {
    Map<PeerId, Long> lastSeq = new HashMap<>();
    Map<PeerId, List<Multiaddr>> lastRecordAddrs = new HashMap<>();
    Map<PeerId, Integer> lastN = new HashMap<>();
    for (String line : acked) {
      String[] f = line.split(" ");
      PeerId p = PeerId.fromString(f[1]);
      switch (f[0]) {
        case "K" -> {
          assertThat(store.privKey(p)).as("%s: private key of %s", where, p).isPresent();
          assertThat(store.pubKey(p)).as("%s: public key of %s", where, p).isPresent();
        }
        case "A" -> assertThat(store.addrs(p))
            .as("%s: acked address %s of %s", where, f[2], p)
            .contains(Multiaddr.fromString(f[2]));
        case "R" -> {
          lastSeq.put(p, Long.parseLong(f[2]));
          lastRecordAddrs.put(p, List.of(Multiaddr.fromString(f[3]), Multiaddr.fromString(f[4])));
        }
        case "M" -> lastN.put(p, Integer.parseInt(f[2]));
        case "P" -> assertThat(store.protocols(p)).as("%s: acked protocol", where).contains(f[2]);
        default -> throw new AssertionError(where + ": unexpected line from the child: " + line);
      }
    }
    lastSeq.forEach((p, seq) -> {
      Optional<Envelope> rec = store.peerRecord(p);
      assertThat(rec).as("%s: acked record seq %d of %s", where, seq, p).isPresent();
      long stored = rec.get().peerRecord().seq();
      assertThat(stored).as("%s: stored seq of %s", where, p).isGreaterThanOrEqualTo(seq);
      if (stored == seq) {
        assertThat(rec.get().peerRecord().addrs()).isEqualTo(lastRecordAddrs.get(p));
      }
      // The record and its addresses were one write batch.
      assertThat(store.addrs(p)).as("%s: addresses of the stored record of %s", where, p)
          .containsAll(rec.get().peerRecord().addrs());
    });
    lastN.forEach((p, n) -> assertThat(store.get(p, "n"))
        .as("%s: acked metadata of %s", where, p)
        .hasValueSatisfying(v -> assertThat((Integer) v).isGreaterThanOrEqualTo(n)));
  }
}
