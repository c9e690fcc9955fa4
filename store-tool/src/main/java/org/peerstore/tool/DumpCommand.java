package org.peerstore.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.peerstore.PeerstoreException;
import org.peerstore.peer.PeerId;
import org.peerstore.rocksdb.PeerDump;
import org.peerstore.rocksdb.RocksMaintenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code dump}: everything stored about one peer. */
@Command(name = "dump", mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {"  peerstore-tool dump --db ./data 12D3KooW...",
        "  peerstore-tool dump --db ./data 12D3KooW... --json"},
    description = {"Prints everything stored about one peer, column family by column family:"
        + " addresses with ttl and expiry, the signed record (verified), key types (never"
        + " private key material: an encrypted private key shows only that it exists and its"
        + " encryption parameters), protocols, metadata and expiry index entries. Exits with 1"
        + " if nothing is stored for the peer.",
        "With --json, prints JSON lines: a {\"type\":\"peer\"} object (peer, found), then one"
        + " {\"type\":\"entry\"} object per line (columnFamily, text, problem)."})
final class DumpCommand implements Callable<Integer> {
  @ParentCommand
  private PeerstoreTool tool;
  @Mixin
  private ExitCodeHelp exitCodes;
  @Mixin
  private StoreOption store;
  @Option(names = "--json", description = "Print JSON lines (see above).")
  private boolean json;
  @Parameters(index = "0", paramLabel = "PEER_ID",
      description = "The peer id (base58btc, e.g. 12D3KooW..., or a CIDv1).")
  private String peerText;

  @Override
  public Integer call() {
    ToolContext ctx = tool.context();
    PeerId peer;
    try {
      peer = PeerId.fromString(peerText);
    } catch (PeerstoreException e) {
      throw new ToolException("not a peer id: " + peerText + " (" + e.getMessage() + ")", e);
    }
    PeerDump dump;
    try (RocksMaintenance m = StoreAccess.maintenance(store.dir, ctx, true)) {
      dump = m.dump(peer, ctx.clock().instant());
    }
    PrintWriter out = ctx.out();
    if (json) {
      ObjectNode head = Json.object("peer");
      head.put("peer", peer.toString());
      head.put("found", !dump.isEmpty());
      Json.line(out, head);
      for (PeerDump.Line line : dump.lines()) {
        Json.line(out, Json.of("entry", line));
      }
      out.flush();
      return dump.isEmpty() ? ExitCodes.FAILED : ExitCodes.OK;
    }
    if (dump.isEmpty()) {
      out.println("dump: nothing is stored for peer " + peer);
      out.flush();
      return ExitCodes.FAILED;
    }
    out.println("peer " + peer);
    String section = null;
    for (PeerDump.Line line : dump.lines()) {
      if (!line.columnFamily().equals(section)) {
        section = line.columnFamily();
        out.println(section);
      }
      out.println((line.problem() ? "  PROBLEM " : "  ") + line.text());
    }
    out.flush();
    return ExitCodes.OK;
  }
}
