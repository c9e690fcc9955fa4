package org.peerstore.tool;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.peerstore.addrbook.AddrBookFile;
import org.peerstore.addrbook.AddrBookJson;
import org.peerstore.addrbook.AddressBook;
import org.peerstore.rocksdb.RocksPeerstore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code export-addrbook}: writes the store's address book as a CometBFT addrbook.json. */
@Command(name = "export-addrbook", mixinStandardHelpOptions = true,
    description = {"Writes the store's address book as a CometBFT addrbook.json (its key and"
        + " every address in a bucket, by node id; docs/ADDRBOOK.md). Opening the book writes"
        + " its key if it has none and what the load repaired."},
    footer = {"  peerstore-tool export-addrbook --db ./data --out addrbook.json",
        "  peerstore-tool export-addrbook --db ./data --out - | jq '.addrs | length'"})
final class ExportAddrbookCommand implements Callable<Integer> {
  @ParentCommand
  private PeerstoreTool tool;
  @Mixin
  private ExitCodeHelp exitCodes;
  @Mixin
  private StoreOption store;
  @Option(names = "--out", required = true, paramLabel = "FILE",
      description = "The file to write, or - for standard output.")
  private Path out;
  @Option(names = "--json", description = "Print the summary as one JSON object on one line"
      + " (on standard error with --out -).")
  private boolean json;

  @Override
  public Integer call() {
    ToolContext ctx = tool.context();
    AddrBookFile file;
    try (RocksPeerstore ps = StoreAccess.existing(store.dir, ctx)) {
      file = AddressBook.builder(ps).clock(ctx.clock()).build().exportFile();
    }
    boolean stdout = "-".equals(out.toString());
    if (stdout) {
      ctx.out().println(AddrBookJson.toJson(file));
      ctx.out().flush();
    } else {
      try (OutputStream os = Files.newOutputStream(out)) {
        AddrBookJson.write(file, os);
      } catch (IOException | UncheckedIOException e) {
        throw new ToolException("cannot write " + out + ": " + e.getMessage(), e);
      }
    }
    PrintWriter summary = stdout ? ctx.err() : ctx.out();
    if (json) {
      com.fasterxml.jackson.databind.node.ObjectNode o = Json.object("export-addrbook");
      o.put("out", out.toString());
      o.put("addresses", file.addrs().size());
      Json.line(summary, o);
    } else {
      summary.printf("exported %d addresses to %s%n", file.addrs().size(), out);
    }
    summary.flush();
    return ExitCodes.OK;
  }
}
