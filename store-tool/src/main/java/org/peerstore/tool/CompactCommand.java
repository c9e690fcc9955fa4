package org.peerstore.tool;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.peerstore.rocksdb.CompactionReport;
import org.peerstore.rocksdb.RocksMaintenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code compact}: full manual compaction. */
@Command(name = "compact", mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {"  peerstore-tool compact --db ./data --progress=none"},
    description = {"Flushes the memtables and fully compacts every column family, so that"
        + " deleted and overwritten data leaves the disk; prints the size before and after."})
final class CompactCommand implements Callable<Integer> {
  @ParentCommand
  private PeerstoreTool tool;
  @Mixin
  private ExitCodeHelp exitCodes;
  @Mixin
  private StoreOption store;
  @Mixin
  private ProgressOption progressOption;
  @Option(names = "--json", description = "Print the result as one JSON object on one line.")
  private boolean json;

  @Override
  public Integer call() {
    ToolContext ctx = tool.context();
    CompactionReport r;
    try (RocksMaintenance m = StoreAccess.maintenance(store.dir, ctx);
        Progress progress = progressOption.start(ctx, "compact", "column families")) {
      r = m.compact(progress);
    }
    PrintWriter out = ctx.out();
    if (json) {
      Json.line(out, Json.of("compact", r));
      out.flush();
      return ExitCodes.OK;
    }
    out.printf("compact: size on disk %s -> %s%n", Sizes.bytes(r.sizeOnDiskBefore()),
        Sizes.bytes(r.sizeOnDiskAfter()));
    for (CompactionReport.ColumnFamilySize cf : r.columnFamilies()) {
      out.printf("  %-10s sst files %11s -> %s%n", cf.name(), Sizes.bytes(cf.before()),
          Sizes.bytes(cf.after()));
    }
    out.flush();
    return ExitCodes.OK;
  }
}
