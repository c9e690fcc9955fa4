package org.peerstore.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.conformance.MutableClock;
import org.peerstore.rocksdb.RocksPeerstore;

/**
 * {@code --progress=auto|plain|none}, how the tool guesses that standard error is a terminal,
 * and the rate and ETA of long commands.
 */
class ProgressModeTest {
  private final Fixture fx = new Fixture();

  @TempDir
  Path tmp;

  private Path store() {
    Path dir = tmp.resolve("store");
    try (RocksPeerstore ps = fx.open(dir)) {
      fx.populate(ps, 3);
    }
    return dir;
  }

  @Test
  void noCarriageReturnWhenStandardErrorIsNotATerminal() {
    Path dir = store();
    for (String[] args : new String[][] {
        {"verify", "--db", dir.toString()},
        {"export", "--db", dir.toString(), "--out", tmp.resolve("e").toString()},
        {"import", "--db", tmp.resolve("copy").toString(), "--in", tmp.resolve("e").toString()},
        {"gc", "--db", dir.toString()},
        {"compact", "--db", dir.toString()}}) {
      Tool.Run r = Tool.run(fx.clock, false, args);
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.err()).as(String.join(" ", args)).doesNotContain("\r").contains("100%");
    }
  }

  @Test
  void plainOnATerminalHasNoCarriageReturn() {
    Path dir = store();
    Tool.Run auto = Tool.run(fx.clock, true, "verify", "--db", dir.toString());
    assertThat(auto.err()).contains("\r");
    Tool.Run plain = Tool.run(fx.clock, true, "verify", "--progress=plain", "--db",
        dir.toString());
    assertThat(plain.code()).isZero();
    assertThat(plain.err()).doesNotContain("\r").contains("verify: 100%");
  }

  @Test
  void noneShowsNothing() {
    Path dir = store();
    for (boolean terminal : new boolean[] {true, false}) {
      Tool.Run r = Tool.run(fx.clock, terminal, "verify", "--progress", "none", "--db",
          dir.toString());
      assertThat(r.code()).isZero();
      assertThat(r.err()).isEmpty();
    }
  }

  @Test
  void anUnknownModeIsBadUsage() {
    Tool.Run r = Tool.run(fx.clock, "verify", "--progress=fancy", "--db", "x");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    UsageTest.assertOneLine(r.err());
    assertThat(r.err()).contains("fancy");
  }

  @Test
  void rateAndEtaOnceTheClockMoves() {
    MutableClock clock = new MutableClock(Fixture.START);
    StringWriter err = new StringWriter();
    ToolContext ctx = new ToolContext(clock, new PrintWriter(new StringWriter()),
        new PrintWriter(err), false);
    try (Progress p = Progress.start(ctx, ProgressMode.PLAIN, "task", "things")) {
      clock.advance(Duration.ofSeconds(10));
      p.update(100, 1000); // 10 things/s, 900 left: 90 s
      clock.advance(Duration.ofSeconds(90));
      p.update(1000, 1000);
    }
    assertThat(err.toString().lines()).containsExactly(
        "task: 10% (100/1000 things), 10 things/s, ETA 1:30",
        "task: 100% (1000/1000 things), 10 things/s");
  }

  @Test
  void aShorterRedrawClearsTheLongerOne() {
    MutableClock clock = new MutableClock(Fixture.START);
    StringWriter err = new StringWriter();
    ToolContext ctx = new ToolContext(clock, new PrintWriter(new StringWriter()),
        new PrintWriter(err), true);
    try (Progress p = Progress.start(ctx, "t", "x")) {
      clock.advance(Duration.ofSeconds(1));
      p.update(1, 2000); // "..., 1 x/s, ETA 33:19"
      p.update(2000, 2000); // no ETA: shorter
    }
    String[] draws = err.toString().split("\r", -1);
    assertThat(draws).hasSize(3);
    assertThat(draws[1]).endsWith("ETA 33:19");
    assertThat(draws[2].stripTrailing()).endsWith("2000 x/s");
    assertThat(draws[2].length() - System.lineSeparator().length())
        .isGreaterThanOrEqualTo(draws[1].length());
  }

  @Test
  void clockTimes() {
    assertThat(Progress.clockTime(0)).isEqualTo("0:00");
    assertThat(Progress.clockTime(61)).isEqualTo("1:01");
    assertThat(Progress.clockTime(3 * 3600 + 5)).isEqualTo("3:00:05");
  }

  @Test
  void standardErrorIsATerminalOnlyWhenItPointsAtOne() {
    assertThat(StderrTerminal.decide(Optional.of("/dev/pts/3"), true, "xterm")).isTrue();
    assertThat(StderrTerminal.decide(Optional.of("/dev/tty1"), false, null)).isTrue();
    // 2>file on a terminal: the console exists but fd 2 is a file
    assertThat(StderrTerminal.decide(Optional.of("/tmp/log.txt"), true, "xterm")).isFalse();
    assertThat(StderrTerminal.decide(Optional.of("pipe:[1234]"), true, "xterm")).isFalse();
    assertThat(StderrTerminal.decide(Optional.empty(), true, "xterm")).isTrue();
    assertThat(StderrTerminal.decide(Optional.empty(), false, "xterm")).isFalse();
    assertThat(StderrTerminal.decide(Optional.of("/dev/pts/3"), true, "dumb")).isFalse();
  }
}
