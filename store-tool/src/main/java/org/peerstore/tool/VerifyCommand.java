package org.peerstore.tool;

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
    description = {"Re-checks that every stored value decodes, every signed record's signature"
        + " and peer id, and every expiry index entry against its peer's addresses and the"
        + " reverse. Encrypted private keys are checked for structure only: without the"
        + " passphrase their authentication tag cannot be checked. Prints each problem with its"
        + " peer id and column family; exits with 1 if any is found.",
        "With --repair, removes only what is provably broken (undecodable or unverifiable"
        + " entries, orphaned records, dangling index entries) and re-adds missing index"
        + " entries, after printing them; then checks again. Exits with 0 when the store is"
        + " consistent afterwards."})
final class VerifyCommand implements Callable<Integer> {
  /** Repairing one problem can reveal another (a record orphaned by a deleted address value). */
  private static final int MAX_ROUNDS = 4;

  @ParentCommand
  private PeerstoreTool tool;
  @Mixin
  private ExitCodeHelp exitCodes;
  @Mixin
  private StoreOption store;
  @Option(names = "--repair", description = "Mend what is provably broken (see above).")
  private boolean repair;

  @Override
  public Integer call() {
    ToolContext ctx = tool.context();
    PrintWriter out = ctx.out();
    try (RocksMaintenance m = StoreAccess.maintenance(store.dir, ctx, !repair)) {
      List<StoreProblem> problems = check(ctx, m);
      if (problems.isEmpty()) {
        out.println("verify: no problems found");
        out.flush();
        return ExitCodes.OK;
      }
      print(out, problems);
      if (!repair) {
        out.printf("verify: %d problem%s found (run verify --repair to mend them)%n",
            problems.size(), problems.size() == 1 ? "" : "s");
        out.flush();
        return ExitCodes.FAILED;
      }
      long deleted = 0;
      long added = 0;
      for (int round = 1; round <= MAX_ROUNDS && !problems.isEmpty(); round++) {
        RepairReport r = m.repair(problems);
        deleted += r.deletedEntries();
        added += r.addedIndexEntries();
        out.printf("repair: deleted %d entries, added %d expiry index entries%n",
            r.deletedEntries(), r.addedIndexEntries());
        problems = check(ctx, m);
        if (!problems.isEmpty()) {
          out.printf("verify: %d more problem%s revealed by the repair%n", problems.size(),
              problems.size() == 1 ? "" : "s");
          print(out, problems);
        }
      }
      if (!problems.isEmpty()) {
        out.printf("verify: %d problems remain after repair%n", problems.size());
        out.flush();
        return ExitCodes.FAILED;
      }
      out.printf("verify: store is consistent after repair (%d entries deleted, %d index"
          + " entries added)%n", deleted, added);
      out.flush();
      return ExitCodes.OK;
    }
  }

  private static List<StoreProblem> check(ToolContext ctx, RocksMaintenance m) {
    try (Progress progress = Progress.start(ctx, "verify", "entries")) {
      return m.verify(progress);
    }
  }

  private static void print(PrintWriter out, List<StoreProblem> problems) {
    for (StoreProblem p : problems) {
      String fix = p.repair() == StoreProblem.Repair.DELETE_ENTRY ? "delete entry"
          : "add index entry";
      out.println("PROBLEM " + p + " [key " + p.key() + "; repair: " + fix + "]");
    }
  }
}
