package org.peerstore.tool;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.peerstore.Ban;
import org.peerstore.BanBook;
import org.peerstore.PeerstoreException;
import org.peerstore.StorageException;
import org.peerstore.rocksdb.RocksPeerstore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ban}: bans a peer, an address or a subnet in a stopped store. */
@Command(name = "ban", mixinStandardHelpOptions = true,
    description = {"Bans a peer, an IP address or a subnet (docs/CONTRACT.md §14) in the store,"
        + " replacing any ban of the same target. The store must be stopped; the ban is in"
        + " force when its node starts again."})
final class BanCommand implements Callable<Integer> {
  @ParentCommand
  private PeerstoreTool tool;
  @Mixin
  private ExitCodeHelp exitCodes;
  @Mixin
  private StoreOption store;
  @Mixin
  private BanTargetOption target;
  @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "",
      description = "Why (at most 1024 UTF-8 bytes; default empty).")
  private String reason;
  @Option(names = "--json", description = "Print the ban as one JSON object on one line.")
  private boolean json;
  @Option(names = "--for", paramLabel = "DURATION", defaultValue = "permanent",
      description = "How long: 'permanent' (default), a number with s, m, h or d (90m, 7d), or"
          + " an ISO-8601 duration (PT1H30M).")
  private String duration;

  @Override
  public Integer call() {
    ToolContext ctx = tool.context();
    Duration d = parseDuration(duration);
    Ban ban;
    try (RocksPeerstore ps = StoreAccess.existing(store.dir, ctx)) {
      ban = ps.ban(target.target(), reason, d);
    } catch (StorageException e) {
      throw e;
    } catch (PeerstoreException | IllegalArgumentException e) {
      throw new ToolException(e.getMessage(), e);
    }
    PrintWriter out = ctx.out();
    if (json) {
      com.fasterxml.jackson.databind.node.ObjectNode o = Json.object("ban");
      o.setAll(BansCommand.json(ban));
      Json.line(out, o);
    } else {
      out.printf("ban: %s%n", BansCommand.line(ban));
    }
    out.flush();
    return ExitCodes.OK;
  }

  /**
   * A duration option.
   *
   * @throws ToolException if it is none of the accepted forms or not positive
   */
  static Duration parseDuration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("permanent")) {
      return BanBook.PERMANENT;
    }
    Duration d;
    try {
      if (t.startsWith("p")) {
        d = Duration.parse(t.toUpperCase(Locale.ROOT));
      } else if (t.matches("[0-9]{1,12}[smhd]")) {
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        d = switch (t.charAt(t.length() - 1)) {
          case 's' -> Duration.ofSeconds(n);
          case 'm' -> Duration.ofMinutes(n);
          case 'h' -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
      } else {
        throw new ToolException("not a duration: " + text + " (use permanent, 90m, 7d or PT1H)");
      }
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new ToolException("not a duration: " + text + " (use permanent, 90m, 7d or PT1H)", e);
    }
    if (d.isZero() || d.isNegative()) {
      throw new ToolException("the ban duration must be positive: " + text);
    }
    return d;
  }
}
