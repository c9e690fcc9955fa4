package org.peerstore.tool.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.peerstore.PeerstoreException;
import org.peerstore.StoredTags;
import org.peerstore.internal.TagOps;
import org.peerstore.peer.PeerId;

/**
 * The optional {@code tags} field of a peer line (docs/EXPORT-FORMAT.md, "Tags"): the peer's
 * {@link StoredTags} as a JSON object, and back. A line without the field carries no tag state
 * (files written before it still import). Decoding checks every field and the bounds
 * {@code TagBook.restoreTags} checks (docs/CONTRACT.md §15). Stateless and thread-safe.
 */
final class TagJson {
  private TagJson() {}

  private static final Set<String> TAGS_FIELDS = Set.of("firstSeen", "tags", "protections");
  private static final Set<String> TAG_FIELDS = Set.of("name", "kind", "value", "time");

  /** Puts {@code t} as the {@code tags} field of {@code line}. */
  static void put(ObjectNode line, StoredTags t) {
    ObjectNode o = line.putObject("tags");
    o.put("firstSeen", t.firstSeen().toString());
    ArrayNode tags = o.putArray("tags");
    for (Map.Entry<String, StoredTags.Tag> e : t.tags().entrySet()) {
      ObjectNode g = tags.addObject();
      g.put("name", e.getKey());
      g.put("kind", e.getValue().kind().name().toLowerCase(Locale.ROOT));
      g.put("value", e.getValue().value());
      if (e.getValue().time() != null) {
        g.put("time", e.getValue().time().toString());
      }
    }
    ArrayNode protections = o.putArray("protections");
    t.protections().forEach(protections::add);
  }

  /**
   * The tag state on a peer line, or empty when it has no {@code tags} field.
   *
   * @throws SnapshotJson.BadLineException naming the field that is wrong
   */
  static Optional<StoredTags> of(String line) throws SnapshotJson.BadLineException {
    SnapshotJson.PeerField pf = SnapshotJson.peerField(line, "tags");
    if (pf == null) {
      return Optional.empty();
    }
    PeerId peer = pf.peer();
    JsonNode t = pf.value();
    SnapshotJson.checkFields(t, TAGS_FIELDS, "tags");
    Instant firstSeen = time(t.get("firstSeen"), "tags.firstSeen");
    TreeMap<String, StoredTags.Tag> tags = new TreeMap<>();
    JsonNode ts = t.get("tags");
    if (ts != null && !ts.isNull()) {
      if (!ts.isArray()) {
        throw bad("tags.tags: must be an array");
      }
      int i = 0;
      for (JsonNode g : ts) {
        String where = "tags.tags[" + i++ + "]";
        if (!g.isObject()) {
          throw bad(where + ": must be an object");
        }
        SnapshotJson.checkFields(g, TAG_FIELDS, where);
        JsonNode name = g.get("name");
        if (name == null || !name.isTextual()) {
          throw bad(where + ".name: must be a string");
        }
        JsonNode value = g.get("value");
        if (value == null || !value.isInt()) {
          throw bad(where + ".value: must be a 32-bit integer");
        }
        JsonNode kind = g.get("kind");
        StoredTags.Tag tag;
        String k = kind == null || !kind.isTextual() ? "" : kind.textValue();
        switch (k) {
          case "plain" -> {
            if (g.has("time")) {
              throw bad(where + ".time: a plain tag has no time");
            }
            tag = StoredTags.Tag.plain(value.intValue());
          }
          case "expiring" -> tag = StoredTags.Tag.expiring(value.intValue(),
              time(g.get("time"), where + ".time"));
          case "decaying" -> tag = StoredTags.Tag.decaying(value.intValue(),
              time(g.get("time"), where + ".time"));
          default -> throw bad(where + ".kind: must be plain, expiring or decaying");
        }
        if (tags.put(name.textValue(), tag) != null) {
          throw bad(where + ": tag '" + name.textValue() + "' listed twice");
        }
      }
    }
    TreeSet<String> protections = new TreeSet<>();
    JsonNode ps = t.get("protections");
    if (ps != null && !ps.isNull()) {
      if (!ps.isArray()) {
        throw bad("tags.protections: must be an array");
      }
      int i = 0;
      for (JsonNode p : ps) {
        String where = "tags.protections[" + i++ + "]";
        if (!p.isTextual()) {
          throw bad(where + ": must be a string");
        }
        if (!protections.add(p.textValue())) {
          throw bad(where + ": protection '" + p.textValue() + "' listed twice");
        }
      }
    }
    if (tags.isEmpty() && protections.isEmpty()) {
      throw bad("tags: holds no tag and no protection");
    }
    StoredTags st = new StoredTags(peer, firstSeen, tags, protections);
    try {
      TagOps.fromStored(st);
    } catch (IllegalArgumentException | PeerstoreException e) {
      // LimitExceededException for names and counts (docs/CONTRACT.md §15 bounds).
      throw bad("tags: " + e.getMessage());
    }
    return Optional.of(st);
  }

  private static Instant time(JsonNode v, String where) throws SnapshotJson.BadLineException {
    if (v == null || !v.isTextual()) {
      throw bad(where + ": must be an instant");
    }
    try {
      return Instant.parse(v.textValue());
    } catch (DateTimeParseException e) {
      throw bad(where + ": not an instant");
    }
  }

  private static SnapshotJson.BadLineException bad(String message) {
    return new SnapshotJson.BadLineException(message);
  }
}
