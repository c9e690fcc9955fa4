package org.peerstore.tool.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.peerstore.PeerSnapshot;
import org.peerstore.PeerstoreException;
import org.peerstore.crypto.Keys;
import org.peerstore.crypto.PrivKey;
import org.peerstore.crypto.PubKey;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;
import org.peerstore.rocksdb.EncryptedPrivKey;
import org.peerstore.rocksdb.EncryptedSnapshot;

/**
 * One peer line of the export format and back (docs/EXPORT-FORMAT.md): a {@link PeerSnapshot}
 * (with a private key stored encrypted carried as is, {@link EncryptedSnapshot}) as a JSON
 * object with base64 binary fields, absolute expiries and exact ttls. Decoding checks every
 * field and the snapshot's own rules (records are parsed and their signatures verified by
 * {@link Envelope#open}; keys must be the peer's).
 *
 * <p>Stateless and thread-safe.
 */
final class SnapshotJson {
  private SnapshotJson() {}

  private static final Base64.Encoder B64 = Base64.getEncoder();
  private static final Base64.Decoder B64D = Base64.getDecoder();
  private static final Set<String> PEER_FIELDS = Set.of("peer", "addrs", "record", "publicKey",
      "privateKey", "privateKeyEncrypted", "protocols", "metadata", "dials",
      "tags");
  private static final Set<String> ADDR_FIELDS = Set.of("addr", "text", "ttlNanos", "expiry");
  /** The {@code expiry} text of an address that never expires. */
  static final String NEVER = "never";

  /** A line that is not a valid peer line; the message says which field is wrong and why. */
  static final class BadLineException extends Exception {
    private static final long serialVersionUID = 1L;

    BadLineException(String message) {
      super(message);
    }
  }

  /** The JSON line (without line break) of {@code s}. */
  static String toLine(PeerSnapshot s) {
    return toLine(new EncryptedSnapshot(s, null));
  }

  /**
   * The JSON line (without line break) of {@code es}: its books, and its encrypted private key
   * (if any) as {@code privateKeyEncrypted}, the stored bytes unchanged.
   */
  static String toLine(EncryptedSnapshot es) {
    return toLine(es, null);
  }

  /** {@link #toLine(EncryptedSnapshot)} with {@code dials} (may be null) as its dials field. */
  static String toLine(EncryptedSnapshot es, org.peerstore.DialHistory dials) {
    return toLine(es, dials, null);
  }

  /**
   * {@link #toLine(EncryptedSnapshot)} with {@code dials} and {@code tags} (each may be null)
   * as its dials and tags fields.
   */
  static String toLine(EncryptedSnapshot es, org.peerstore.DialHistory dials,
      org.peerstore.StoredTags tags) {
    PeerSnapshot s = es.books();
    ObjectNode o = ExportFormat.MAPPER.createObjectNode();
    o.put("peer", s.peer().toString());
    ArrayNode addrs = o.putArray("addrs");
    for (PeerSnapshot.Addr a : s.addrs()) {
      ObjectNode e = addrs.addObject();
      e.put("addr", B64.encodeToString(a.addr().toBytes()));
      e.put("text", a.addr().toString());
      e.put("ttlNanos", a.ttlNanos());
      e.put("expiry", a.expiry().equals(PeerSnapshot.NEVER) ? NEVER : a.expiry().toString());
    }
    if (s.record() != null) {
      o.put("record", B64.encodeToString(s.record().marshal()));
    }
    if (s.pubKey() != null) {
      o.put("publicKey", B64.encodeToString(s.pubKey().marshal()));
    }
    if (s.privKey() != null) {
      o.put("privateKey", B64.encodeToString(s.privKey().marshal()));
    }
    if (es.encryptedPrivKey() != null) {
      o.put("privateKeyEncrypted", B64.encodeToString(es.encryptedPrivKey().toBytes()));
    }
    ArrayNode protocols = o.putArray("protocols");
    s.protocols().forEach(protocols::add);
    ObjectNode metadata = o.putObject("metadata");
    s.metadata().forEach((k, v) -> metadata.put(k, B64.encodeToString(v)));
    if (dials != null) {
      DialJson.put(o, dials);
    }
    if (tags != null) {
      TagJson.put(o, tags);
    }
    try {
      return ExportFormat.MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree: " + e.getMessage(), e);
    }
  }

