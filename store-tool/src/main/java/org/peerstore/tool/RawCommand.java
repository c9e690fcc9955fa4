package org.peerstore.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.peerstore.PeerstoreException;
import org.peerstore.StorageException;
import org.peerstore.peer.PeerId;
import org.peerstore.rocksdb.RawReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code raw}: read-only column family properties and undecoded entries. */
@Command(name = "raw", mixinStandardHelpOptions = true,
    description = {"Read-only raw view of the store's RocksDB column families, for the day"
        + " something looks wrong (docs/STORAGE.md gives each column family's key and value"
        + " format). Opens the store read-only: works on a running node's store.",
        "Without --key, --peer or --prefix: RocksDB's properties of --cf (of every column family"
        + " without --cf). With --key HEX: that entry of --cf. With --peer or --prefix: the"
        + " entries of --cf whose key starts with the peer's key prefix or HEX, up to --limit."
        + " Entries print as 'KEY_HEX VALUE_HEX'; exits with 1 if none is found.",
        "With --json: one {\"type\":\"properties\"} object per column family, or one"
        + " {\"type\":\"entry\"} object per entry (columnFamily, key, value in hex, valueBytes)."},
    footerHeading = "%nExamples:%n",
    footer = {"  peerstore-tool raw --db ./data",
        "  peerstore-tool raw --db ./data --cf addrs --peer 12D3KooW...",
        "  peerstore-tool raw --db ./data --cf default --key 736368656d61",
        "  peerstore-tool raw --db ./data --cf metadata --prefix 26 --limit 5 --json"})
final class RawCommand implements Callable<Integer> {
  private static final HexFormat HEX = HexFormat.of();

  @ParentCommand
  private PeerstoreTool tool;
  @Mixin
  private ExitCodeHelp exitCodes;
  @Mixin
  private StoreOption store;
  @Option(names = "--cf", paramLabel = "NAME",
      description = "The column family: default, addrs, records, keys, protocols, metadata,"
          + " expiry or bans.")
  private String cf;
  @Option(names = "--key", paramLabel = "HEX", description = "Get the entry with this key.")
  private String key;
  @Option(names = "--peer", paramLabel = "PEER_ID",
      description = "Scan the entries of this peer: a peer id (base58btc or CIDv1) or its bytes"
          + " in hex (addrs, records, keys, protocols, metadata).")
  private String peer;
  @Option(names = "--prefix", paramLabel = "HEX",
      description = "Scan the entries whose key starts with these bytes.")
  private String prefix;
  @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
      description = "Most entries a scan prints (default: ${DEFAULT-VALUE}).")
  private int limit;
  @Option(names = "--json", description = "Print JSON lines (see above).")
  private boolean json;

  @Override
  public Integer call() {
    int modes = (key != null ? 1 : 0) + (peer != null ? 1 : 0) + (prefix != null ? 1 : 0);
    if (modes > 1) {
      throw new ToolException("give at most one of --key, --peer and --prefix");
    }
    if (modes == 1 && cf == null) {
      throw new ToolException("--key, --peer and --prefix need --cf");
    }
    if (cf != null && !RawReader.columnFamilies().contains(cf)) {
      throw new ToolException("no column family " + cf + " (the store has "
          + String.join(", ", RawReader.columnFamilies()) + ")");
    }
    if (limit < 1) {
      throw new ToolException("--limit must be at least 1: " + limit);
    }
    byte[] keyBytes = key == null ? null : hex("--key", key);
    byte[] prefixBytes = prefix == null ? null : hex("--prefix", prefix);
    if (peer != null) {
      if (cf.equals("expiry") || cf.equals("bans") || cf.equals("default")) {
        throw new ToolException("--peer scans addrs, records, keys, protocols or metadata; the "
            + cf + " column family is not keyed by peer (use --prefix)");
      }
      prefixBytes = RawReader.peerPrefix(peerId(peer));
    }
    ToolContext ctx = tool.context();
    PrintWriter out = ctx.out();
    RawReader raw;
    try {
      raw = RawReader.openReadOnly(store.dir);
    } catch (StorageException e) {
      throw StoreAccess.refused(e);
    }
    try (RawReader r = raw) {
      if (modes == 0) {
        for (String name : cf == null ? RawReader.columnFamilies() : List.of(cf)) {
          printProperties(out, name, r.properties(name));
        }
        out.flush();
        return ExitCodes.OK;
      }
      List<RawReader.Entry> entries;
      if (keyBytes != null) {
        byte[] v = r.get(cf, keyBytes);
        entries = v == null ? List.of() : List.of(new RawReader.Entry(keyBytes, v));
      } else {
        entries = r.scan(cf, prefixBytes, limit);
      }
      for (RawReader.Entry e : entries) {
        if (json) {
          ObjectNode o = Json.object("entry");
          o.put("columnFamily", cf);
          o.put("key", HEX.formatHex(e.key()));
          o.put("value", HEX.formatHex(e.value()));
          o.put("valueBytes", e.value().length);
          Json.line(out, o);
        } else {
          out.println(HEX.formatHex(e.key()) + " " + HEX.formatHex(e.value()));
        }
      }
      if (!json) {
        out.printf("raw: %d entr%s in %s%s%n", entries.size(),
            entries.size() == 1 ? "y" : "ies", cf,
            entries.size() == limit && keyBytes == null ? " (--limit reached)" : "");
      }
      out.flush();
      return entries.isEmpty() ? ExitCodes.FAILED : ExitCodes.OK;
    }
  }

  private void printProperties(PrintWriter out, String name, Map<String, String> props) {
    if (json) {
      ObjectNode o = Json.object("properties");
      o.put("columnFamily", name);
      ObjectNode p = o.putObject("properties");
      props.forEach(p::put);
      Json.line(out, o);
      return;
    }
    out.println(name);
    if (props.isEmpty()) {
      out.println("  (not in this store)");
    }
    props.forEach((k, v) -> out.printf("  %-42s %s%n", k, v));
  }

  private static byte[] hex(String option, String text) {
    try {
      return HEX.parseHex(text.startsWith("0x") ? text.substring(2) : text);
    } catch (IllegalArgumentException e) {
      throw new ToolException(option + " is not hex: " + text, e);
    }
  }

  private static PeerId peerId(String text) {
    try {
      return PeerId.fromString(text);
    } catch (PeerstoreException e) {
      try {
        return PeerId.fromBytes(HEX.parseHex(text));
      } catch (IllegalArgumentException | PeerstoreException e2) {
        throw new ToolException("not a peer id (base58btc, CIDv1 or hex): " + text, e);
      }
    }
  }
}
