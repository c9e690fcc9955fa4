package org.peerstore.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.conformance.MutableClock;
import org.peerstore.rocksdb.RocksPeerstore;

/** Progress: a bar redrawn in place on a terminal, ten plain lines in a log. */
class ProgressTest {

  private static String draw(boolean terminal, long total, long... updates) {
    StringWriter err = new StringWriter();
    ToolContext ctx = new ToolContext(new MutableClock(Fixture.START),
        new PrintWriter(new StringWriter()), new PrintWriter(err), terminal);
    try (Progress p = Progress.start(ctx, "task", "things")) {
      for (long u : updates) {
        p.update(u, total);
      }
    }
    return err.toString();
  }

  @Test
  void plainLinesAtEachTenth() {
    long[] updates = new long[200];
    for (int i = 0; i < updates.length; i++) {
      updates[i] = i + 1;
    }
    String out = draw(false, 200, updates);
    assertThat(out.lines()).hasSize(10)
        .startsWith("task: 10% (20/200 things)")
        .endsWith("task: 100% (200/200 things)");
    assertThat(out).doesNotContain("\r");
  }

  @Test
  void plainLinesWithAnUnknownTotal() {
    assertThat(draw(false, -1, 5, 99_999, 100_000, 150_000, 250_000).lines())
        .containsExactly("task: 100000 things", "task: 250000 things");
  }

  @Test
  void aBarOnATerminal() {
    String out = draw(true, 4, 1, 2, 2, 4);
    assertThat(out).startsWith("\rtask [#######-----------------------]  25% 1/4 things")
        .contains("\rtask [###############---------------]  50% 2/4 things")
        .endsWith("\rtask [##############################] 100% 4/4 things"
            + System.lineSeparator());
    assertThat(out.split("\r", -1)).hasSize(4); // the repeated 2/4 is not redrawn
  }

  @Test
  void commandsDrawABarOnATerminal(@TempDir Path tmp) {
    Fixture fx = new Fixture();
    Path dir = tmp.resolve("store");
    try (RocksPeerstore ps = fx.open(dir)) {
      fx.populate(ps, 3);
    }
    Tool.Run r = Tool.run(fx.clock, true, "verify", "--db", dir.toString());
    assertThat(r.code()).isZero();
    assertThat(r.err()).startsWith("\rverify [").contains("100%");
  }
}
