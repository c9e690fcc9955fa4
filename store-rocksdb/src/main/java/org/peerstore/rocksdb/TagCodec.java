package org.peerstore.rocksdb;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.peerstore.PeerstoreException;
import org.peerstore.TagBook;
import org.peerstore.internal.PeerTags;
import org.peerstore.internal.TagEntry;
import org.peerstore.peer.PeerId;

/**
 * The keys and values of the {@code tags} column family (docs/STORAGE.md, "Tags"): one entry
 * per peer with tag state.
 *
 * <p>Key: {@code [len][peer id]} ({@link StoreKeys#peer}). Value: version byte {@code 0x01};
 * first seen, 8-byte big-endian epoch nanoseconds; a 2-byte tag count, then per tag (names
 * ascending, {@link String#compareTo}): a 2-byte name length, the UTF-8 name, a kind byte
 * ({@code 0} plain, {@code 1} expiring, {@code 2} decaying), the value as a 4-byte big-endian
 * signed int and, except for a plain tag, an 8-byte time (the expiry, or when a decaying value
 * was written); a 2-byte protection count, then per protection (ascending) a 2-byte length and
 * the UTF-8 name. Decoding is strict: anything this class would not have written is a
 * {@link CorruptValueException}. Stateless and thread-safe.
 */
final class TagCodec {
  /** The value format version this build writes and reads. */
  static final byte VERSION = 1;

  private TagCodec() {}

  /** The key of {@code peer}'s tag state. */
  static byte[] key(PeerId peer) {
    return StoreKeys.peer(peer.toBytes());
  }

  /** The value of {@code s}. */
  static byte[] value(PeerTags s) {
    int size = 1 + Long.BYTES + 2 + 2;
    byte[][] names = new byte[s.tags().size()][];
    int i = 0;
    for (Map.Entry<String, TagEntry> e : s.tags().entrySet()) {
      names[i] = e.getKey().getBytes(StandardCharsets.UTF_8);
      size += 2 + names[i].length + 1 + Integer.BYTES
          + (e.getValue().kind() == TagEntry.PLAIN ? 0 : Long.BYTES);
      i++;
    }
    byte[][] prots = new byte[s.protections().size()][];
    i = 0;
    for (String p : s.protections()) {
      prots[i] = p.getBytes(StandardCharsets.UTF_8);
      size += 2 + prots[i].length;
      i++;
    }
    ByteBuffer b = ByteBuffer.allocate(size).put(VERSION).putLong(s.firstSeen());
    b.putShort((short) names.length);
    i = 0;
    for (TagEntry e : s.tags().values()) {
      b.putShort((short) names[i].length).put(names[i]).put(e.kind()).putInt(e.value());
      if (e.kind() != TagEntry.PLAIN) {
        b.putLong(e.time());
      }
      i++;
    }
    b.putShort((short) prots.length);
    for (byte[] p : prots) {
      b.putShort((short) p.length).put(p);
    }
    return b.array();
  }

  /**
   * The peer of a key.
   *
   * @throws CorruptValueException if the key is not one {@link #key} writes
   */
  static PeerId decodeKey(byte[] key) throws CorruptValueException {
    byte[] id = StoreKeys.peerIdOf(key);
    if (key.length != 1 + id.length) {
      throw new CorruptValueException("tag key has " + (key.length - 1 - id.length)
          + " trailing bytes");
    }
    try {
      return PeerId.fromBytes(id);
    } catch (PeerstoreException e) {
      throw new CorruptValueException("tag key holds no valid peer id: " + e.getMessage(), e);
    }
  }

  /**
   * The tag state stored as {@code value}.
   *
   * @throws CorruptValueException if it is not exactly what {@link #value} writes: unknown
   *     version or kind, wrong lengths, names not UTF-8, too long, not ascending or too many,
   *     trailing bytes, or neither a tag nor a protection
   */
  static PeerTags decode(byte[] value) throws CorruptValueException {
    ByteBuffer b = ByteBuffer.wrap(value);
    try {
      byte version = b.get();
      if (version != VERSION) {
        throw new CorruptValueException("tag value has unknown format version " + version);
      }
      long firstSeen = b.getLong();
      int tagCount = b.getShort() & 0xffff;
      if (tagCount > TagBook.MAX_TAGS_PER_PEER) {
        throw new CorruptValueException("tag value holds " + tagCount + " tags");
      }
      TreeMap<String, TagEntry> tags = new TreeMap<>();
      String last = null;
      for (int i = 0; i < tagCount; i++) {
        String name = name(b);
        if (last != null && last.compareTo(name) >= 0) {
          throw new CorruptValueException("tag names are not strictly ascending");
        }
        last = name;
        byte kind = b.get();
        if (kind < TagEntry.PLAIN || kind > TagEntry.DECAYING) {
          throw new CorruptValueException("tag has unknown kind " + kind);
        }
        int v = b.getInt();
        long time = kind == TagEntry.PLAIN ? 0 : b.getLong();
        tags.put(name, new TagEntry(kind, v, time));
      }
      int protCount = b.getShort() & 0xffff;
      if (protCount > TagBook.MAX_PROTECTIONS_PER_PEER) {
        throw new CorruptValueException("tag value holds " + protCount + " protections");
      }
      TreeSet<String> prots = new TreeSet<>();
      last = null;
      for (int i = 0; i < protCount; i++) {
        String name = name(b);
        if (last != null && last.compareTo(name) >= 0) {
          throw new CorruptValueException("protection names are not strictly ascending");
        }
        last = name;
        prots.add(name);
      }
      if (b.hasRemaining()) {
        throw new CorruptValueException("tag value has " + b.remaining() + " trailing bytes");
      }
      if (tags.isEmpty() && prots.isEmpty()) {
        throw new CorruptValueException("tag value holds neither a tag nor a protection");
      }
      return new PeerTags(firstSeen, tags, prots);
    } catch (BufferUnderflowException e) {
      throw new CorruptValueException("tag value of " + value.length + " bytes is cut short", e);
    }
  }

  private static String name(ByteBuffer b) throws CorruptValueException {
    int len = b.getShort() & 0xffff;
    if (len > TagBook.MAX_TAG_BYTES) {
      throw new CorruptValueException("tag name of " + len + " bytes exceeds "
          + TagBook.MAX_TAG_BYTES);
    }
    if (len > b.remaining()) {
      throw new BufferUnderflowException();
    }
    ByteBuffer slice = b.slice(b.position(), len);
    b.position(b.position() + len);
    try {
      String s = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(slice).toString();
      // Java's decoder accepts what its encoder would not write (none known), so check both ways.
      if (!Arrays.equals(s.getBytes(StandardCharsets.UTF_8), bytes(slice.rewind()))) {
        throw new CorruptValueException("tag name is not canonical UTF-8");
      }
      return s;
    } catch (CharacterCodingException e) {
      throw new CorruptValueException("tag name is not UTF-8", e);
    }
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
