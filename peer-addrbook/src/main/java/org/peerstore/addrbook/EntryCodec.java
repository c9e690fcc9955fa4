package org.peerstore.addrbook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of one stored entry, format version 1 (docs/ADDRBOOK.md, "Stored format"): version,
 * kind (0 removed, 1 new, 2 old, 3 banned while new, 4 banned while old), then for every kind but removed: the address and
 * source (20-byte id, IP length 4 or 16, IP, big-endian u16 port), attempts (i32), last
 * attempt, last success and last ban time (each i64 epoch seconds and i32 nanoseconds), the
 * bucket count (u8) and the buckets (u16 each). Big-endian; nothing follows.
 */
final class EntryCodec {
  private EntryCodec() {}

  static final byte VERSION = 1;
  static final byte REMOVED = 0;
  static final byte NEW = 1;
  static final byte OLD = 2;
  static final byte BANNED_NEW = 3;
  static final byte BANNED_OLD = 4;

  /** Whether {@code kind} is a banned address held for reinstatement. */
  static boolean banned(byte kind) {
    return kind == BANNED_NEW || kind == BANNED_OLD;
  }

  /** A decoded entry: the kind and (except for a removal) the address. */
  record Entry(byte kind, KnownAddress address) {}

  /** The tombstone of a removed address. */
  static byte[] removed() {
    return new byte[] {VERSION, REMOVED};
  }

  static byte[] encode(KnownAddress ka, boolean banned) {
    ByteBuffer b = ByteBuffer.allocate(2 + 2 * (20 + 1 + 16 + 2) + 4 + 3 * 12 + 1 + 2 * ka.buckets().size());
    b.put(VERSION).put(banned ? (ka.isOld() ? BANNED_OLD : BANNED_NEW) : ka.isOld() ? OLD : NEW);
    putAddr(b, ka.addr());
    putAddr(b, ka.src());
    b.putInt(ka.attempts());
    putTime(b, ka.lastAttempt());
    putTime(b, ka.lastSuccess());
    putTime(b, ka.lastBanTime());
    b.put((byte) ka.buckets().size());
    for (int i : ka.buckets()) {
      b.putShort((short) i);
    }
    byte[] out = new byte[b.position()];
    b.flip().get(out);
    return out;
  }

  /**
   * Decodes an entry; {@code address} is null for a removal.
   *
   * @throws IllegalArgumentException if the bytes are not a version-1 entry
   */
  static Entry decode(byte[] bytes) {
    try {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      if (b.get() != VERSION) {
        throw new IllegalArgumentException("unknown entry version " + bytes[0]);
      }
      byte kind = b.get();
      if (kind == REMOVED) {
        end(b);
        return new Entry(kind, null);
      }
      if (kind != NEW && kind != OLD && !banned(kind)) {
        throw new IllegalArgumentException("unknown entry kind " + kind);
      }
      NetAddress addr = getAddr(b);
      NetAddress src = getAddr(b);
      int attempts = b.getInt();
      Instant la = getTime(b);
      Instant ls = getTime(b);
      Instant lb = getTime(b);
      int n = b.get() & 0xff;
      List<Integer> buckets = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        buckets.add(b.getShort() & 0xffff);
      }
      end(b);
      BucketType type = kind == OLD || kind == BANNED_OLD ? BucketType.OLD : BucketType.NEW;
      return new Entry(kind, new KnownAddress(addr, src, type, buckets, attempts, la, ls, lb));
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("truncated entry", e);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("time out of range", e);
    }
  }

  private static void end(ByteBuffer b) {
    if (b.hasRemaining()) {
      throw new IllegalArgumentException(b.remaining() + " trailing bytes");
    }
  }

  private static void putAddr(ByteBuffer b, NetAddress a) {
    b.put(a.idBytes());
    byte[] ip = a.ip().getAddress();
    b.put((byte) ip.length).put(ip).putShort((short) a.port());
  }

  private static NetAddress getAddr(ByteBuffer b) {
    byte[] id = new byte[20];
    b.get(id);
    int len = b.get();
    if (len != 4 && len != 16) {
      throw new IllegalArgumentException("IP length " + len);
    }
    byte[] ip = new byte[len];
    b.get(ip);
    int port = b.getShort() & 0xffff;
    try {
      return new NetAddress(java.util.HexFormat.of().formatHex(id), InetAddress.getByAddress(ip), port);
    } catch (UnknownHostException e) {
      throw new AssertionError("4 or 16 bytes", e);
    }
  }

  private static void putTime(ByteBuffer b, Instant t) {
    b.putLong(t.getEpochSecond()).putInt(t.getNano());
  }

  private static Instant getTime(ByteBuffer b) {
    long s = b.getLong();
    int n = b.getInt();
    if (n < 0 || n > 999_999_999) {
      throw new IllegalArgumentException("nanoseconds out of range: " + n);
    }
    return Instant.ofEpochSecond(s, n);
  }
}
