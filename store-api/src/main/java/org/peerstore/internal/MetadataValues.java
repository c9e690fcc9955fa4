package org.peerstore.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.peerstore.MetadataCodec;

/**
 * The metadata value codec (docs/CONTRACT.md §7): turns every accepted value into bytes and back,
 * so that both stores accept and return exactly the same things. The memory store keeps these
 * bytes too; the RocksDB store persists them unchanged.
 *
 * <p>Format: one tag byte, then the payload.
 *
 * <table>
 *   <caption>Tags</caption>
 *   <tr><th>tag</th><th>type</th><th>payload</th></tr>
 *   <tr><td>0x01</td><td>String</td><td>UTF-8</td></tr>
 *   <tr><td>0x02</td><td>Boolean</td><td>one byte, 0x00 false or 0x01 true</td></tr>
 *   <tr><td>0x03</td><td>Integer</td><td>4 bytes big-endian two's complement</td></tr>
 *   <tr><td>0x04</td><td>Long</td><td>8 bytes big-endian two's complement</td></tr>
 *   <tr><td>0x05</td><td>Double</td><td>8 bytes big-endian IEEE 754 (raw bits)</td></tr>
 *   <tr><td>0x06</td><td>byte[]</td><td>the bytes</td></tr>
 *   <tr><td>0x7f</td><td>registered type</td><td>2-byte big-endian length n, n bytes UTF-8
 *       type id, then the codec's bytes</td></tr>
 * </table>
 *
 * <p>Values of registered types are matched by exact class first, then by the first registered
 * type they are an instance of. Immutable and thread-safe (codecs must be thread-safe).
 */
public final class MetadataValues {

  /** Tag of a String value. */
  public static final byte TAG_STRING = 0x01;
  /** Tag of a Boolean value. */
  public static final byte TAG_BOOLEAN = 0x02;
  /** Tag of an Integer value. */
  public static final byte TAG_INTEGER = 0x03;
  /** Tag of a Long value. */
  public static final byte TAG_LONG = 0x04;
  /** Tag of a Double value. */
  public static final byte TAG_DOUBLE = 0x05;
  /** Tag of a byte[] value. */
  public static final byte TAG_BYTES = 0x06;
  /** Tag of a value of a registered type. */
  public static final byte TAG_CODEC = 0x7f;

  private static final Set<Class<?>> BUILT_INS =
      Set.of(String.class, Boolean.class, Integer.class, Long.class, Double.class, byte[].class);

  private final Map<String, Class<?>> typesById;
  private final Map<Class<?>, String> idsByType;
  private final Map<Class<?>, MetadataCodec<?>> codecs;

  /**
   * A codec for the built-in types plus the registered ones (as a {@code PeerstoreBuilder}
   * holds them).
   *
   * @param typeIds registered types by type id
   * @param codecs codecs by registered type; must have an entry for every type of
   *     {@code typeIds} and no other
   * @throws IllegalArgumentException if a registration is inconsistent, uses a built-in type, or
   *     a type id is empty or longer than 65535 UTF-8 bytes
   */
  public MetadataValues(Map<String, Class<?>> typeIds, Map<Class<?>, MetadataCodec<?>> codecs) {
    Objects.requireNonNull(typeIds, "typeIds");
    Objects.requireNonNull(codecs, "codecs");
    if (typeIds.size() != codecs.size()) {
      throw new IllegalArgumentException("metadata type ids and codecs do not match");
    }
    this.typesById = new LinkedHashMap<>();
    this.idsByType = new LinkedHashMap<>();
    this.codecs = new LinkedHashMap<>();
    for (Map.Entry<String, Class<?>> e : typeIds.entrySet()) {
      String id = e.getKey();
      Class<?> type = e.getValue();
      MetadataCodec<?> codec = codecs.get(type);
      if (codec == null || idsByType.containsKey(type)) {
        throw new IllegalArgumentException("no single codec registered for metadata type " + id);
      }
      if (isBuiltIn(type)) {
        throw new IllegalArgumentException("metadata type is built in: " + type.getName());
      }
      int len = id.getBytes(StandardCharsets.UTF_8).length;
      if (len == 0 || len > 0xffff) {
        throw new IllegalArgumentException("metadata type id must have 1 to 65535 bytes: " + id);
      }
      typesById.put(id, type);
      idsByType.put(type, id);
      this.codecs.put(type, codec);
    }
  }

  /** A codec for the built-in types only. */
  public static MetadataValues builtInsOnly() {
    return new MetadataValues(Map.of(), Map.of());
  }

  /** Whether {@code type} is one of the built-in value types. */
  public static boolean isBuiltIn(Class<?> type) {
    return BUILT_INS.contains(type);
  }

  /**
   * The encoding of {@code value} (a byte[] value is copied).
   *
   * @throws IllegalArgumentException if {@code value} is null or of an unsupported type, a
   *     String has an unpaired surrogate, or a codec returned null
   */
  public byte[] encode(Object value) {
    if (value == null) {
      throw new IllegalArgumentException("metadata value must not be null");
    }
    if (value instanceof String s) {
      return tagged(TAG_STRING, strictUtf8(s));
    }
    if (value instanceof Boolean b) {
      return new byte[] {TAG_BOOLEAN, (byte) (b ? 1 : 0)};
    }
    if (value instanceof Integer i) {
      return ByteBuffer.allocate(5).put(TAG_INTEGER).putInt(i).array();
    }
    if (value instanceof Long l) {
      return ByteBuffer.allocate(9).put(TAG_LONG).putLong(l).array();
    }
    if (value instanceof Double d) {
      return ByteBuffer.allocate(9).put(TAG_DOUBLE).putLong(Double.doubleToRawLongBits(d)).array();
    }
    if (value instanceof byte[] bytes) {
      return tagged(TAG_BYTES, bytes);
    }
    Class<?> type = registeredTypeOf(value);
    if (type == null) {
      throw new IllegalArgumentException(
          "unsupported metadata value type: " + value.getClass().getName());
    }
    byte[] payload = encodeWith(codecs.get(type), value);
    if (payload == null) {
      throw new IllegalArgumentException("metadata codec for " + type.getName() + " returned null");
    }
    byte[] id = idsByType.get(type).getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(3 + id.length + payload.length)
        .put(TAG_CODEC)
        .putShort((short) id.length)
        .put(id)
        .put(payload)
        .array();
  }

