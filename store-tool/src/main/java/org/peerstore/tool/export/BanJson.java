package org.peerstore.tool.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import org.peerstore.Ban;
import org.peerstore.BanTarget;
import org.peerstore.PeerstoreException;
import org.peerstore.Subnet;
import org.peerstore.internal.BanRules;
import org.peerstore.peer.PeerId;

/**
 * One ban line of the export format and back (docs/EXPORT-FORMAT.md, format version 3):
 * {@code {"ban":"peer"|"ip"|"subnet","target":...,"reason":...,"created":...,"expires":...}},
 * with the creation time and the absolute expiry as ISO-8601 instants ({@code "never"}: a
 * permanent ban). Decoding checks every field, and the reason's bound.
 *
 * <p>Stateless and thread-safe.
 */
final class BanJson {
  private BanJson() {}

  /** The field that makes a line a ban line. */
  static final String BAN = "ban";
  private static final Set<String> FIELDS = Set.of(BAN, "target", "reason", "created",
      "expires");

  /** The JSON line (without line break) of {@code ban}. */
  static String toLine(Ban ban) {
    ObjectNode o = ExportFormat.MAPPER.createObjectNode();
    BanTarget t = ban.target();
    if (t instanceof BanTarget.PeerTarget p) {
      o.put(BAN, "peer").put("target", p.peer().toString());
    } else if (t instanceof BanTarget.IpTarget i) {
      o.put(BAN, "ip").put("target", i.toString().substring("ip ".length()));
    } else {
      o.put(BAN, "subnet").put("target", ((BanTarget.SubnetTarget) t).subnet().toString());
    }
    o.put("reason", ban.reason());
    o.put("created", ban.created().toString());
    o.put("expires", ban.expires().map(Instant::toString).orElse(SnapshotJson.NEVER));
    try {
      return ExportFormat.MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree: " + e.getMessage(), e);
    }
  }

  /**
   * Whether {@code line} is a ban line (a JSON object with a {@code ban} field), as opposed to
   * a peer line or the trailer. A line that is not JSON is not one (the peer line check reports
   * it).
   */
  static boolean isBanLine(String line) {
    if (!line.contains("\"" + BAN + "\"")) {
      return false;
    }
    try {
      JsonNode o = ExportFormat.MAPPER.readTree(line);
      return o != null && o.isObject() && o.has(BAN);
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  /**
   * The ban on a ban line.
   *
   * @throws SnapshotJson.BadLineException naming the field that is wrong and why
   */
  static Ban fromLine(String line) throws SnapshotJson.BadLineException {
    JsonNode o;
    try {
      o = ExportFormat.MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new SnapshotJson.BadLineException("not a JSON object: " + e.getOriginalMessage());
    }
    if (o == null || !o.isObject()) {
      throw new SnapshotJson.BadLineException("not a JSON object");
    }
    SnapshotJson.checkFields(o, FIELDS, "ban line");
    String kind = SnapshotJson.text(o, BAN, true);
    String text = SnapshotJson.text(o, "target", true);
    BanTarget target = switch (kind) {
      case "peer" -> {
        try {
          yield BanTarget.peer(PeerId.fromString(text));
        } catch (PeerstoreException e) {
          throw new SnapshotJson.BadLineException("target: " + e.getMessage());
        }
      }
      case "ip" -> BanTarget.ip(ip(text));
      case "subnet" -> {
        try {
          yield BanTarget.subnet(Subnet.parse(text));
        } catch (PeerstoreException | IllegalArgumentException e) {
          throw new SnapshotJson.BadLineException("target: " + e.getMessage());
        }
      }
      default -> throw new SnapshotJson.BadLineException(
          "ban: must be \"peer\", \"ip\" or \"subnet\", not \"" + kind + "\"");
    };
    String reason = SnapshotJson.text(o, "reason", true);
    try {
      BanRules.checkReason(reason);
    } catch (PeerstoreException | IllegalArgumentException e) {
      throw new SnapshotJson.BadLineException("reason: " + e.getMessage());
    }
    Instant created = instant(SnapshotJson.text(o, "created", true), "created");
    String expires = SnapshotJson.text(o, "expires", true);
    Optional<Instant> expiry = SnapshotJson.NEVER.equals(expires) ? Optional.empty()
        : Optional.of(instant(expires, "expires"));
    return new Ban(target, reason, created, expiry);
  }

  /** An IP address literal, through the subnet parser (which never resolves names). */
  private static InetAddress ip(String text) throws SnapshotJson.BadLineException {
    try {
      Subnet s = Subnet.parse(text + (text.indexOf(':') >= 0 ? "/128" : "/32"));
      if (s.prefixLength() == (s.isIpv6() ? 128 : 32)) {
        return s.network();
      }
    } catch (PeerstoreException | IllegalArgumentException e) {
      // reported below
    }
    throw new SnapshotJson.BadLineException("target: not an IP address literal: " + text);
  }

  private static Instant instant(String text, String field) throws SnapshotJson.BadLineException {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new SnapshotJson.BadLineException(field + ": not an ISO-8601 instant: " + text);
    }
  }
}
