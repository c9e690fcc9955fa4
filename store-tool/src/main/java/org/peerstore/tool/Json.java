package org.peerstore.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;

/**
 * The {@code --json} output of the commands: JSON lines, one compact object per line, each with
 * a {@code "type"} naming what it is ({@code "problem"}, {@code "summary"}, ...), so that a
 * command reporting many items can be read line by line. Stateless and thread-safe (Jackson's
 * mapper is, once configured).
 */
final class Json {
  private Json() {}

  /** The mapper of every line; records become objects of their components. */
  static final JsonMapper MAPPER = JsonMapper.builder().build();

  /** A new object whose {@code "type"} is {@code type}. */
  static ObjectNode object(String type) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("type", type);
    return o;
  }

  /** {@code value} (a record) as an object whose {@code "type"} is {@code type}. */
  static ObjectNode of(String type, Object value) {
    ObjectNode o = object(type);
    o.setAll((ObjectNode) MAPPER.valueToTree(value));
    return o;
  }

  /** Writes {@code node} to {@code out} as one line. */
  static void line(PrintWriter out, JsonNode node) {
    try {
      out.println(MAPPER.writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree failed to serialize", e); // cannot happen
    }
  }
}
