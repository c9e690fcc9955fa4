package org.peerstore.addrbook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * CometBFT's {@code addrbook.json} (docs/ADDRBOOK.md, "addrbook.json"): {@link #read} parses
 * the current form ({@code key}, {@code addrs[]} of {@code addr}, {@code src}, {@code buckets},
 * {@code attempts}, {@code bucket_type}, {@code last_attempt}, {@code last_success},
 * {@code last_ban_time}) and the older capitalised one ({@code Key}, {@code Addrs},
 * {@code LastAttempt}...): field names match as Go's decoder matches them, ignoring case, and
 * here also underscores. {@link #write} writes what CometBFT's {@code json.MarshalIndent(.., "",
 * "\t")} writes, times as RFC 3339 with nanoseconds in UTC.
 *
 * <p>Stateless and thread-safe.
 */
public final class AddrBookJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AddrBookJson() {}

  /**
   * Reads and checks a whole file; nothing is returned unless every entry is valid.
   *
   * @throws MalformedAddrBookException naming the first bad entry and field
   * @throws UncheckedIOException if {@code in} could not be read
   */
  public static AddrBookFile read(InputStream in) {
    JsonNode root;
    try {
      root = MAPPER.readTree(in);
    } catch (JsonProcessingException e) {
      throw new MalformedAddrBookException(-1, "(json)", "not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (root == null || !root.isObject()) {
      throw new MalformedAddrBookException(-1, "(json)", "not a JSON object");
    }
    Map<String, JsonNode> top = fields(root);
    JsonNode key = top.get("key");
    if (key == null || !key.isTextual() || key.asText().isEmpty()) {
      throw new MalformedAddrBookException(-1, "key", "missing or not a non-empty string");
    }
    JsonNode addrs = top.get("addrs");
    List<KnownAddress> out = new ArrayList<>();
    if (addrs != null && !addrs.isNull()) {
      if (!addrs.isArray()) {
        throw new MalformedAddrBookException(-1, "addrs", "not an array");
      }
      for (int i = 0; i < addrs.size(); i++) {
        out.add(entry(i, addrs.get(i)));
      }
    }
    return new AddrBookFile(key.asText(), out);
  }

  private static Map<String, JsonNode> fields(JsonNode object) {
    Map<String, JsonNode> m = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      m.put(e.getKey().replace("_", "").toLowerCase(Locale.ROOT), e.getValue());
    }
    return m;
  }

  private static KnownAddress entry(int i, JsonNode node) {
    if (!node.isObject()) {
      throw new MalformedAddrBookException(i, "(entry)", "not an object");
    }
    Map<String, JsonNode> f = fields(node);
    NetAddress addr = netAddress(i, "addr", f.get("addr"));
    NetAddress src = netAddress(i, "src", f.get("src"));
    int typeCode = (int) integer(i, "bucket_type", f.get("buckettype"), 0, 255, true);
    BucketType type;
    try {
      type = BucketType.ofCode(typeCode);
    } catch (IllegalArgumentException e) {
      throw new MalformedAddrBookException(i, "bucket_type", e.getMessage());
    }
    List<Integer> buckets = new ArrayList<>();
    JsonNode b = f.get("buckets");
    if (b != null && !b.isNull()) {
      if (!b.isArray()) {
        throw new MalformedAddrBookException(i, "buckets", "not an array");
      }
      for (JsonNode x : b) {
        buckets.add((int) integer(i, "buckets", x, 0, Integer.MAX_VALUE, true));
      }
    }
    int attempts = (int) integer(i, "attempts", f.get("attempts"), Integer.MIN_VALUE,
        Integer.MAX_VALUE, false);
    KnownAddress ka = new KnownAddress(addr, src, type, buckets, attempts,
        time(i, "last_attempt", f.get("lastattempt")),
        time(i, "last_success", f.get("lastsuccess")),
        time(i, "last_ban_time", f.get("lastbantime")));
    StoredAddressBook.checkPlacement(i, ka);
    return ka;
  }

  private static NetAddress netAddress(int i, String field, @Nullable JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new MalformedAddrBookException(i, field, "missing or not an object");
    }
    Map<String, JsonNode> f = fields(node);
    JsonNode id = f.get("id");
    if (id == null || !id.isTextual()) {
      throw new MalformedAddrBookException(i, field + ".id", "missing or not a string");
    }
    JsonNode ip = f.get("ip");
    if (ip == null || !ip.isTextual()) {
      throw new MalformedAddrBookException(i, field + ".ip", "missing or not a string");
    }
    int port = (int) integer(i, field + ".port", f.get("port"), 0, 0xffff, true);
    try {
      NetAddress.checkId(id.asText());
    } catch (IllegalArgumentException e) {
      throw new MalformedAddrBookException(i, field + ".id", e.getMessage());
    }
    try {
      return new NetAddress(id.asText(), NetAddress.parseIp(ip.asText()), port);
    } catch (IllegalArgumentException e) {
      throw new MalformedAddrBookException(i, field + ".ip", e.getMessage());
    }
  }

  private static long integer(int i, String field, @Nullable JsonNode node, long min, long max,
      boolean required) {
    if (node == null || node.isNull()) {
      if (required) {
        throw new MalformedAddrBookException(i, field, "missing");
      }
      return 0;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < min
        || node.asLong() > max) {
      throw new MalformedAddrBookException(i, field, "not an integer in " + min + ".." + max
          + ": " + node);
    }
    return node.asLong();
  }

  private static Instant time(int i, String field, @Nullable JsonNode node) {
    if (node == null || node.isNull()) {
      return KnownAddress.ZERO_TIME; // Go leaves a missing time zero
    }
    if (!node.isTextual()) {
      throw new MalformedAddrBookException(i, field, "not an RFC 3339 string: " + node);
    }
    try {
      return OffsetDateTime.parse(node.asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .toInstant();
    } catch (DateTimeException e) {
      throw new MalformedAddrBookException(i, field, "not an RFC 3339 time: " + node.asText());
    }
  }

  /**
   * Writes {@code file} as CometBFT does (tab-indented, fields in CometBFT's order, UTF-8).
   *
   * @throws UncheckedIOException if {@code out} could not be written
   */
  public static void write(AddrBookFile file, OutputStream out) {
    try {
      out.write(toJson(file).getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text {@link #write} writes. */
  public static String toJson(AddrBookFile file) {
    StringBuilder sb = new StringBuilder();
    sb.append("{\n\t\"key\": ").append(str(file.key())).append(",\n\t\"addrs\": ");
    if (file.addrs().isEmpty()) {
      sb.append("[]");
    } else {
      sb.append("[\n");
      for (int i = 0; i < file.addrs().size(); i++) {
        KnownAddress ka = file.addrs().get(i);
        sb.append("\t\t{\n");
        addr(sb, "addr", ka.addr());
        addr(sb, "src", ka.src());
        sb.append("\t\t\t\"buckets\": ");
        if (ka.buckets().isEmpty()) {
          sb.append("null");
        } else {
          sb.append("[\n");
          for (int j = 0; j < ka.buckets().size(); j++) {
            sb.append("\t\t\t\t").append(ka.buckets().get(j))
                .append(j + 1 < ka.buckets().size() ? ",\n" : "\n");
          }
          sb.append("\t\t\t]");
        }
        sb.append(",\n\t\t\t\"attempts\": ").append(ka.attempts())
            .append(",\n\t\t\t\"bucket_type\": ").append(ka.type().code())
            .append(",\n\t\t\t\"last_attempt\": ").append(str(rfc3339(ka.lastAttempt())))
            .append(",\n\t\t\t\"last_success\": ").append(str(rfc3339(ka.lastSuccess())))
            .append(",\n\t\t\t\"last_ban_time\": ").append(str(rfc3339(ka.lastBanTime())))
            .append("\n\t\t}").append(i + 1 < file.addrs().size() ? ",\n" : "\n");
      }
      sb.append("\t]");
    }
    return sb.append("\n}").toString();
  }

  private static void addr(StringBuilder sb, String name, NetAddress a) {
    sb.append("\t\t\t\"").append(name).append("\": {\n")
        .append("\t\t\t\t\"id\": ").append(str(a.id())).append(",\n")
        .append("\t\t\t\t\"ip\": ").append(str(a.ipText())).append(",\n")
        .append("\t\t\t\t\"port\": ").append(a.port()).append("\n\t\t\t},\n");
  }

  /** Go's RFC3339Nano in UTC: the fraction without trailing zeros, none if zero. */
  static String rfc3339(Instant t) {
    OffsetDateTime d = t.atOffset(ZoneOffset.UTC);
    StringBuilder sb = new StringBuilder(
        String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d", d.getYear(),
            d.getMonthValue(), d.getDayOfMonth(), d.getHour(), d.getMinute(), d.getSecond()));
    if (d.getNano() != 0) {
      String frac = String.format(Locale.ROOT, "%09d", d.getNano()).replaceAll("0+$", "");
      sb.append('.').append(frac);
    }
    return sb.append('Z').toString();
  }

  /** A JSON string as Go writes it (also escaping {@code < > &}). */
  private static String str(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
