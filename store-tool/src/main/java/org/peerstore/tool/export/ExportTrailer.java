package org.peerstore.tool.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The trailer line of an export file (format version 2 on, docs/EXPORT-FORMAT.md): the last
 * line, {@code {"end":"peerstore-export","peers":N,"bans":M}} (version 2: no {@code bans}),
 * where N counts the peer lines and M the ban lines before it. A file cut at a line boundary
 * lacks it, or its counts disagree with the lines read, and is refused as incomplete. Stateless and thread-safe.
 */
final class ExportTrailer {
  private ExportTrailer() {}

  /** The field that makes a line the trailer. */
  static final String END = "end";

  /**
   * What a trailer counts.
   *
   * @param peers the peer lines
   * @param bans the ban lines (0 in a version 2 file)
   */
  record Counts(long peers, long bans) {}

  /** The trailer line of a file with {@code peers} peer lines and {@code bans} ban lines. */
  static String line(long peers, long bans) {
    ObjectNode t = ExportFormat.MAPPER.createObjectNode();
    t.put(END, ExportFormat.FORMAT);
    t.put("peers", peers);
    t.put("bans", bans);
    try {
      return ExportFormat.MAPPER.writeValueAsString(t);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree: " + e.getMessage(), e);
    }
  }

  /**
   * The counts of {@code line} if it is a trailer, or null if it is not one (no {@code end}
   * field: a peer or ban line).
   *
   * @param version the file's format version: from 3 on the trailer has a {@code bans} count
   * @throws SnapshotJson.BadLineException if it has an {@code end} field but is not a valid
   *     trailer
   */
  static Counts of(String line, long version) throws SnapshotJson.BadLineException {
    if (!line.contains("\"" + END + "\"")) {
      return null;
    }
    JsonNode t;
    try {
      t = ExportFormat.MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      return null; // not JSON: the peer line check reports it
    }
    if (t == null || !t.isObject() || !t.has(END)) {
      return null;
    }
    boolean withBans = version >= 3;
    JsonNode peers = t.get("peers");
    JsonNode bans = t.get("bans");
    if (!ExportFormat.FORMAT.equals(t.path(END).textValue()) || t.size() != (withBans ? 3 : 2)
        || !count(peers) || (withBans && !count(bans))) {
      throw new SnapshotJson.BadLineException("not a valid trailer line (expected {\"" + END
          + "\":\"" + ExportFormat.FORMAT + "\",\"peers\":N" + (withBans ? ",\"bans\":M" : "")
          + "})");
    }
    return new Counts(peers.asLong(), withBans ? bans.asLong() : 0);
  }

  private static boolean count(JsonNode n) {
    return n != null && n.isIntegralNumber() && n.canConvertToLong() && n.asLong() >= 0;
  }

  /**
   * Why a file of format {@code version} is incomplete, or null if it is not.
   *
   * @param announced the header's peer count, or -1 if it has none
   * @param peerLines how many peer lines were read (good or bad)
   * @param banLines how many ban lines were read (good or bad)
   * @param trailer the trailer's counts, or null if there was no trailer
   * @param lastLine the number of the last line read
   */
  static String incomplete(long version, long announced, long peerLines, long banLines,
      Counts trailer, long lastLine) {
    if (version >= 2) {
      if (trailer == null) {
        return "it ends after line " + lastLine + " without its trailer line: the file was cut"
            + " short (" + peerLines + " peer lines read"
            + (announced >= 0 ? ", the header announces " + announced : "") + ")";
      }
      if (trailer.peers() != peerLines) {
        return "its trailer counts " + trailer.peers() + " peer lines but " + peerLines
            + " were read: lines are missing or were added";
      }
      if (trailer.bans() != banLines) {
        return "its trailer counts " + trailer.bans() + " ban lines but " + banLines
            + " were read: lines are missing or were added";
      }
      return null;
    }
    if (announced >= 0 && peerLines < announced) {
      return "the header announces " + announced + " peers but only " + peerLines
          + " peer lines follow: the file was cut short";
    }
    return null;
  }
}
