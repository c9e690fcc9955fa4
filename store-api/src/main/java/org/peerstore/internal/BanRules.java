package org.peerstore.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import org.peerstore.BanBook;
import org.peerstore.BanTarget;
import org.peerstore.LimitExceededException;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.multiaddr.Protocol;

/**
 * The rules of the ban book every store shares (docs/CONTRACT.md §14): the reason's bound, the
 * expiry arithmetic, the IP addresses a multiaddr is checked by, and the order of
 * {@link BanBook#bans()}.
 *
 * <p>Stateless and thread-safe.
 */
public final class BanRules {
  private BanRules() {}

  /**
   * Checks a reason: at most {@link BanBook#MAX_REASON_BYTES} UTF-8 bytes, valid UTF-16.
   *
   * @return its UTF-8 bytes
   * @throws LimitExceededException if it is too long
   * @throws IllegalArgumentException if it holds an unpaired surrogate
   * @throws NullPointerException if {@code reason} is null
   */
  public static byte[] checkReason(String reason) {
    Objects.requireNonNull(reason, "reason");
    if (reason.length() > BanBook.MAX_REASON_BYTES) {
      // Every char is at least one UTF-8 byte: too long whatever it holds.
      throw tooLong(reason.length() + "+");
    }
    ByteBuffer utf8;
    try {
      utf8 = StandardCharsets.UTF_8.newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(CharBuffer.wrap(reason));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("ban reason holds an unpaired surrogate", e);
    }
    if (utf8.remaining() > BanBook.MAX_REASON_BYTES) {
      throw tooLong(String.valueOf(utf8.remaining()));
    }
    byte[] out = new byte[utf8.remaining()];
    utf8.get(out);
    return out;
  }

  private static LimitExceededException tooLong(String bytes) {
    return new LimitExceededException("ban reason of " + bytes + " bytes exceeds "
        + BanBook.MAX_REASON_BYTES + " bytes");
  }

  /**
   * The expiry of a ban made at {@code nowNanos} for {@code duration}: {@link Ttl#NEVER} for a
   * duration of at least {@code Long.MAX_VALUE - 1} ns, else {@code now + duration} saturating
   * at {@link Ttl#NEVER} (which is permanent too).
   *
   * @throws IllegalArgumentException if {@code duration} is zero or negative
   * @throws NullPointerException if {@code duration} is null
   */
  public static long expiry(long nowNanos, Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException("ban duration must be positive: " + duration);
    }
    return Ttl.expiry(nowNanos, Ttl.toNanos(duration));
  }

  /**
   * A new ban of {@code target} made at {@code nowNanos}, after every check of
   * {@link BanBook#ban}.
   *
   * @throws LimitExceededException as {@link #checkReason}
   * @throws IllegalArgumentException as {@link #checkReason} and {@link #expiry}
   * @throws NullPointerException if an argument is null
   */
  public static BanEntry newBan(BanTarget target, String reason, Duration duration,
      long nowNanos) {
    Objects.requireNonNull(target, "target");
    checkReason(reason);
    return new BanEntry(target, reason, nowNanos, expiry(nowNanos, duration));
  }

  /** A check of the address bytes {@code buf[offset, offset + length)} (4 or 16 bytes). */
  @FunctionalInterface
  public interface AddressCheck {
    /** Whether the address is banned. */
    boolean banned(byte[] buf, int offset, int length);
  }

  /**
   * Whether the address of some {@code ip4} or {@code ip6} component of {@code address} passes
   * {@code check}; an IPv4-mapped {@code ip6} value is checked as its 4 IPv4 bytes. Walks the
   * binary form once, decoding no component's text (the multiaddr is already valid).
   */
  public static boolean anyIp(Multiaddr address, AddressCheck check) {
    byte[] b = address.toBytes();
    int[] pos = {0};
    while (pos[0] < b.length) {
      long code = uvarint(b, pos);
      Protocol p = Protocol.forCode(code).orElseThrow(
          () -> new IllegalStateException("a valid multiaddr with an unknown code " + code));
      int bits = p.sizeBits();
      int len = bits == Protocol.VARIABLE ? (int) uvarint(b, pos) : bits / 8;
      int at = pos[0];
      if (p == Protocol.IP4 && check.banned(b, at, 4)) {
        return true;
      }
      if (p == Protocol.IP6 && (isV4Mapped(b, at) ? check.banned(b, at + 12, 4)
          : check.banned(b, at, 16))) {
        return true;
      }
      pos[0] = at + len;
    }
    return false;
  }

  private static long uvarint(byte[] b, int[] pos) {
    long value = 0;
    for (int shift = 0; ; shift += 7) {
      byte x = b[pos[0]++];
      value |= (long) (x & 0x7f) << shift;
      if (x >= 0) {
        return value;
      }
    }
  }

  /** Whether {@code b[off, off + 16)} is {@code ::ffff:a.b.c.d}. */
  static boolean isV4Mapped(byte[] b, int off) {
    for (int i = 0; i < 10; i++) {
      if (b[off + i] != 0) {
        return false;
      }
    }
    return b[off + 10] == (byte) 0xff && b[off + 11] == (byte) 0xff;
  }

  /**
   * The order of {@link BanBook#bans()}: peers (by id bytes, unsigned), then IP addresses
   * (IPv4 first, by bytes), then subnets ({@link org.peerstore.Subnet#compareTo}).
   */
  public static final Comparator<BanTarget> ORDER = BanRules::compare;

  private static int compare(BanTarget a, BanTarget b) {
    int c = Integer.compare(kind(a), kind(b));
    if (c != 0) {
      return c;
    }
    if (a instanceof BanTarget.PeerTarget pa && b instanceof BanTarget.PeerTarget pb) {
      return Arrays.compareUnsigned(pa.peer().toBytes(), pb.peer().toBytes());
    }
    if (a instanceof BanTarget.IpTarget ia && b instanceof BanTarget.IpTarget ib) {
      byte[] x = ia.address().getAddress();
      byte[] y = ib.address().getAddress();
      c = Integer.compare(x.length, y.length);
      return c != 0 ? c : Arrays.compareUnsigned(x, y);
    }
    return ((BanTarget.SubnetTarget) a).subnet().compareTo(((BanTarget.SubnetTarget) b).subnet());
  }

  /** 0 for a peer, 1 for an IP, 2 for a subnet. */
  public static int kind(BanTarget t) {
    if (t instanceof BanTarget.PeerTarget) {
      return 0;
    }
    return t instanceof BanTarget.IpTarget ? 1 : 2;
  }
}
