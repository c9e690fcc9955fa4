package org.peerstore.internal;

import java.net.InetAddress;
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
import org.peerstore.multiaddr.Component;
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

  /**
   * The address bytes a ban check uses for {@code address}: 4 bytes for IPv4 and IPv4-mapped
   * IPv6 (Java already maps those to {@code Inet4Address}), 16 for other IPv6.
   */
  public static byte[] checkedBytes(InetAddress address) {
    return address.getAddress();
  }

  /**
   * The address bytes of one multiaddr component if it is {@code ip4} or {@code ip6} (an
   * IPv4-mapped {@code ip6} value gives its 4 IPv4 bytes), else null.
   */
  public static byte @org.jspecify.annotations.Nullable [] checkedBytes(Component c) {
    Protocol p = c.protocol();
    if (p == Protocol.IP4) {
      return c.rawValue();
    }
    if (p != Protocol.IP6) {
      return null;
    }
    byte[] b = c.rawValue();
    return isV4Mapped(b) ? Arrays.copyOfRange(b, 12, 16) : b;
  }

  /** Whether any ip4/ip6 component of {@code address} passes {@code banned}. */
  public static boolean anyIp(Multiaddr address, java.util.function.Predicate<byte[]> banned) {
    for (Component c : address.components()) {
      byte[] b = checkedBytes(c);
      if (b != null && banned.test(b)) {
        return true;
      }
    }
    return false;
  }

  /** Whether 16 bytes are {@code ::ffff:a.b.c.d}. */
  static boolean isV4Mapped(byte[] b) {
    if (b.length != 16) {
      return false;
    }
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
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
