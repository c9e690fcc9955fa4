package org.peerstore.tool;

import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code peerstore-tool}: the offline operator tool of a RocksDB peerstore directory (run it on
 * a stopped node's store). Subcommands: {@code stats}, {@code gc}, {@code compact},
 * {@code verify}, {@code export}, {@code import}, {@code dump}, {@code simulate}, {@code bans},
 * {@code ban}, {@code unban}, {@code raw}; {@code --help}
 * on every level. Exit codes: 0 success, 1 a failed check or operation, 2 bad usage or input,
 * 3 the store is in use by another process; errors are one line on standard error, never a stack trace.
 *
 * <pre>{@code
 * java -jar store-tool/target/peerstore-tool.jar stats --db ./peerstore-data
 * int code = PeerstoreTool.run(context, "verify", "--db", dir.toString());   // in-process
 * }</pre>
 *
 * <p>Not thread-safe: one instance runs one command line.
 */
@Command(name = "peerstore-tool", mixinStandardHelpOptions = true,
    versionProvider = ToolVersion.class,
    description = {"Inspect, collect, compact, verify, export and import a peerstore directory"
        + " (a RocksPeerstore's data directory) while its node is stopped, or simulate a node's"
        + " churn against one."},
    subcommands = {StatsCommand.class, GcCommand.class, CompactCommand.class,
        VerifyCommand.class, ExportCommand.class, ImportCommand.class, DumpCommand.class,
        SimulateCommand.class, BansCommand.class, BanCommand.class, UnbanCommand.class,
        RawCommand.class, ImportAddrbookCommand.class, ExportAddrbookCommand.class,
        AutoComplete.GenerateCompletion.class},
    footerHeading = "%nExamples:%n",
    footer = {"  peerstore-tool stats --db ./data --json",
        "  peerstore-tool verify --db ./data --progress=plain 2>verify.log",
        "  peerstore-tool export --db ./data --out - | gzip > peers.jsonl.gz",
        "  gunzip -c peers.jsonl.gz | peerstore-tool import --db ./copy --in -",
        "  source <(peerstore-tool generate-completion)   # bash/zsh completion"},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE,
        ExitCodes.IN_USE_LINE})
public final class PeerstoreTool implements Callable<Integer> {

  private final ToolContext context;

  /** A tool running in {@code context}. */
  public PeerstoreTool(ToolContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  /** Runs the command line {@code args} in the real environment and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(ToolContext.system(), args));
  }

  /**
   * Runs the command line {@code args} in {@code context}.
   *
   * @return the exit code: 0 success, 1 a failed check or operation, 2 bad usage or input, 3 the
   *     store is in use by another process
   */
  public static int run(ToolContext context, String... args) {
    CommandLine cl = commandLine(context);
    ErrorHandler errors = new ErrorHandler();
    cl.setOut(context.out())
        .setErr(context.err())
        .setExecutionExceptionHandler(errors)
        .setParameterExceptionHandler(errors);
    int code = cl.execute(args);
    context.out().flush();
    context.err().flush();
    return code;
  }

  /**
   * The tool's command line as {@link #run} executes it (the build also renders its man page and
   * completion script from it).
   */
  static CommandLine commandLine(ToolContext context) {
    CommandLine cl = new CommandLine(new PeerstoreTool(context));
    // picocli's completion script generator: hidden from the command list, shown in examples.
    cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(true);
    return cl;
  }

  /** The environment of this run. */
  ToolContext context() {
    return context;
  }

  /** Without a subcommand: says which exist, exit code 2. */
  @Override
  public Integer call() {
    context.err().println("peerstore-tool: missing subcommand (stats, gc, compact, verify,"
        + " export, import, dump, simulate, bans, ban, unban, raw); see 'peerstore-tool --help'");
    return ExitCodes.USAGE;
  }
}
