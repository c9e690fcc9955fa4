package org.peerstore.tool.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The trailer line of an export file (format version 2 on, docs/EXPORT-FORMAT.md): the last
 * line, {@code {"end":"peerstore-export","peers":N}}, where N counts the peer lines before it.
 * A file cut at a line boundary lacks it, or its count disagrees with the lines read, and is
 * refused as incomplete. Stateless and thread-safe.
 */
final class ExportTrailer {
  private ExportTrailer() {}

  /** The field that makes a line the trailer. */
  static final String END = "end";

  /** The trailer line of a file with {@code peers} peer lines. */
  static String line(long peers) {
    ObjectNode t = ExportFormat.MAPPER.createObjectNode();
    t.put(END, ExportFormat.FORMAT);
    t.put("peers", peers);
    try {
      return ExportFormat.MAPPER.writeValueAsString(t);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree: " + e.getMessage(), e);
    }
  }

  /**
   * The peer count of {@code line} if it is a trailer, or -1 if it is not one (no {@code end}
   * field: a peer line).
   *
   * @throws SnapshotJson.BadLineException if it has an {@code end} field but is not a valid
   *     trailer
   */
  static long peersOf(String line) throws SnapshotJson.BadLineException {
    if (!line.contains("\"" + END + "\"")) {
      return -1;
    }
    JsonNode t;
    try {
      t = ExportFormat.MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      return -1; // not JSON: the peer line check reports it
    }
    if (t == null || !t.isObject() || !t.has(END)) {
      return -1;
    }
    JsonNode peers = t.get("peers");
    if (!ExportFormat.FORMAT.equals(t.path(END).textValue()) || t.size() != 2 || peers == null
        || !peers.isIntegralNumber() || !peers.canConvertToLong() || peers.asLong() < 0) {
      throw new SnapshotJson.BadLineException("not a valid trailer line (expected {\"" + END
          + "\":\"" + ExportFormat.FORMAT + "\",\"peers\":N})");
    }
    return peers.asLong();
  }

  /**
   * Why a file of format {@code version} is incomplete, or null if it is not.
   *
   * @param announced the header's peer count, or -1 if it has none
   * @param peerLines how many peer lines were read (good or bad)
   * @param trailerPeers the trailer's count, or -1 if there was no trailer
   * @param lastLine the number of the last line read
   */
  static String incomplete(long version, long announced, long peerLines, long trailerPeers,
      long lastLine) {
    if (version >= 2) {
      if (trailerPeers < 0) {
        return "it ends after line " + lastLine + " without its trailer line: the file was cut"
            + " short (" + peerLines + " peer lines read"
            + (announced >= 0 ? ", the header announces " + announced : "") + ")";
      }
      if (trailerPeers != peerLines) {
        return "its trailer counts " + trailerPeers + " peer lines but " + peerLines
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