  /**
   * The value encoded in {@code bytes} (a byte[] value is a fresh copy).
   *
   * @throws IllegalArgumentException if the bytes are malformed or name a type id that has no
   *     registered codec, or the codec rejects its bytes
   */
  public Object decode(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length == 0) {
      throw new IllegalArgumentException("metadata value encoding is empty");
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
    switch (bytes[0]) {
      case TAG_STRING:
        return utf8(bytes, 1, bytes.length - 1, "metadata string");
      case TAG_BOOLEAN:
        checkLength(bytes, 2, "boolean");
        if (bytes[1] != 0 && bytes[1] != 1) {
          throw new IllegalArgumentException("metadata boolean byte must be 0 or 1: " + bytes[1]);
        }
        return bytes[1] == 1;
      case TAG_INTEGER:
        checkLength(bytes, 5, "integer");
        return buf.getInt();
      case TAG_LONG:
        checkLength(bytes, 9, "long");
        return buf.getLong();
      case TAG_DOUBLE:
        checkLength(bytes, 9, "double");
        return Double.longBitsToDouble(buf.getLong());
      case TAG_BYTES:
        return Arrays.copyOfRange(bytes, 1, bytes.length);
      case TAG_CODEC:
        return decodeRegistered(bytes);
      default:
        throw new IllegalArgumentException("unknown metadata value tag: " + bytes[0]);
    }
  }

  /**
   * Checks that {@code bytes} are a well-formed value encoding without needing the value's
   * codec: a built-in value is checked completely; a value of a registered type must be framed
   * correctly (type id length and UTF-8), and its payload goes through the codec only when
   * this instance knows the type id. A value of a type id unknown here is accepted as opaque
   * bytes, so that a tool without the application's codecs can still move or verify a store.
   *
   * @throws IllegalArgumentException naming what is wrong, if the bytes are malformed or a
   *     known codec rejects them
   * @throws NullPointerException if {@code bytes} is null
   */
  public void checkEncoding(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length > 0 && bytes[0] == TAG_CODEC) {
      String id = registeredTypeId(bytes);
      if (!typesById.containsKey(id)) {
        return;
      }
    }
    try {
      decode(bytes);
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      // A codec is application code: whatever it throws means it rejects the bytes.
      throw new IllegalArgumentException("metadata codec rejected the value: " + e, e);
    }
  }

  /**
   * The type id of an encoded value of a registered type.
   *
   * @throws IllegalArgumentException if the bytes are not a well-framed registered-type value
   */
  public static String registeredTypeId(byte[] bytes) {
    if (bytes.length < 3 || bytes[0] != TAG_CODEC) {
      throw new IllegalArgumentException("metadata value of a registered type is truncated");
    }
    int idLen = ((bytes[1] & 0xff) << 8) | (bytes[2] & 0xff);
    if (idLen == 0 || 3 + idLen > bytes.length) {
      throw new IllegalArgumentException("metadata type id length is invalid: " + idLen);
    }
    return utf8(bytes, 3, idLen, "metadata type id");
  }

  private Object decodeRegistered(byte[] bytes) {
    String id = registeredTypeId(bytes);
    int idLen = ((bytes[1] & 0xff) << 8) | (bytes[2] & 0xff);
    Class<?> type = typesById.get(id);
    if (type == null) {
      throw new IllegalArgumentException("no metadata codec registered for type id " + id);
    }
    byte[] payload = Arrays.copyOfRange(bytes, 3 + idLen, bytes.length);
    Object value = codecs.get(type).decode(payload);
    if (!type.isInstance(value)) {
      throw new IllegalArgumentException("metadata codec for " + id + " returned a wrong type");
    }
    return value;
  }

  private @Nullable Class<?> registeredTypeOf(Object value) {
    Class<?> exact = value.getClass();
    if (codecs.containsKey(exact)) {
      return exact;
    }
    for (Class<?> type : codecs.keySet()) {
      if (type.isInstance(value)) {
        return type;
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static byte[] encodeWith(MetadataCodec<?> codec, Object value) {
    return ((MetadataCodec<Object>) codec).encode(value);
  }

  private static byte[] tagged(byte tag, byte[] payload) {
    byte[] out = new byte[payload.length + 1];
    out[0] = tag;
    System.arraycopy(payload, 0, out, 1, payload.length);
    return out;
  }

  private static byte[] strictUtf8(String s) {
    try {
      ByteBuffer buf = StandardCharsets.UTF_8.newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(CharBuffer.wrap(s));
      return Arrays.copyOfRange(buf.array(), buf.arrayOffset() + buf.position(),
          buf.arrayOffset() + buf.limit());
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("metadata string has an unpaired surrogate", e);
    }
  }

  private static void checkLength(byte[] bytes, int expected, String what) {
    if (bytes.length != expected) {
      throw new IllegalArgumentException(
          "metadata " + what + " encoding must have " + expected + " bytes, has " + bytes.length);
    }
  }

  private static String utf8(byte[] bytes, int off, int len, String what) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, off, len))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(what + " is not valid UTF-8", e);
    }
  }
}
