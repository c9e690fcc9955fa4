package org.peerstore.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.peerstore.rocksdb.GcReport;
import org.peerstore.rocksdb.RocksMaintenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code gc}: garbage collection now. */
@Command(name = "gc", mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {"  peerstore-tool gc --db ./data --json"},
    description = {"Removes every expired address now (through the expiry index, as a running"
        + " store does), the signed records of peers left without addresses, and orphaned"
        + " records; prints what it removed. Unreadable entries are left for verify."})
final class GcCommand implements Callable<Integer> {
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
    GcReport r;
    long released;
    try (RocksMaintenance m = StoreAccess.maintenance(store.dir, ctx);
        Progress progress = progressOption.start(ctx, "gc", "entries")) {
      released = m.releaseConnections(ctx.clock().instant());
      r = m.collectGarbage(ctx.clock().instant(), progress);
    }
    PrintWriter out = ctx.out();
    if (json) {
      ObjectNode o = Json.of("gc", r);
      o.put("releasedConnectedPeers", released);
      Json.line(out, o);
      out.flush();
      return ExitCodes.OK;
    }
    if (released > 0) {
      out.printf("gc: %d peers had addresses at the connected ttl from a previous process:"
          + " now recently connected, expiring in %s%n", released,
          org.peerstore.AddrTtl.RECENTLY_CONNECTED);
    }
    out.printf("gc: removed %d expired addresses of %d peers (%d peers left without addresses,"
        + " %d signed records with them)%n", r.expiredAddrs(), r.peersCollected(),
        r.peersEmptied(), r.records());
    out.printf("gc: removed %d orphaned signed records and %d stale expiry index entries%n",
        r.orphanedRecords(), r.staleIndexEntries());
    out.printf("gc: removed %d expired bans%n", r.expiredBans());
    if (r.unreadableSkipped() > 0) {
      out.printf("gc: skipped %d unreadable entries (run verify)%n", r.unreadableSkipped());
    }
    out.flush();
    return ExitCodes.OK;
  }
}
