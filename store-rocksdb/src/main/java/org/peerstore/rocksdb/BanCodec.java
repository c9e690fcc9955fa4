package org.peerstore.rocksdb;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.peerstore.BanBook;
import org.peerstore.BanTarget;
import org.peerstore.PeerstoreException;
import org.peerstore.Subnet;
import org.peerstore.internal.BanEntry;
import org.peerstore.peer.PeerId;

/**
 * The keys and values of the {@code bans} column family (docs/STORAGE.md, "Bans").
 *
 * <p>Key: one kind byte, then {@code 0x01} + peer id bytes, {@code 0x02} + 4 or 16 address
 * bytes, or {@code 0x03} + prefix length + 4 or 16 network bytes. Value: version byte
 * {@code 0x01}, creation time and expiry as 8-byte big-endian signed epoch nanoseconds
 * ({@code Long.MAX_VALUE}: permanent), then the reason in UTF-8 (the rest of the value).
 * Decoding is strict: anything this class would not have written is a
 * {@link CorruptValueException}. Stateless and thread-safe.
 */
final class BanCodec {
  static final byte KIND_PEER = 1;
  static final byte KIND_IP = 2;
  static final byte KIND_SUBNET = 3;
  /** The value format version this build writes and reads. */
  static final byte VERSION = 1;
  private static final int HEADER = 1 + 2 * Long.BYTES;

  private BanCodec() {}

  /** The key of {@code target}'s ban. */
  static byte[] key(BanTarget target) {
    if (target instanceof BanTarget.PeerTarget p) {
      return prefixed(KIND_PEER, p.peer().toBytes());
    }
    if (target instanceof BanTarget.IpTarget i) {
      return prefixed(KIND_IP, i.address().getAddress());
    }
    Subnet s = ((BanTarget.SubnetTarget) target).subnet();
    byte[] net = s.networkBytes();
    byte[] key = new byte[2 + net.length];
    key[0] = KIND_SUBNET;
    key[1] = (byte) s.prefixLength();
    System.arraycopy(net, 0, key, 2, net.length);
    return key;
  }

  private static byte[] prefixed(byte kind, byte[] body) {
    byte[] key = new byte[1 + body.length];
    key[0] = kind;
    System.arraycopy(body, 0, key, 1, body.length);
    return key;
  }

  /** The value of {@code ban}. */
  static byte[] value(BanEntry ban) {
    byte[] reason = ban.reason().getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(HEADER + reason.length)
        .put(VERSION)
        .putLong(ban.createdNanos())
        .putLong(ban.expiryNanos())
        .put(reason)
        .array();
  }

  /**
   * The ban stored as {@code key} and {@code value}.
   *
   * @throws CorruptValueException if either is not exactly what {@link #key} and
   *     {@link #value} write: unknown kind or version, wrong lengths, an invalid peer id, a
   *     non-canonical address or subnet, a reason that is not UTF-8 or too long
   */
  static BanEntry decode(byte[] key, byte[] value) throws CorruptValueException {
    BanTarget target = decodeKey(key);
    if (value.length < HEADER) {
      throw new CorruptValueException("ban value of " + value.length + " bytes is shorter than "
          + HEADER);
    }
    if (value[0] != VERSION) {
      throw new CorruptValueException("ban value has unknown format version " + value[0]);
    }
    ByteBuffer b = ByteBuffer.wrap(value);
    b.get();
    long created = b.getLong();
    long expiry = b.getLong();
    if (value.length - HEADER > BanBook.MAX_REASON_BYTES) {
      throw new CorruptValueException("ban reason of " + (value.length - HEADER)
          + " bytes exceeds " + BanBook.MAX_REASON_BYTES);
    }
    String reason;
    try {
      reason = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(b).toString();
    } catch (CharacterCodingException e) {
      throw new CorruptValueException("ban reason is not UTF-8", e);
    }
    return new BanEntry(target, reason, created, expiry);
  }

  /**
   * The target of a ban key.
   *
   * @throws CorruptValueException if the key is not one {@link #key} writes
   */
  static BanTarget decodeKey(byte[] key) throws CorruptValueException {
    if (key.length < 2) {
      throw new CorruptValueException("ban key of " + key.length + " bytes is too short");
    }
    byte[] body = Arrays.copyOfRange(key, 1, key.length);
    switch (key[0]) {
      case KIND_PEER -> {
        try {
          return BanTarget.peer(PeerId.fromBytes(body));
        } catch (PeerstoreException e) {
          throw new CorruptValueException("ban key holds no valid peer id: " + e.getMessage(), e);
        }
      }
      case KIND_IP -> {
        InetAddress a = address(body);
        if (a.getAddress().length != body.length) {
          throw new CorruptValueException("ban key holds an IPv4-mapped IPv6 address (stored as"
              + " IPv4 only)");
        }
        return BanTarget.ip(a);
      }
      case KIND_SUBNET -> {
        byte[] net = Arrays.copyOfRange(body, 1, body.length);
        int prefix = body[0] & 0xff;
        Subnet s;
        try {
          s = Subnet.of(address(net), prefix);
        } catch (PeerstoreException e) {
          throw new CorruptValueException("ban key holds no valid subnet: " + e.getMessage(), e);
        }
        if (s.prefixLength() != prefix || !Arrays.equals(s.networkBytes(), net)) {
          throw new CorruptValueException("ban key holds a subnet not in canonical form");
        }
        return BanTarget.subnet(s);
      }
      default -> throw new CorruptValueException("ban key has unknown kind " + key[0]);
    }
  }

  private static InetAddress address(byte[] bytes) throws CorruptValueException {
    if (bytes.length != 4 && bytes.length != 16) {
      throw new CorruptValueException("ban key holds an address of " + bytes.length + " bytes");
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new CorruptValueException("ban key holds an invalid address", e);
    }
  }
}
