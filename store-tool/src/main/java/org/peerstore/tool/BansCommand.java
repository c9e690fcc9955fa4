package org.peerstore.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.peerstore.Ban;
import org.peerstore.BanTarget;
import org.peerstore.rocksdb.RocksPeerstore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code bans}: lists the bans in force. */
@Command(name = "bans", mixinStandardHelpOptions = true,
    description = {"Lists the bans in force now (peers, then IP addresses, then subnets), with"
        + " reason, creation time and expiry. Changes nothing but the schema stamp of a store"
        + " written before the ban book (docs/STORAGE.md)."})
final class BansCommand implements Callable<Integer> {
  @ParentCommand
  private PeerstoreTool tool;
  @Mixin
  private ExitCodeHelp exitCodes;
  @Mixin
  private StoreOption store;
  @Option(names = "--json", description = "Print JSON lines: one {\"type\":\"ban\"} object"
      + " per ban (peer, ip or subnet; reason; created; expires, null when permanent), then a"
      + " {\"type\":\"summary\",\"bans\":N} line.")
  private boolean json;

  @Override
  public Integer call() throws Exception {
    ToolContext ctx = tool.context();
    List<Ban> bans;
    try (RocksPeerstore ps = StoreAccess.existingReadOnly(store.dir, ctx)) {
      bans = ps.bans();
    }
    PrintWriter out = ctx.out();
    if (json) {
      for (Ban b : bans) {
        ObjectNode o = Json.MAPPER.createObjectNode().put("type", "ban");
        o.setAll(json(b));
        out.println(Json.MAPPER.writeValueAsString(o));
      }
      out.println(Json.MAPPER.writeValueAsString(
          Json.MAPPER.createObjectNode().put("type", "summary").put("bans", bans.size())));
    } else {
      for (Ban b : bans) {
        out.println(line(b));
      }
      out.printf("%d ban%s in force%n", bans.size(), bans.size() == 1 ? "" : "s");
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** One ban as a JSON object: its target (peer, ip or subnet), reason, created, expires. */
  static ObjectNode json(Ban b) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    BanTarget t = b.target();
    if (t instanceof BanTarget.PeerTarget p) {
      o.put("peer", p.peer().toString());
    } else if (t instanceof BanTarget.IpTarget i) {
      o.put("ip", t.toString().substring("ip ".length()));
    } else {
      o.put("subnet", ((BanTarget.SubnetTarget) t).subnet().toString());
    }
    o.put("reason", b.reason());
    o.put("created", b.created().toString());
    if (b.expires().isPresent()) {
      o.put("expires", b.expires().get().toString());
    } else {
      o.putNull("expires");
    }
    return o;
  }

  /** One ban for people: target, expiry, creation, reason. */
  static String line(Ban b) {
    return b.target() + "  " + (b.isPermanent() ? "permanent" : "until " + b.expires().get())
        + "  (since " + b.created() + ")" + (b.reason().isEmpty() ? "" : "  " + b.reason());
  }
}
