package org.peerstore.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The man page and completion script the build renders from the command line (ToolDocs). */
class ToolDocsTest {
  private static final List<String> COMMANDS = List.of("stats", "gc", "compact", "verify",
      "export", "import", "dump", "simulate", "bans", "ban", "unban", "raw");

  @Test
  void theManPageHasTheStandardSectionsAndEveryCommandWithItsOptions() {
    CommandLine cl = ToolDocs.commandLine();
    String page = ToolDocs.manPage(cl, "9.9.9");
    assertThat(page).startsWith(".TH \"PEERSTORE-TOOL\" \"1\"").contains("peerstore\\-tool 9.9.9");
    for (String section : List.of(".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH OPTIONS",
        ".SH COMMANDS", ".SH \"EXIT STATUS\"", ".SH EXAMPLES")) {
      assertThat(page).contains("\n" + section + "\n");
    }
    for (String c : COMMANDS) {
      assertThat(page).as(c).contains("\n.SS \"" + c + "\"\n");
      for (OptionSpec o : cl.getSubcommands().get(c).getCommandSpec().options()) {
        if (!o.hidden()) {
          assertThat(page).as(c + " " + o.longestName())
              .contains("\\fB" + ToolDocs.text(o.longestName()) + "\\fR");
        }
      }
    }
    assertThat(page).doesNotContain(".SS \"generate-completion\"");
  }

  @Test
  void theExitStatusSectionListsEveryCodeAndExamplesAreVerbatim() {
    String page = ToolDocs.manPage(ToolDocs.commandLine(), "1");
    String exit = page.substring(page.indexOf(".SH \"EXIT STATUS\""), page.indexOf(".SH EXAMPLES"));
    for (String code : List.of("0", "1", "2", "3")) {
      assertThat(exit).contains(".TP\n.B " + code + "\n");
    }
    assertThat(exit).contains("in use or locked");
    assertThat(page.substring(page.indexOf(".SH EXAMPLES")))
        .contains(".nf\n")
        .contains("peerstore\\-tool export \\-\\-db ./data \\-\\-out \\- | gzip");
  }

  @Test
  void noLineOfTextStartsWithATroffControlCharacter() {
    String page = ToolDocs.manPage(ToolDocs.commandLine(), "1");
    for (String line : page.split("\n")) {
      if (line.startsWith(".") || line.startsWith("'")) {
        assertThat(line).as(line).matches("\\.(TH|SH|SS|TP|PP|B|nf|fi|RS|RE)( .*)?");
      }
    }
    assertThat(ToolDocs.text(".hidden\n'quote")).isEqualTo("\\&.hidden\n\\&'quote");
    assertThat(ToolDocs.text("a\\b-c")).isEqualTo("a\\eb\\-c");
  }

  @Test
  void mainWritesThePageAndACompletionScriptOfEveryCommand(@TempDir Path dir) throws Exception {
    ToolDocs.main(new String[] {dir.toString(), "2.0"});
    String page = Files.readString(dir.resolve("peerstore-tool.1"), StandardCharsets.UTF_8);
    assertThat(page).contains("peerstore\\-tool 2.0");
    String script =
        Files.readString(dir.resolve("peerstore-tool-completion.bash"), StandardCharsets.UTF_8);
    assertThat(script).contains("complete -F");
    for (String c : COMMANDS) {
      assertThat(script).as(c).contains("function _picocli_peerstore-tool_" + c + "()");
    }
  }

  @Test
  void mainRefusesMissingArguments() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ToolDocs.main(new String[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("usage");
  }
}
