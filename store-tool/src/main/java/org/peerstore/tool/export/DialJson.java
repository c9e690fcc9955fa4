package org.peerstore.tool.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.peerstore.DialEntry;
import org.peerstore.DialHistory;
import org.peerstore.PeerstoreException;
import org.peerstore.internal.DialRules;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

/**
 * The optional {@code dials} field of a peer line (docs/EXPORT-FORMAT.md, "Dial history"):
 * the peer's {@link DialHistory} as a JSON object, and back. A line without the field has no
 * dial history (files written before it still import). Decoding checks every field and the
 * history's bounds (docs/CONTRACT.md §16). Stateless and thread-safe.
 */
final class DialJson {
  private DialJson() {}

  private static final Base64.Encoder B64 = Base64.getEncoder();
  private static final Base64.Decoder B64D = Base64.getDecoder();
  private static final Set<String> DIALS_FIELDS = Set.of("entry", "addrs");
  private static final Set<String> ENTRY_FIELDS = Set.of("firstSeen", "lastSeen", "lastAttempt",
      "lastSuccess", "lastFailure", "reason", "attempts", "consecutiveFailures", "addr", "text");

  /** Puts {@code h} as the {@code dials} field of {@code line}. */
  static void put(ObjectNode line, DialHistory h) {
    ObjectNode d = line.putObject("dials");
    entry(d.putObject("entry"), h.entry());
    ArrayNode addrs = d.putArray("addrs");
    for (Map.Entry<Multiaddr, DialEntry> e : h.addrs().entrySet()) {
      ObjectNode a = addrs.addObject();
      a.put("addr", B64.encodeToString(e.getKey().toBytes()));
      a.put("text", e.getKey().toString());
      entry(a, e.getValue());
    }
  }

  private static void entry(ObjectNode o, DialEntry e) {
    o.put("firstSeen", e.firstSeen().toString());
    o.put("lastSeen", e.lastSeen().toString());
    e.lastAttempt().ifPresent(t -> o.put("lastAttempt", t.toString()));
    e.lastSuccess().ifPresent(t -> o.put("lastSuccess", t.toString()));
    e.lastFailure().ifPresent(t -> o.put("lastFailure", t.toString()));
    o.put("reason", e.lastFailureReason());
    o.put("attempts", e.attempts());
    o.put("consecutiveFailures", e.consecutiveFailures());
  }

  /**
   * The dial history on a peer line, or empty when it has no {@code dials} field.
   *
   * @throws SnapshotJson.BadLineException naming what is wrong
   */
  static Optional<DialHistory> of(String line) throws SnapshotJson.BadLineException {
    SnapshotJson.PeerField pf = SnapshotJson.peerField(line, "dials");
    if (pf == null) {
      return Optional.empty();
    }
    PeerId peer = pf.peer();
    JsonNode d = pf.value();
    SnapshotJson.checkFields(d, DIALS_FIELDS, "dials");
    JsonNode entryNode = d.get("entry");
    if (entryNode == null || !entryNode.isObject()) {
      throw bad("dials.entry: must be an object");
    }
    DialEntry entry = entry(entryNode, "dials.entry");
    LinkedHashMap<Multiaddr, DialEntry> addrs = new LinkedHashMap<>();
    JsonNode as = d.get("addrs");
    if (as != null && !as.isNull()) {
      if (!as.isArray()) {
        throw bad("dials.addrs: must be an array");
      }
      int i = 0;
      for (JsonNode a : as) {
        String where = "dials.addrs[" + i++ + "]";
        if (!a.isObject()) {
          throw bad(where + ": must be an object");
        }
        JsonNode b = a.get("addr");
        Multiaddr addr;
        try {
          addr = Multiaddr.fromBytes(B64D.decode(b == null ? "" : b.asText()));
        } catch (PeerstoreException | IllegalArgumentException e) {
          throw bad(where + ".addr: not a base64 multiaddr: " + e.getMessage());
        }
        if (addrs.put(addr, entry(a, where)) != null) {
          throw bad(where + ": address listed twice");
        }
      }
    }
    DialHistory h = new DialHistory(peer, entry, java.util.Collections.unmodifiableMap(addrs));
    try {
      DialRules.fromHistory(h);
    } catch (IllegalArgumentException e) {
      throw bad("dials: " + e.getMessage());
    }
    return Optional.of(h);
  }

  private static DialEntry entry(JsonNode o, String where) throws SnapshotJson.BadLineException {
    SnapshotJson.checkFields(o, ENTRY_FIELDS, where);
    JsonNode attempts = o.get("attempts");
    JsonNode failures = o.get("consecutiveFailures");
    if (attempts == null || !attempts.canConvertToLong() || failures == null
        || !failures.canConvertToInt()) {
      throw bad(where + ": attempts and consecutiveFailures must be integers");
    }
    JsonNode reason = o.get("reason");
    if (reason != null && !reason.isTextual()) {
      throw bad(where + ".reason: must be a string");
    }
    Instant first = time(o, "firstSeen", where).orElseThrow(
        () -> bad(where + ".firstSeen: missing"));
    Instant seen = time(o, "lastSeen", where).orElseThrow(
        () -> bad(where + ".lastSeen: missing"));
    return new DialEntry(first, seen, time(o, "lastAttempt", where),
        time(o, "lastSuccess", where), time(o, "lastFailure", where),
        reason == null ? "" : reason.textValue(), attempts.longValue(), failures.intValue(),
        Optional.empty());
  }

  private static Optional<Instant> time(JsonNode o, String field, String where)
      throws SnapshotJson.BadLineException {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(v.asText()));
    } catch (DateTimeParseException e) {
      throw bad(where + "." + field + ": not an instant");
    }
  }

  private static SnapshotJson.BadLineException bad(String message) {
    return new SnapshotJson.BadLineException(message);
  }
}
