package org.peerstore.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.rocksdb.RocksPeerstore;

/** {@code simulate} on a fresh machine, then the README's follow-up commands. */
class SimulateTest {
  private final Fixture fx = new Fixture();

  @TempDir
  Path tmp;

  @Test
  void simulateCreatesAStoreAndReportsThroughputLatencyAndSize() {
    Path dir = tmp.resolve("peerstore-data");
    Tool.Run r = Tool.run(fx.clock, "simulate", "--db", dir.toString(), "--peers", "3000");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("simulate: 3000 peers churning over 30m of simulated time against "
            + dir.toAbsolutePath() + " (new store)")
        .containsPattern("events +3[0-9]{3} connects \\([0-9]+ reconnects\\), 3[0-9]{3}"
            + " disconnects, 21 gc runs removed [1-9][0-9]* expired addresses")
        .containsPattern("throughput +[0-9]+ store calls in [0-9.]+ m?s: [0-9]+ calls/s")
        .containsPattern("latency +p50 [0-9.]+ [un]?s, p99 [0-9.]+ [un]?s")
        .contains("identify   consumePeerRecord")
        .contains("disconnect updateAddrs(CONNECTED->TEMP)")
        .containsPattern("store +3000 peers, [0-9.]+ (KiB|MiB) on disk");
    assertThat(r.err()).contains("simulate: 100% (3000/3000 peers)");

    // The simulated time ended at the tool's now: stats and gc right after agree with it.
    Tool.Run stats = Tool.run(fx.clock, "stats", "--db", dir.toString());
    assertThat(stats.code()).as(stats.toString()).isZero();
    assertThat(stats.out()).contains("peers             3000")
        .contains("keys              3000 public, 0 private")
        .contains("protocols         21000")
        .contains("metadata entries  6000");
    assertThat(Tool.run(fx.clock, "gc", "--db", dir.toString()).code()).isZero();
    assertThat(Tool.run(fx.clock, "compact", "--db", dir.toString()).code()).isZero();
    assertThat(Tool.run(fx.clock, "verify", "--db", dir.toString()).code()).isZero();
    try (RocksPeerstore ps = fx.open(dir)) {
      assertThat(ps.peers()).hasSize(3000);
      // Peers disconnected in the second half still have their recently-connected addresses.
      assertThat(ps.peersWithAddrs()).isNotEmpty().hasSizeLessThan(3000);
    }
  }

  @Test
  void simulateRunsAgainOnAnExistingStore() throws Exception {
    Path dir = tmp.resolve("data");
    assertThat(Tool.run(fx.clock, "simulate", "--db", dir.toString(), "--peers", "200").code())
        .isZero();
    Tool.Run again = Tool.run(fx.clock, "simulate", "--db", dir.toString(), "--peers", "300",
        "--seed", "2");
    assertThat(again.code()).as(again.toString()).isZero();
    assertThat(again.out()).contains("(existing store)").contains("store       500 peers");
    assertThat(Files.isDirectory(dir)).isTrue();
  }

  @Test
  void badSimulationSettingsAreUsageErrors() {
    Path dir = tmp.resolve("data");
    Tool.Run r = Tool.run(fx.clock, "simulate", "--db", dir.toString(), "--peers", "0");
    assertThat(r.code()).isEqualTo(2);
    UsageTest.assertOneLine(r.err());
    assertThat(r.err()).contains("--peers must be at least 1");
    assertThat(dir).doesNotExist();
  }
}
