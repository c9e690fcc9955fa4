package org.peerstore.tool;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.peerstore.rocksdb.RocksMaintenance;
import org.peerstore.rocksdb.StoreStats;
import org.peerstore.rocksdb.WalRecovery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code stats}: what a store holds and how big it is on disk. */
@Command(name = "stats", mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {"  peerstore-tool stats --db ./data",
        "  peerstore-tool stats --db ./data --json | jq .peers"},
    description = {"Counts what the store holds: peers, addresses (live and expired), signed"
        + " records, keys, protocols, metadata entries, bans and tags, with the bytes of each column family"
        + " on disk and RocksDB's own estimates. Changes nothing."})
final class StatsCommand implements Callable<Integer> {
  @ParentCommand
  private PeerstoreTool tool;
  @Mixin
  private ExitCodeHelp exitCodes;
  @Mixin
  private StoreOption store;
  @Option(names = "--json", description = "Print the counts as one JSON object.")
  private boolean json;

  @Override
  public Integer call() throws Exception {
    ToolContext ctx = tool.context();
    StoreStats s;
    WalRecovery recovery;
    try (RocksMaintenance m = StoreAccess.maintenance(store.dir, ctx, true)) {
      s = m.stats(ctx.clock().instant());
      recovery = m.walRecovery();
    }
    java.util.Optional<org.peerstore.addrbook.BookCounts> book;
    try (org.peerstore.rocksdb.RocksPeerstore ps = StoreAccess.existingReadOnly(store.dir, ctx)) {
      book = org.peerstore.addrbook.BookCounts.of(ps);
    }
    PrintWriter out = ctx.out();
    if (json) {
      JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
      ObjectNode o = mapper.createObjectNode();
      o.put("store", store.dir.toAbsolutePath().normalize().toString());
      o.put("at", ctx.clock().instant().toString());
      o.setAll((ObjectNode) mapper.valueToTree(s));
      o.put("protocolIndexEntries", s.protocolIndexEntries());
      ObjectNode wal = o.putObject("walRecovery");
      wal.put("droppedRecords", recovery.droppedRecords());
      wal.put("droppedBytes", recovery.droppedBytes());
      wal.put("recoveredSequence", recovery.recoveredSequence());
      book.ifPresent(b -> o.putObject("addrbook").put("new", b.newCount())
          .put("old", b.oldCount()).put("banned", b.bannedCount()));
      out.println(mapper.writeValueAsString(o));
      out.flush();
      return ExitCodes.OK;
    }
    out.printf("store             %s%n", store.dir.toAbsolutePath().normalize());
    out.printf("peers             %d%n", s.peers());
    out.printf("addresses         %d live (%d never expire), %d expired awaiting gc%n",
        s.liveAddrs(), s.connectedAddrs(), s.expiredAddrs());
    out.printf("signed records    %d%n", s.signedRecords());
    out.printf("keys              %d public, %d private%n", s.publicKeys(), s.privateKeys());
    out.printf("protocols         %d%n", s.protocols());
    out.printf("metadata entries  %d%n", s.metadataEntries());
    out.printf("expiry index      %d entries%n", s.expiryIndexEntries());
    out.printf("protocol index    %d entries%n", s.protocolIndexEntries());
    out.printf("bans              %d peers, %d addresses, %d subnets in force, %d expired"
        + " awaiting gc%n", s.bannedPeers(), s.bannedIps(), s.bannedSubnets(), s.expiredBans());
    out.printf("tags              %d tagged peers, %d protected peers%n", s.taggedPeers(),
        s.protectedPeers());
    out.printf("dial history      %d peers, %d in backoff (default backoff)%n", s.dialPeers(),
        s.dialPeersInBackoff());
    if (s.unreadableEntries() > 0) {
      out.printf("unreadable        %d entries (run verify)%n", s.unreadableEntries());
    }
    if (recovery.lostWrites()) {
      out.printf("wal recovery      dropped %d torn or damaged records (%d bytes) on this open;"
          + " later writes lost%n", recovery.droppedRecords(), recovery.droppedBytes());
    }
    book.ifPresent(b -> out.printf("address book      %d new, %d old, %d banned%n",
        b.newCount(), b.oldCount(), b.bannedCount()));
    out.printf("size on disk      %s%n", Sizes.bytes(s.sizeOnDiskBytes()));
    out.println();
    out.printf("%-10s %9s %11s %11s %11s %10s %11s%n", "column", "entries", "key+value",
        "sst files", "memtables", "est. keys", "est. live");
    for (StoreStats.ColumnFamilyStats cf : s.columnFamilies()) {
      out.printf("%-10s %9d %11s %11s %11s %10d %11s%n", cf.name(), cf.entries(),
          Sizes.bytes(cf.keyValueBytes()), Sizes.bytes(cf.sstFileBytes()),
          Sizes.bytes(cf.memtableBytes()), cf.estimatedKeys(),
          Sizes.bytes(cf.estimatedLiveDataBytes()));
    }
    out.flush();
    return ExitCodes.OK;
  }
}
