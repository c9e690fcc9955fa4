package org.peerstore.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerstore.conformance.MutableClock;

/** {@code --help} on every level, exit codes and one-line errors for bad usage. */
class UsageTest {
  private static final List<String> COMMANDS =
      List.of("stats", "gc", "compact", "verify", "export", "import", "dump", "simulate",
          "raw");
  private final MutableClock clock = new MutableClock(Fixture.START);

  @Test
  void rootHelpListsEveryCommandAndTheExitCodes() {
    Tool.Run r = Tool.run(clock, "--help");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("Usage: peerstore-tool");
    for (String c : COMMANDS) {
      assertThat(r.out()).contains("  " + c + " ");
    }
    assertThat(r.out()).contains("Exit codes:").contains("2   bad usage")
        .contains("3   the store is in use");
    assertThat(r.err()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"stats", "gc", "compact", "verify", "export", "import", "dump",
      "simulate", "bans", "ban", "unban", "raw"})
  void everyCommandsHelpListsTheFourExitCodes(String command) {
    Tool.Run r = Tool.run(clock, command, "--help");
    assertThat(r.code()).as(r.toString()).isZero();
    String help = r.out();
    assertThat(help).contains("Exit codes:");
    String list = help.substring(help.indexOf("Exit codes:"));
    assertThat(list).contains("0   success").contains("1   a check failed")
        .contains("2   bad usage or bad input").contains("3   the store is in use");
  }

  @ParameterizedTest
  @ValueSource(strings = {"stats", "gc", "compact", "verify", "export", "import", "dump",
      "simulate"})
  void everyCommandHasHelp(String command) {
    Tool.Run r = Tool.run(clock, command, "--help");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("Usage: peerstore-tool " + command).contains("--db=DIR");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void noCommandIsBadUsage() {
    Tool.Run r = Tool.run(clock);
    assertThat(r.code()).isEqualTo(2);
    assertOneLine(r.err());
    assertThat(r.err()).contains("missing subcommand");
  }

  @ParameterizedTest
  @ValueSource(strings = {"stats", "gc", "compact", "verify", "export", "import", "dump",
      "simulate"})
  void missingDbIsOneLineAndExitCodeTwo(String command) {
    Tool.Run r = Tool.run(clock, command);
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertOneLine(r.err());
    assertThat(r.err()).contains("peerstore-tool " + command).contains("--db");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void unknownOptionsAndCommandsAreOneLine() {
    Tool.Run r = Tool.run(clock, "stats", "--db", "x", "--frobnicate");
    assertThat(r.code()).isEqualTo(2);
    assertOneLine(r.err());
    assertThat(r.err()).contains("--frobnicate");
    r = Tool.run(clock, "defragment");
    assertThat(r.code()).isEqualTo(2);
    assertOneLine(r.err());
    r = Tool.run(clock, "simulate", "--db", "x", "--peers", "many");
    assertThat(r.code()).isEqualTo(2);
    assertOneLine(r.err());
    assertThat(r.err()).contains("many");
  }

  @Test
  void aDirectoryThatIsNotAStoreIsRefusedForEveryCommand(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("plain");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("notes.txt"), "not a database");
    for (String[] args : List.of(
        new String[] {"stats", "--db", dir.toString()},
        new String[] {"gc", "--db", dir.toString()},
        new String[] {"compact", "--db", dir.toString()},
        new String[] {"verify", "--db", dir.toString()},
        new String[] {"export", "--db", dir.toString(), "--out", tmp.resolve("e").toString()},
        new String[] {"import", "--db", dir.toString(), "--in", tmp.resolve("e").toString()},
        new String[] {"dump", "--db", dir.toString(),
            "12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA"},
        new String[] {"simulate", "--db", dir.toString(), "--peers", "10"})) {
      Tool.Run r = Tool.run(clock, args);
      assertThat(r.code()).as(String.join(" ", args) + "\n" + r).isEqualTo(2);
      assertOneLine(r.err());
      assertThat(r.err()).contains("is not a peerstore store");
    }
    assertThat(Files.list(dir)).hasSize(1); // nothing was created in it
  }

  @Test
  void aMissingDirectoryIsRefusedWithoutCreatingIt(@TempDir Path tmp) {
    Path dir = tmp.resolve("missing");
    Tool.Run r = Tool.run(clock, "stats", "--db", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertOneLine(r.err());
    assertThat(r.err()).contains("no such directory");
    assertThat(dir).doesNotExist();
  }

  /** Exactly one line, and no stack trace. */
  static void assertOneLine(String err) {
    assertThat(err).endsWith(System.lineSeparator());
    assertThat(err.strip()).doesNotContain("\n").doesNotContain("\tat ")
        .doesNotContain("Exception in thread");
  }
}
