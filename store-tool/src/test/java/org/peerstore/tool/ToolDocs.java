package org.peerstore.tool;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Renders the tool's man page (troff, section 1) and its bash/zsh completion script from the
 * picocli model of the command line, so both always match {@code --help}. The build runs
 * {@link #main} at {@code prepare-package} (store-tool's pom): {@code target/docs/peerstore-tool.1}
 * and {@code target/docs/peerstore-tool-completion.bash}.
 *
 * <p>It lives with the tests because the tool never needs it at run time.
 */
public final class ToolDocs {
  private ToolDocs() {}

  /** The command name the page and the script are for. */
  static final String NAME = "peerstore-tool";

  /**
   * Writes the man page and the completion script.
   *
   * @param args the output directory, then the version to print in the page's footer
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: ToolDocs OUTPUT_DIR VERSION");
    }
    Path out = Path.of(args[0]);
    Files.createDirectories(out);
    CommandLine cl = commandLine();
    Files.writeString(out.resolve(NAME + ".1"), manPage(cl, args[1]), StandardCharsets.UTF_8);
    Files.writeString(out.resolve(NAME + "-completion.bash"), completion(cl),
        StandardCharsets.UTF_8);
  }

  /** The command line as the tool runs it, in a context that prints nowhere. */
  static CommandLine commandLine() {
    PrintWriter sink = new PrintWriter(new StringWriter());
    return PeerstoreTool.commandLine(
        new ToolContext(Clock.systemUTC(), sink, sink, false, System.in));
  }

  /** picocli's completion script for {@code cl}. */
  static String completion(CommandLine cl) {
    return AutoComplete.bash(NAME, cl);
  }

  /** The man page of {@code cl}, in troff with the {@code man} macros. */
  static String manPage(CommandLine cl, String version) {
    CommandSpec top = cl.getCommandSpec();
    StringBuilder b = new StringBuilder();
    b.append(".TH \"PEERSTORE-TOOL\" \"1\" \"\" \"").append(text(NAME + " " + version))
        .append("\" \"User Commands\"\n");
    b.append(".SH NAME\n").append(text(NAME)).append(" \\- ")
        .append(text(firstSentence(top))).append('\n');
    b.append(".SH SYNOPSIS\n.B ").append(text(NAME)).append('\n')
        .append("[\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fICOMMAND OPTIONS\\fR]\n");
    b.append(".SH DESCRIPTION\n");
    paragraphs(b, top.usageMessage().description());
    b.append(".SH OPTIONS\n");
    options(b, top);
    b.append(".SH COMMANDS\n");
    for (Map.Entry<String, CommandLine> e : top.subcommands().entrySet()) {
      CommandSpec sub = e.getValue().getCommandSpec();
      if (sub.usageMessage().hidden() || !e.getKey().equals(sub.name())) {
        continue;  // hidden, or an alias of a command already listed
      }
      b.append(".SS \"").append(text(sub.name())).append("\"\n");
      b.append(".B ").append(text(NAME + " " + sub.name())).append('\n');
      b.append(text(synopsisArgs(sub))).append("\n.PP\n");
      paragraphs(b, sub.usageMessage().description());
      if (!sub.positionalParameters().isEmpty()) {
        for (PositionalParamSpec p : sub.positionalParameters()) {
          b.append(".TP\n\\fI").append(text(p.paramLabel())).append("\\fR\n");
          b.append(text(joined(p.description()))).append('\n');
        }
      }
      options(b, sub);
      List<String> examples = examples(sub);
      if (!examples.isEmpty()) {
        b.append(".PP\nExamples:\n");
        examples(b, examples);
      }
    }
    b.append(".SH \"EXIT STATUS\"\n");
    for (Map.Entry<String, String> e : top.usageMessage().exitCodeList().entrySet()) {
      b.append(".TP\n.B ").append(text(e.getKey().strip())).append('\n')
          .append(text(e.getValue().strip())).append('\n');
    }
    b.append(".SH EXAMPLES\n");
    examples(b, examples(top));
    b.append(".SH \"SEE ALSO\"\n")
        .append(text(NAME + " COMMAND --help; the peerstore repository's README.md (operator"
            + " tool), docs/STORAGE.md and docs/EXPORT-FORMAT.md.")).append('\n');
    return b.toString();
  }

  private static void options(StringBuilder b, CommandSpec spec) {
    for (OptionSpec o : spec.options()) {
      if (o.hidden()) {
        continue;
      }
      b.append(".TP\n");
      List<String> names = new ArrayList<>();
      for (String n : o.names()) {
        names.add("\\fB" + text(n) + "\\fR");
      }
      b.append(String.join(", ", names));
      if (o.typeInfo().isBoolean() == false && o.arity().max() > 0) {
        b.append("=\\fI").append(text(o.paramLabel())).append("\\fR");
      }
      b.append('\n').append(text(joined(o.description()))).append('\n');
    }
  }

  private static String synopsisArgs(CommandSpec spec) {
    StringBuilder b = new StringBuilder();
    for (OptionSpec o : spec.options()) {
      if (o.hidden() || o.usageHelp() || o.versionHelp()) {
        continue;
      }
      String one = o.longestName()
          + (o.typeInfo().isBoolean() || o.arity().max() == 0 ? "" : "=" + o.paramLabel());
      b.append(o.required() ? one : "[" + one + "]").append(' ');
    }
    for (PositionalParamSpec p : spec.positionalParameters()) {
      b.append(p.arity().min() == 0 ? "[" + p.paramLabel() + "]" : p.paramLabel()).append(' ');
    }
    return b.toString().strip();
  }

  /** The example lines of a command's footer (the footer starts with "Examples:"). */
  private static List<String> examples(CommandSpec spec) {
    List<String> lines = new ArrayList<>();
    for (String f : spec.usageMessage().footer()) {
      for (String line : format(f).split("\n", -1)) {
        if (!line.isBlank()) {
          lines.add(line.strip());
        }
      }
    }
    return lines;
  }

  private static void examples(StringBuilder b, List<String> lines) {
    b.append(".PP\n.nf\n.RS\n");
    for (String line : lines) {
      b.append(text(line)).append('\n');
    }
    b.append(".RE\n.fi\n");
  }

  private static void paragraphs(StringBuilder b, String[] description) {
    for (String d : description) {
      for (String para : format(d).split("\n")) {
        if (!para.isBlank()) {
          b.append(text(para.strip())).append("\n.PP\n");
        }
      }
    }
  }

  private static String firstSentence(CommandSpec spec) {
    String d = joined(spec.usageMessage().description());
    int paren = d.indexOf(" (");
    return paren > 0 ? d.substring(0, paren) : d;
  }

  private static String joined(String[] lines) {
    return format(String.join(" ", lines)).replace('\n', ' ').strip();
  }

  /** picocli's description strings are format strings: {@code %n} a line break, {@code %%}. */
  private static String format(String s) {
    return s.replace("%n", "\n").replace("%%", "%");
  }

  /**
   * Text escaped for troff: backslashes doubled, hyphens as {@code \-} (so they copy as ASCII
   * hyphens), and a line never starting with the control characters {@code .} or {@code '}.
   */
  static String text(String s) {
    String t = s.replace("\\", "\\e").replace("-", "\\-");
    StringBuilder b = new StringBuilder();
    for (String line : t.split("\n", -1)) {
      if (b.length() > 0) {
        b.append('\n');
      }
      if (line.startsWith(".") || line.startsWith("'")) {
        b.append("\\&");
      }
      b.append(line);
    }
    return b.toString();
  }
}