  /**
   * The snapshot on a peer line, with its encrypted private key if the line has one.
   *
   * @throws BadLineException naming what is wrong
   */
  static EncryptedSnapshot fromLine(String line) throws BadLineException {
    JsonNode o;
    try {
      o = ExportFormat.MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new BadLineException("not a JSON object: " + e.getOriginalMessage());
    }
    if (o == null || !o.isObject()) {
      throw new BadLineException("not a JSON object");
    }
    checkFields(o, PEER_FIELDS, "peer line");
    PeerId peer;
    try {
      peer = PeerId.fromString(text(o, "peer", true));
    } catch (PeerstoreException e) {
      throw new BadLineException("peer: " + e.getMessage());
    }
    try {
      List<PeerSnapshot.Addr> addrs = new ArrayList<>();
      int i = 0;
      for (JsonNode a : array(o, "addrs")) {
        addrs.add(addr(a, "addrs[" + i++ + "]"));
      }
      Envelope record = null;
      if (o.has("record")) {
        byte[] bytes = base64(o, "record");
        try {
          record = Envelope.open(bytes);
        } catch (PeerstoreException e) {
          throw new BadLineException("record: " + e.getMessage());
        }
      }
      PubKey pub = null;
      if (o.has("publicKey")) {
        try {
          pub = Keys.unmarshalPublicKey(base64(o, "publicKey"));
        } catch (PeerstoreException e) {
          throw new BadLineException("publicKey: " + e.getMessage());
        }
      }
      PrivKey priv = null;
      if (o.has("privateKey")) {
        try {
          priv = Keys.unmarshalPrivateKey(base64(o, "privateKey"));
        } catch (PeerstoreException e) {
          // The parser's message may quote key material: name only the failure's kind.
          throw new BadLineException("privateKey: not a valid private key ("
              + e.getClass().getSimpleName() + ")");
        }
      }
      EncryptedPrivKey encrypted = null;
      if (o.has("privateKeyEncrypted")) {
        if (priv != null) {
          throw new BadLineException("privateKey and privateKeyEncrypted: a line holds one"
              + " private key at most");
        }
        try {
          encrypted = EncryptedPrivKey.fromBytes(base64(o, "privateKeyEncrypted"));
        } catch (PeerstoreException e) {
          throw new BadLineException("privateKeyEncrypted: " + e.getMessage());
        }
      }
      Set<String> protocols = new LinkedHashSet<>();
      for (JsonNode p : array(o, "protocols")) {
        if (!p.isTextual()) {
          throw new BadLineException("protocols: every protocol must be a string");
        }
        if (!protocols.add(p.textValue())) {
          throw new BadLineException("protocols: " + p.textValue() + " occurs twice");
        }
      }
      Map<String, byte[]> metadata = new LinkedHashMap<>();
      JsonNode md = o.get("metadata");
      if (md != null && !md.isNull()) {
        if (!md.isObject()) {
          throw new BadLineException("metadata: must be an object");
        }
        for (Map.Entry<String, JsonNode> e : md.properties()) {
          metadata.put(e.getKey(), base64(md, e.getKey(), "metadata." + e.getKey()));
        }
      }
      return new EncryptedSnapshot(
          new PeerSnapshot(peer, addrs, record, pub, priv, protocols, metadata), encrypted);
    } catch (PeerstoreException | IllegalArgumentException e) {
      throw new BadLineException("peer " + peer + ": " + e.getMessage());
    }
  }

  private static PeerSnapshot.Addr addr(JsonNode a, String where) throws BadLineException {
    if (!a.isObject()) {
      throw new BadLineException(where + ": must be an object");
    }
    checkFields(a, ADDR_FIELDS, where);
    Multiaddr addr;
    try {
      addr = Multiaddr.fromBytes(base64(a, "addr", where + ".addr"));
    } catch (PeerstoreException e) {
      throw new BadLineException(where + ".addr: " + e.getMessage());
    }
    JsonNode ttl = a.get("ttlNanos");
    if (ttl == null || !ttl.isIntegralNumber() || !ttl.canConvertToLong() || ttl.longValue() <= 0) {
      throw new BadLineException(where + ".ttlNanos: must be a positive 64-bit integer");
    }
    String expiryText = text(a, "expiry", true);
    Instant expiry;
    if (NEVER.equals(expiryText)) {
      expiry = PeerSnapshot.NEVER;
    } else {
      try {
        expiry = Instant.parse(expiryText);
      } catch (DateTimeParseException e) {
        throw new BadLineException(where + ".expiry: not an ISO-8601 instant or \"never\": "
            + expiryText);
      }
    }
    return new PeerSnapshot.Addr(addr, Duration.ofNanos(ttl.longValue()), expiry);
  }

  /**
   * A book field of a peer line beside its peer ({@code dials}, {@code tags}).
   *
   * @param peer the line's peer
   * @param value the field, a JSON object
   */
  record PeerField(PeerId peer, JsonNode value) {}

  /**
   * The {@code field} of a peer line with the line's peer, or null when the line has no such
   * field (or it is JSON null).
   *
   * @throws BadLineException if the line is not JSON, its peer is not a peer id, or the field is
   *     not an object
   */
  static PeerField peerField(String line, String field) throws BadLineException {
    JsonNode o;
    try {
      o = ExportFormat.MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new BadLineException("not a JSON object: " + e.getOriginalMessage());
    }
    JsonNode v = o == null ? null : o.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    PeerId peer;
    try {
      peer = PeerId.fromString(o.get("peer").textValue());
    } catch (PeerstoreException | NullPointerException e) {
      throw new BadLineException("peer: not a peer id");
    }
    if (!v.isObject()) {
      throw new BadLineException(field + ": must be an object");
    }
    return new PeerField(peer, v);
  }

  static void checkFields(JsonNode o, Set<String> known, String where)
      throws BadLineException {
    for (Map.Entry<String, JsonNode> field : o.properties()) {
      String name = field.getKey();
      if (!known.contains(name)) {
        throw new BadLineException(where + ": unknown field \"" + name + "\"");
      }
    }
  }

  static String text(JsonNode o, String field, boolean required) throws BadLineException {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new BadLineException(field + ": missing");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw new BadLineException(field + ": must be a string");
    }
    return v.textValue();
  }

  private static Iterable<JsonNode> array(JsonNode o, String field) throws BadLineException {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw new BadLineException(field + ": must be an array");
    }
    return v;
  }

  private static byte[] base64(JsonNode o, String field) throws BadLineException {
    return base64(o, field, field);
  }

  private static byte[] base64(JsonNode o, String field, String where) throws BadLineException {
    JsonNode v = o.get(field);
    if (v == null || !v.isTextual()) {
      throw new BadLineException(where + ": must be a base64 string");
    }
    try {
      return B64D.decode(v.textValue());
    } catch (IllegalArgumentException e) {
      throw new BadLineException(where + ": not valid base64: " + e.getMessage());
    }
  }
}
