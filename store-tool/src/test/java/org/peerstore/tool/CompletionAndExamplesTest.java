package org.peerstore.tool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerstore.conformance.MutableClock;

/** The shell completion script picocli generates, and the examples in {@code --help}. */
class CompletionAndExamplesTest {
  private final MutableClock clock = new MutableClock(Fixture.START);

  @Test
  void generateCompletionPrintsABashScriptOfEveryCommandAndOption() {
    Tool.Run r = Tool.run(clock, "generate-completion");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("complete -F").contains("peerstore-tool");
    for (String c : new String[] {"stats", "gc", "compact", "verify", "export", "import",
        "dump", "simulate", "bans", "ban", "unban", "raw"}) {
      assertThat(r.out()).contains(c);
    }
    assertThat(r.out()).contains("--progress").contains("--json").contains("--repair");
  }

  @Test
  void theGeneratorIsHiddenFromTheCommandListButNamedInTheExamples() {
    Tool.Run r = Tool.run(clock, "--help");
    assertThat(r.code()).isZero();
    String commands = r.out().substring(r.out().indexOf("Commands:"),
        r.out().indexOf("Examples:"));
    assertThat(commands).doesNotContain("generate-completion");
    assertThat(r.out().substring(r.out().indexOf("Examples:")))
        .contains("peerstore-tool generate-completion")
        .contains("--in -");
  }

  @ParameterizedTest
  @ValueSource(strings = {"stats", "verify", "gc", "compact", "export", "import", "dump", "raw"})
  void helpShowsExamplesOfTheCommand(String command) {
    Tool.Run r = Tool.run(clock, command, "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Examples:");
    assertThat(r.out().substring(r.out().indexOf("Examples:")))
        .contains("peerstore-tool " + command + " --db ./")
        .doesNotContain("Exit codes:"); // examples come last
  }
}
