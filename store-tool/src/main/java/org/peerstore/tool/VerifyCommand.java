package org.peerstore.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.peerstore.rocksdb.RepairReport;
import org.peerstore.rocksdb.RocksMaintenance;
import org.peerstore.rocksdb.StoreProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code verify}: consistency check, optionally with repair. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {"  peerstore-tool verify --db ./data",
        "  peerstore-tool verify --db ./data --repair",
        "  peerstore-tool verify --db ./data --json | jq -c 'select(.type==\"problem\")'"},
    description = {"Re-checks that every stored value decodes, every signed record's signature"
        + " and peer id, and every expiry index entry against its peer's addresses and the"
        + " reverse. Encrypted private keys are checked for structure only: without the"
        + " passphrase their authentication tag cannot be checked. Prints each problem with its"
        + " peer id and column family; exits with 1 if any is found.",
        "With --repair, removes only what is provably broken (undecodable or unverifiable"
        + " entries, orphaned records, dangling index entries) and re-adds missing index"
        + " entries, after printing them; then checks again. Exits with 0 when the store is"
        + " consistent afterwards.",
        "With --json, prints JSON lines instead: one {\"type\":\"problem\"} object per problem"
        + " (columnFamily, peer, key, description, repair, round), one {\"type\":\"repair\"}"
        + " per repair round, and a last {\"type\":\"summary\"} (problems, consistent)."})
final class VerifyCommand implements Callable<Integer> {
  /** Repairing one problem can reveal another (a record orphaned by a deleted address value). */
  private static final int MAX_ROUNDS = 4;

  @ParentCommand
  private PeerstoreTool tool;
  @Mixin
  private ExitCodeHelp exitCodes;
  @Mixin
  private StoreOption store;
  @Mixin
  private ProgressOption progressOption;
  @Option(names = "--repair", description = "Mend what is provably broken (see above).")
  private boolean repair;
  @Option(names = "--json", description = "Print JSON lines (see above).")
  private boolean json;

  @Override
  public Integer call() {
    ToolContext ctx = tool.context();
    PrintWriter out = ctx.out();
    try (RocksMaintenance m = StoreAccess.maintenance(store.dir, ctx, !repair)) {
      List<StoreProblem> problems = check(ctx, m);
      long found = problems.size();
      if (problems.isEmpty()) {
        if (json) {
          summary(out, 0, true, 0, 0);
        } else {
          out.println("verify: no problems found");
        }
        out.flush();
        return ExitCodes.OK;
      }
      print(out, problems, 0);
      if (!repair) {
        if (json) {
          summary(out, found, false, 0, 0);
        } else {
          out.printf("verify: %d problem%s found (run verify --repair to mend them)%n",
              problems.size(), problems.size() == 1 ? "" : "s");
        }
        out.flush();
        return ExitCodes.FAILED;
      }
      long deleted = 0;
      long added = 0;
      for (int round = 1; round <= MAX_ROUNDS && !problems.isEmpty(); round++) {
        RepairReport r = m.repair(problems);
        deleted += r.deletedEntries();
        added += r.addedIndexEntries();
        if (json) {
          ObjectNode o = Json.object("repair");
          o.put("round", round);
          o.put("deletedEntries", r.deletedEntries());
          o.put("addedIndexEntries", r.addedIndexEntries());
          Json.line(out, o);
        } else {
          out.printf("repair: deleted %d entries, added %d expiry index entries%n",
              r.deletedEntries(), r.addedIndexEntries());
        }
        problems = check(ctx, m);
        if (!problems.isEmpty()) {
          found += problems.size();
          if (!json) {
            out.printf("verify: %d more problem%s revealed by the repair%n", problems.size(),
                problems.size() == 1 ? "" : "s");
          }
          print(out, problems, round);
        }
      }
      boolean consistent = problems.isEmpty();
      if (json) {
        summary(out, found, consistent, deleted, added);
      } else if (!consistent) {
        out.printf("verify: %d problems remain after repair%n", problems.size());
      } else {
        out.printf("verify: store is consistent after repair (%d entries deleted, %d index"
            + " entries added)%n", deleted, added);
      }
      out.flush();
      return consistent ? ExitCodes.OK : ExitCodes.FAILED;
    }
  }

  private void summary(PrintWriter out, long found, boolean consistent, long deleted,
      long added) {
    ObjectNode o = Json.object("summary");
    o.put("store", store.dir.toAbsolutePath().normalize().toString());
    o.put("problems", found);
    o.put("repair", repair);
    o.put("deletedEntries", deleted);
    o.put("addedIndexEntries", added);
    o.put("consistent", consistent);
    Json.line(out, o);
  }

  private List<StoreProblem> check(ToolContext ctx, RocksMaintenance m) {
    try (Progress progress = progressOption.start(ctx, "verify", "entries")) {
      return m.verify(progress);
    }
  }

  /** The problems found in check {@code round} (0 before any repair). */
  private void print(PrintWriter out, List<StoreProblem> problems, int round) {
    for (StoreProblem p : problems) {
      if (json) {
        ObjectNode o = Json.of("problem", p);
        o.put("round", round);
        Json.line(out, o);
        continue;
      }
      String fix = p.repair() == StoreProblem.Repair.DELETE_ENTRY ? "delete entry"
          : "add index entry";
      out.println("PROBLEM " + p + " [key " + p.key() + "; repair: " + fix + "]");
    }
  }
}
