package org.peerstore.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.peerstore.rocksdb.RocksPeerstore;
import org.peerstore.tool.export.ExportFileException;
import org.peerstore.tool.export.Importer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code import}: an export file into a store. */
@Command(name = "import", mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {"  peerstore-tool import --db ./copy --in peers.jsonl",
        "  gunzip -c peers.jsonl.gz | peerstore-tool import --db ./copy --in -"},
    description = {"Reads an export file into the store (created if DIR does not exist or is"
        + " empty). Every line is checked first (format, signatures of signed records, keys,"
        + " the store's limits); bad lines are reported with their line number and nothing is"
        + " imported (exit code 1), unless --skip-bad. A peer already in the store is replaced by"
        + " its line.",
        "Private keys: with --passphrase-file the store is opened with that passphrase"
        + " (privateKeyProtection): unencrypted keys of the file are stored encrypted, and"
        + " encrypted ones must decrypt with it (else their lines are bad). Without it,"
        + " unencrypted keys are stored unencrypted and encrypted ones are stored as they are,"
        + " unchecked (they need their passphrase to be read).",
        "With --json, prints JSON lines on standard output instead: one {\"type\":\"badLine\"}"
        + " object per bad line (line, message), then a {\"type\":\"import\"} summary (in,"
        + " imported, badLines, aborted, incomplete)."})
final class ImportCommand implements Callable<Integer> {
  /** Bad lines printed in full; the rest are only counted. */
  private static final int MAX_SHOWN = 100;

  @ParentCommand
  private PeerstoreTool tool;
  @Mixin
  private ExitCodeHelp exitCodes;
  @Mixin
  private StoreOption store;
  @Mixin
  private ProgressOption progressOption;
  @Option(names = "--in", required = true, paramLabel = "FILE",
      description = "The export file to read, or - for standard input (saved first to an"
          + " owner-only temporary file next to DIR, deleted afterwards, so that every line is"
          + " still checked before any is imported; it needs as much free disk as the input).")
  private Path in;
  @Option(names = "--skip-bad", description = "Import the good lines even if some are bad.")
  private boolean skipBad;
  @Mixin
  private PassphraseOption passphrase;
  @Option(names = "--json", description = "Print JSON lines (see above).")
  private boolean json;

  @Override
  public Integer call() {
    ToolContext ctx = tool.context();
    try (StdinSpool spool = "-".equals(in.toString()) ? StdinSpool.of(ctx.in(), store.dir)
        : null) {
      return importFrom(ctx, spool);
    }
  }

  /** Imports {@code in}, or the saved standard input if {@code spool} is not null. */
  private int importFrom(ToolContext ctx, StdinSpool spool) {
    Path file = spool == null ? in : spool.file();
    Importer.Result r;
    char[] pass = passphrase.read();
    RocksPeerstore opened;
    try {
      opened = StoreAccess.existingOrNew(ctx, store.dir, ctx.clock(), StoreAccess.TOOL_CACHE_BYTES,
          pass);
    } finally {
      if (pass != null) {
        Arrays.fill(pass, '\0');
      }
    }
    try (RocksPeerstore ps = opened;
        Progress progress = progressOption.start(ctx, "import", "lines")) {
      r = Importer.importInto(ps, file, skipBad, progress);
    } catch (ExportFileException e) {
      throw new ToolException(spool == null ? e.getMessage() : spool.named(e.getMessage()), e);
    }
    if (json) {
      return printJson(ctx.out(), r);
    }
    PrintWriter err = ctx.err();
    int shown = 0;
    for (Importer.BadLine b : r.badLines()) {
      if (shown++ == MAX_SHOWN) {
        err.printf("%s: ... and %d more bad lines%n", in, r.badLines().size() - MAX_SHOWN);
        break;
      }
      err.printf("%s:%d: %s%n", in, b.line(), ErrorHandler.oneLine(b.message()));
    }
    err.flush();
    PrintWriter out = ctx.out();
    if (r.incomplete() != null) {
      err.printf("%s: incomplete: %s%n", in, r.incomplete());
      err.flush();
    }
    if (r.aborted() && r.badLines().isEmpty()) {
      out.printf("import: %s is incomplete, nothing imported (use --skip-bad to import the"
          + " lines it holds)%n", in);
      out.flush();
      return ExitCodes.FAILED;
    }
    if (r.aborted()) {
      out.printf("import: %d bad line%s in %s, nothing imported (use --skip-bad to import the"
          + " good ones)%n", r.badLines().size(), r.badLines().size() == 1 ? "" : "s", in);
      out.flush();
      return ExitCodes.FAILED;
    }
    out.printf("import: imported %d peers%s from %s%s%s%n", r.imported(), bans(r), in,
        r.badLines().isEmpty() ? "" : " (" + r.badLines().size() + " bad lines skipped)",
        r.incomplete() == null ? "" : " (the file is incomplete)");
    out.flush();
    return ExitCodes.OK;
  }

  /** The result as JSON lines: every bad line, then the summary; the exit code. */
  private int printJson(PrintWriter out, Importer.Result r) {
    for (Importer.BadLine b : r.badLines()) {
      Json.line(out, Json.of("badLine", b));
    }
    ObjectNode o = Json.object("import");
    o.put("in", in.toString());
    o.put("imported", r.aborted() ? 0 : r.imported());
    o.put("bans", r.bans());
    o.put("expiredBans", r.expiredBans());
    o.put("badLines", r.badLines().size());
    o.put("aborted", r.aborted());
    if (r.incomplete() == null) {
      o.putNull("incomplete");
    } else {
      o.put("incomplete", String.valueOf(r.incomplete()));
    }
    Json.line(out, o);
    out.flush();
    return r.aborted() ? ExitCodes.FAILED : ExitCodes.OK;
  }

  /** " and N bans (M had ended)" when the file held bans, else nothing. */
  private static String bans(Importer.Result r) {
    if (r.bans() == 0 && r.expiredBans() == 0) {
      return "";
    }
    return " and " + r.bans() + " ban" + (r.bans() == 1 ? "" : "s")
        + (r.expiredBans() == 0 ? "" : " (" + r.expiredBans() + " had ended and were skipped)");
  }
}
