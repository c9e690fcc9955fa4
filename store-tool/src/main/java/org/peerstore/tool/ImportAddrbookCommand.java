package org.peerstore.tool;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.peerstore.addrbook.AddrBookFile;
import org.peerstore.addrbook.AddrBookJson;
import org.peerstore.addrbook.AddressBook;
import org.peerstore.addrbook.ImportResult;
import org.peerstore.addrbook.MalformedAddrBookException;
import org.peerstore.rocksdb.RocksPeerstore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code import-addrbook}: reads a CometBFT addrbook.json into the store's address book. */
@Command(name = "import-addrbook", mixinStandardHelpOptions = true,
    description = {"Imports a CometBFT addrbook.json (current or older capitalised form) into the"
        + " store's address book, keeping its bucket numbers (docs/ADDRBOOK.md). The whole file"
        + " is checked first: a bad entry is named (index and field) and nothing is imported"
        + " (exit code 2). An empty book takes the file's key. Creates the store if DIR is"
        + " empty."},
    footer = {"  peerstore-tool import-addrbook --db ./data --in ~/.cometbft/config/addrbook.json",
        "  cat addrbook.json | peerstore-tool import-addrbook --db ./data --in - --json"})
final class ImportAddrbookCommand implements Callable<Integer> {
  @ParentCommand
  private PeerstoreTool tool;
  @Mixin
  private ExitCodeHelp exitCodes;
  @Mixin
  private StoreOption store;
  @Option(names = "--in", required = true, paramLabel = "FILE",
      description = "The addrbook.json to read, or - for standard input.")
  private Path in;
  @Option(names = "--json", description = "Print the summary as one JSON object on one line.")
  private boolean json;

  @Override
  public Integer call() {
    ToolContext ctx = tool.context();
    AddrBookFile file;
    try (InputStream is = "-".equals(in.toString()) ? ctx.in() : Files.newInputStream(in)) {
      file = AddrBookJson.read(is);
    } catch (MalformedAddrBookException e) {
      throw new ToolException(e.getMessage(), e);
    } catch (IOException | UncheckedIOException e) {
      throw new ToolException("cannot read " + in + ": " + e.getMessage(), e);
    }
    ImportResult r;
    int news;
    int olds;
    try (RocksPeerstore ps = StoreAccess.existingOrNew(ctx, store.dir, ctx.clock(),
        StoreAccess.TOOL_CACHE_BYTES, null)) {
      AddressBook book = AddressBook.builder(ps).clock(ctx.clock()).build();
      try {
        r = book.importFile(file);
      } catch (MalformedAddrBookException e) {
        throw new ToolException(e.getMessage(), e);
      }
      news = book.newCount();
      olds = book.oldCount();
    }
    PrintWriter out = ctx.out();
    if (json) {
      com.fasterxml.jackson.databind.node.ObjectNode o = Json.object("import-addrbook");
      o.put("in", in.toString());
      o.put("entries", file.addrs().size());
      o.put("imported", r.imported());
      o.put("skipped", r.skipped());
      o.put("keyAdopted", r.keyAdopted());
      o.put("new", news);
      o.put("old", olds);
      Json.line(out, o);
    } else {
      out.printf("imported %d of %d addresses (%d skipped: buckets full or banned); book: %d new,"
          + " %d old%s%n", r.imported(), file.addrs().size(), r.skipped(), news, olds,
          r.keyAdopted() ? "; took the file's key" : "");
    }
    out.flush();
    return ExitCodes.OK;
  }
}
