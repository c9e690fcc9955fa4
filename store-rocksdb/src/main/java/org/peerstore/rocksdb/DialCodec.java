package org.peerstore.rocksdb;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import org.peerstore.DialBook;
import org.peerstore.PeerstoreException;
import org.peerstore.internal.DialRecord;
import org.peerstore.internal.PeerDials;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

/**
 * The keys and values of the {@code dials} column family (docs/STORAGE.md, "Dial history").
 *
 * <p>Key: the framed peer id ({@link StoreKeys#peer}). Value: version byte {@code 0x01}, the
 * peer's record, one byte with the number of address records (at most
 * {@link DialBook#MAX_ADDRS_PER_PEER}), then each as a 2-byte big-endian length, the
 * multiaddr's binary form and its record. A record: first seen, last seen, last attempt, last
 * success, last failure as 8-byte big-endian signed epoch nanoseconds ({@code Long.MIN_VALUE}:
 * never), attempts (8 bytes, not negative), consecutive failures (4 bytes, not negative), and
 * the failure reason as a 2-byte length and UTF-8 bytes (at most
 * {@link DialBook#MAX_REASON_BYTES}). Decoding is strict: anything this class would not have
 * written is a {@link CorruptValueException}. Stateless and thread-safe.
 */
final class DialCodec {
  /** The value format version this build writes and reads. */
  static final byte VERSION = 1;
  private static final int RECORD_FIXED = 6 * Long.BYTES + Integer.BYTES + 2;

  private DialCodec() {}

  /** The key of {@code peer}'s history. */
  static byte[] key(PeerId peer) {
    return StoreKeys.peer(peer.toBytes());
  }

  /** The value of {@code d}. */
  static byte[] value(PeerDials d) {
    int size = 2 + recordSize(d.record());
    byte[][] addrs = new byte[d.addrs().size()][];
    int i = 0;
    for (var e : d.addrs().entrySet()) {
      addrs[i] = e.getKey().toBytes();
      size += 2 + addrs[i].length + recordSize(e.getValue());
      i++;
    }
    ByteBuffer b = ByteBuffer.allocate(size).put(VERSION);
    put(b, d.record());
    b.put((byte) addrs.length);
    i = 0;
    for (DialRecord r : d.addrs().values()) {
      b.putShort((short) addrs[i].length).put(addrs[i]);
      put(b, r);
      i++;
    }
    return b.array();
  }

  private static int recordSize(DialRecord r) {
    return RECORD_FIXED + r.reason().getBytes(StandardCharsets.UTF_8).length;
  }

  private static void put(ByteBuffer b, DialRecord r) {
    byte[] reason = r.reason().getBytes(StandardCharsets.UTF_8);
    b.putLong(r.firstSeen()).putLong(r.lastSeen()).putLong(r.lastAttempt())
        .putLong(r.lastSuccess()).putLong(r.lastFailure()).putLong(r.attempts())
        .putInt(r.failures()).putShort((short) reason.length).put(reason);
  }

  /**
   * The history stored as {@code key} and {@code value}.
   *
   * @throws CorruptValueException if either is not exactly what {@link #key} and
   *     {@link #value} write
   */
  static PeerDials decode(byte[] key, byte[] value) throws CorruptValueException {
    byte[] id = StoreKeys.peerIdOf(key);
    if (key.length != 1 + id.length) {
      throw new CorruptValueException("dial key has " + (key.length - 1 - id.length)
          + " bytes after the peer id");
    }
    PeerId peer;
    try {
      peer = PeerId.fromBytes(id);
    } catch (PeerstoreException | IllegalArgumentException e) {
      throw new CorruptValueException("dial key holds no valid peer id: " + e.getMessage(), e);
    }
    return decodeValue(peer, value);
  }

  /**
   * The history of {@code peer} stored as {@code value}.
   *
   * @throws CorruptValueException if {@code value} is not one {@link #value} writes
   */
  static PeerDials decodeValue(PeerId peer, byte[] value) throws CorruptValueException {
    ByteBuffer b = ByteBuffer.wrap(value);
    try {
      byte version = b.get();
      if (version != VERSION) {
        throw new CorruptValueException("dial value has unknown format version " + version);
      }
      DialRecord own = record(b);
      int n = b.get() & 0xff;
      if (n > DialBook.MAX_ADDRS_PER_PEER) {
        throw new CorruptValueException("dial value holds " + n + " addresses, more than "
            + DialBook.MAX_ADDRS_PER_PEER);
      }
      LinkedHashMap<Multiaddr, DialRecord> addrs = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        int len = b.getShort() & 0xffff;
        if (len == 0 || len > b.remaining()) {
          throw new CorruptValueException("dial address of " + len + " bytes does not fit");
        }
        byte[] a = new byte[len];
        b.get(a);
        Multiaddr addr;
        try {
          addr = Multiaddr.fromBytes(a);
        } catch (PeerstoreException | IllegalArgumentException e) {
          throw new CorruptValueException("dial address is not a multiaddr: " + e.getMessage(),
              e);
        }
        if (!java.util.Arrays.equals(addr.toBytes(), a)) {
          throw new CorruptValueException("dial address is not in canonical form");
        }
        if (addrs.put(addr, record(b)) != null) {
          throw new CorruptValueException("dial value holds an address twice");
        }
      }
      if (b.hasRemaining()) {
        throw new CorruptValueException("dial value has " + b.remaining() + " trailing bytes");
      }
      return PeerDials.of(peer, own, addrs);
    } catch (BufferUnderflowException e) {
      throw new CorruptValueException("dial value of " + value.length + " bytes is cut short",
          e);
    }
  }

  private static DialRecord record(ByteBuffer b) throws CorruptValueException {
    long first = b.getLong();
    long seen = b.getLong();
    long attempt = b.getLong();
    long success = b.getLong();
    long failure = b.getLong();
    long attempts = b.getLong();
    int failures = b.getInt();
    int len = b.getShort() & 0xffff;
    if (first == DialRecord.NONE || seen < first) {
      throw new CorruptValueException("dial record seen before it was first seen");
    }
    if (attempts < 0 || failures < 0) {
      throw new CorruptValueException("dial record has a negative count");
    }
    if (len > DialBook.MAX_REASON_BYTES) {
      throw new CorruptValueException("dial reason of " + len + " bytes exceeds "
          + DialBook.MAX_REASON_BYTES);
    }
    if (len > b.remaining()) {
      throw new BufferUnderflowException();
    }
    ByteBuffer r = b.slice(b.position(), len);
    b.position(b.position() + len);
    String reason;
    try {
      reason = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(r).toString();
    } catch (CharacterCodingException e) {
      throw new CorruptValueException("dial reason is not UTF-8", e);
    }
    return new DialRecord(first, seen, attempt, success, failure, reason, attempts, failures);
  }
}
