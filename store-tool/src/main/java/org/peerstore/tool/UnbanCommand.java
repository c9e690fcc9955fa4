package org.peerstore.tool;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.peerstore.BanTarget;
import org.peerstore.rocksdb.RocksPeerstore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code unban}: lifts the ban of one target in a stopped store. */
@Command(name = "unban", mixinStandardHelpOptions = true,
    description = {"Lifts the ban of exactly one peer, IP address or subnet (not of an"
        + " overlapping subnet). Exit code 1 if the target had no ban in force."})
final class UnbanCommand implements Callable<Integer> {
  @ParentCommand
  private PeerstoreTool tool;
  @Mixin
  private ExitCodeHelp exitCodes;
  @Mixin
  private StoreOption store;
  @Mixin
  private BanTargetOption target;
  @Option(names = "--json", description = "Print the result as one JSON object on one line.")
  private boolean json;

  @Override
  public Integer call() {
    ToolContext ctx = tool.context();
    BanTarget t = target.target();
    boolean lifted;
    try (RocksPeerstore ps = StoreAccess.existing(store.dir, ctx)) {
      lifted = ps.unban(t);
    }
    PrintWriter out = ctx.out();
    if (json) {
      com.fasterxml.jackson.databind.node.ObjectNode o = Json.object("unban");
      o.put("target", t.toString());
      o.put("lifted", lifted);
      Json.line(out, o);
      out.flush();
      return lifted ? ExitCodes.OK : ExitCodes.FAILED;
    }
    out.printf(lifted ? "unban: lifted the ban of %s%n" : "unban: %s had no ban in force%n", t);
    out.flush();
    return lifted ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
