package org.peerstore.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.peerstore.rocksdb.RocksPeerstore;
import org.peerstore.tool.export.ExportReport;
import org.peerstore.tool.export.Exporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code export}: a store to an export file. */
@Command(name = "export", mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {"  peerstore-tool export --db ./data --out peers.jsonl",
        "  peerstore-tool export --db ./data --out - | gzip > peers.jsonl.gz"},
    description = {"Writes every peer of the store to FILE in the export format"
        + " (docs/EXPORT-FORMAT.md): a versioned header line, then one JSON line per peer with"
        + " every book exactly (addresses with ttl and absolute expiry, signed records as raw"
        + " envelope bytes, keys, protocols, metadata). Private keys are written as stored:"
        + " encrypted ones (privateKeyProtection) as their encrypted bytes, never decrypted (no"
        + " passphrase needed), unencrypted ones unencrypted. Protect the file."})
final class ExportCommand implements Callable<Integer> {
  @ParentCommand
  private PeerstoreTool tool;
  @Mixin
  private ExitCodeHelp exitCodes;
  @Mixin
  private StoreOption store;
  @Mixin
  private ProgressOption progressOption;
  @Option(names = "--out", required = true, paramLabel = "FILE",
      description = "The export file to write, or - for standard output. An existing regular"
          + " file is replaced when the export is complete; a symbolic link, directory, FIFO or"
          + " device is refused. Written owner-only (0600): it may hold private keys.")
  private Path out;
  @Option(names = "--skip-unreadable",
      description = "Export the rest when some stored entries cannot be read (corrupt, or in a"
          + " damaged block), and count them in the summary; without it such an export fails"
          + " (exit 1) naming what it could not read and writes nothing.")
  private boolean skipUnreadable;
  @Option(names = "--json", description = "Print the summary as one JSON object on one line"
      + " (on standard error with --out -).")
  private boolean json;

  @Override
  public Integer call() {
    ToolContext ctx = tool.context();
    ExportReport report;
    try (RocksPeerstore ps = StoreAccess.existingReadOnly(store.dir, ctx);
        Progress progress = progressOption.start(ctx, "export", "peers")) {
      report = "-".equals(out.toString())
          ? Exporter.export(ps, ctx.out(), ctx.clock().instant(), progress, skipUnreadable)
          : Exporter.export(ps, out, ctx.clock().instant(), progress, skipUnreadable);
    } catch (IOException e) {
      throw new ToolException("cannot write export file " + out + ": " + e.getMessage(), e);
    }
    // With --out - the summary goes to standard error: standard output is the file.
    PrintWriter summary = "-".equals(out.toString()) ? ctx.err() : ctx.out();
    if (json) {
      ObjectNode o = Json.object("export");
      o.put("out", out.toString());
      o.put("written", report.written());
      o.put("bans", report.bans());
      o.put("unreadableTotal", report.unreadableTotal());
      o.set("unreadable", Json.MAPPER.valueToTree(report.unreadable()));
      Json.line(summary, o);
      summary.flush();
      return ExitCodes.OK;
    }
    if (report.unreadableTotal() > 0) {
      summary.printf("export: wrote %d peers%s to %s; skipped %d unreadable entries (%s)%n",
          report.written(), bans(report), out, report.unreadableTotal(),
          report.unreadableSummary());
    } else {
      summary.printf("export: wrote %d peers%s to %s%n", report.written(), bans(report), out);
    }
    summary.flush();
    return ExitCodes.OK;
  }

  private static String bans(ExportReport report) {
    long n = report.bans();
    return n == 0 ? "" : " and " + n + " ban" + (n == 1 ? "" : "s");
  }
}
