package org.peerstore.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.peerstore.DialBackoff;
import org.peerstore.DialBook;
import org.peerstore.DialEntry;
import org.peerstore.DialHistory;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.jspecify.annotations.Nullable;

/**
 * The rules of the dial history book, once for every store (docs/CONTRACT.md §16): the
 * backoff arithmetic with its deterministic jitter, the retention, the reason bound, and the
 * change each event makes. An instance holds a store's configuration; it is immutable and
 * thread-safe.
 *
 * <p><b>Jitter</b> is derived from a hash of (the peer's id bytes, for an address followed by
 * the address bytes; the number of consecutive failures), not drawn from a random source: the
 * backoff end is then a pure function of what is stored, so it is never persisted, both stores
 * compute the same instant, it survives a restart unchanged, and tests can assert it exactly;
 * peers (and failures) still get different jitter, which is what spreads the redials.
 */
public final class DialRules {
  /** The default retention: history of a peer not seen for 7 days is collected. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
  /** The default rules. */
  public static final DialRules DEFAULT = new DialRules(DialBackoff.DEFAULT, DEFAULT_RETENTION);

  private final DialBackoff backoff;
  private final long baseNanos;
  private final long maxNanos;
  private final long retentionNanos;

  /**
   * Rules with {@code backoff} and {@code retention}.
   *
   * @throws IllegalArgumentException if {@code retention} is not positive
   */
  public DialRules(DialBackoff backoff, Duration retention) {
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(retention, "retention");
    if (retention.isZero() || retention.isNegative()) {
      throw new IllegalArgumentException("dialRetention must be positive: " + retention);
    }
    this.baseNanos = Ttl.toNanos(backoff.base());
    this.maxNanos = Ttl.toNanos(backoff.max());
    this.retentionNanos = Ttl.toNanos(retention);
  }

  /** The backoff configuration. */
  public DialBackoff backoff() {
    return backoff;
  }

  /** The retention in nanoseconds. */
  public long retentionNanos() {
    return retentionNanos;
  }

  /**
   * The ceiling of the delay after {@code failures} in a row: 0 for none, else
   * {@code min(max, base * factor^(failures-1))}.
   */
  public long ceilingNanos(int failures) {
    if (failures <= 0) {
      return 0;
    }
    double d = baseNanos * Math.pow(backoff.factor(), failures - 1);
    return d >= maxNanos ? maxNanos : Math.max(baseNanos, (long) d);
  }

  /**
   * The delay after {@code failures} in a row of the peer or address with hash key
   * {@code key}: the ceiling less {@code jitter * u * ceiling}, {@code u} in [0, 1) from
   * {@link #unit}. Between {@code (1 - jitter) * ceiling} and the ceiling.
   */
  public long delayNanos(byte[] key, int failures) {
    long c = ceilingNanos(failures);
    if (c == 0 || backoff.jitter() == 0) {
      return c;
    }
    long cut = (long) (c * backoff.jitter() * unit(key, failures));
    return c - Math.min(c, Math.max(0, cut));
  }

  /** The jitter draw in [0, 1) of (key, failures): splitmix64 of the key's hash and the count. */
  public static double unit(byte[] key, int failures) {
    long z = (Arrays.hashCode(key) & 0xffffffffL) * 0x9E3779B97F4A7C15L + failures;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (z >>> 11) * 0x1.0p-53;
  }

  /** The end of {@code r}'s backoff in epoch nanoseconds, or {@link DialRecord#NONE}. */
  public long backoffUntil(byte[] key, DialRecord r) {
    if (r.failures() == 0 || r.lastFailure() == DialRecord.NONE) {
      return DialRecord.NONE;
    }
    long d = delayNanos(key, r.failures());
    long end = r.lastFailure() + d;
    return ((r.lastFailure() ^ end) & (d ^ end)) < 0 ? Long.MAX_VALUE : end;
  }

  /** Whether {@code r} is in backoff at {@code now}. */
  public boolean inBackoff(byte[] key, DialRecord r, long now) {
    long until = backoffUntil(key, r);
    return until != DialRecord.NONE && now < until;
  }

  /** The jitter key of a peer. */
  public static byte[] key(PeerId peer) {
    return peer.toBytes();
  }

  /** The jitter key of one of a peer's addresses: the peer id bytes, then the address bytes. */
  public static byte[] key(PeerId peer, Multiaddr addr) {
    byte[] p = peer.toBytes();
    byte[] a = addr.toBytes();
    byte[] k = Arrays.copyOf(p, p.length + a.length);
    System.arraycopy(a, 0, k, p.length, a.length);
    return k;
  }

  /** Whether {@code d}'s retention ran out at {@code now} (last seen at least retention ago). */
  public boolean expired(PeerDials d, long now) {
    return d.record().lastSeen() <= now - retentionNanos;
  }

  /**
   * {@code reason} cut to at most {@link DialBook#MAX_REASON_BYTES} UTF-8 bytes at a character
   * boundary.
   *
   * @throws IllegalArgumentException if it holds an unpaired surrogate
   * @throws NullPointerException if it is null
   */
  public static String reason(String reason) {
    Objects.requireNonNull(reason, "reason");
    CharsetEncoder enc = StandardCharsets.UTF_8.newEncoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer out = ByteBuffer.allocate(DialBook.MAX_REASON_BYTES);
    CharBuffer in = CharBuffer.wrap(reason);
    var result = enc.encode(in, out, true);
    if (result.isError()) {
      throw new IllegalArgumentException("dial failure reason holds an unpaired surrogate");
    }
    if (result.isOverflow()) {
      // Cut here, but the rest must still be well-formed (the whole reason is checked).
      try {
        StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .encode(CharBuffer.wrap(reason));
      } catch (CharacterCodingException e) {
        throw new IllegalArgumentException("dial failure reason holds an unpaired surrogate", e);
      }
      return reason.substring(0, in.position());
    }
    return reason;
  }

  /**
   * The address as the history keys it for {@code peer}: normalised as in the address book,
   * or null when it names another peer (or is only {@code /p2p/<peer>}).
   */
  public static @Nullable Multiaddr addr(PeerId peer, Multiaddr addr) {
    return AddrNormalizer.normalize(peer, Objects.requireNonNull(addr, "address"));
  }

  /** What one event does to a peer's history. */
  public enum Kind {
    /** {@code recordDialAttempt}. */
    ATTEMPT,
    /** {@code recordDialSuccess}. */
    SUCCESS,
    /** {@code recordDialFailure}. */
    FAILURE,
    /** {@code recordConnected}. */
    CONNECTED,
    /** {@code recordDisconnected}. */
    DISCONNECTED
  }

  /**
   * {@code old} (null: no history yet) after the event {@code kind} at {@code now}, for the
   * already normalised {@code addr} (null: the peer only) and cut {@code reason}.
   */
  public static PeerDials apply(@Nullable PeerDials old, PeerId peer, Kind kind,
      @Nullable Multiaddr addr, String reason, long now) {
    DialRecord p = old == null ? DialRecord.first(now) : old.record();
    DialRecord a = null;
    if (addr != null && kind.ordinal() <= Kind.FAILURE.ordinal()) {
      a = old == null ? null : old.addrs().get(addr);
      if (a == null) {
        a = DialRecord.first(now);
      }
      a = change(a, kind, reason, now);
    } else {
      addr = null;
    }
    p = change(p, kind, reason, now);
    PeerDials base = old == null ? new PeerDials(peer, p, Map.of()) : old;
    return base.with(p, addr, a);
  }

  private static DialRecord change(DialRecord r, Kind kind, String reason, long now) {
    return switch (kind) {
      case ATTEMPT -> r.attempt(now);
      case SUCCESS -> r.success(now);
      case FAILURE -> r.failure(now, reason);
      case CONNECTED -> r.seen(now, true);
      case DISCONNECTED -> r.seen(now, false);
    };
  }

  /** The public value of {@code d}. */
  public DialHistory toHistory(PeerDials d) {
    LinkedHashMap<Multiaddr, DialEntry> addrs = new LinkedHashMap<>();
    for (Map.Entry<Multiaddr, DialRecord> e : d.addrs().entrySet()) {
      addrs.put(e.getKey(), entry(key(d.peer(), e.getKey()), e.getValue()));
    }
    return new DialHistory(d.peer(), entry(key(d.peer()), d.record()),
        java.util.Collections.unmodifiableMap(addrs));
  }

  private DialEntry entry(byte[] key, DialRecord r) {
    return new DialEntry(Ttl.toInstant(r.firstSeen()), Ttl.toInstant(r.lastSeen()),
        time(r.lastAttempt()), time(r.lastSuccess()), time(r.lastFailure()), r.reason(),
        r.attempts(), r.failures(), time(backoffUntil(key, r)));
  }

  /**
   * The stored form of {@code h} (its {@code backoffUntil} values are ignored).
   *
   * @throws IllegalArgumentException if {@code h} breaks a bound of docs/CONTRACT.md §16
   */
  public static PeerDials fromHistory(DialHistory h) {
    Objects.requireNonNull(h, "history");
    if (h.addrs().size() > DialBook.MAX_ADDRS_PER_PEER) {
      throw new IllegalArgumentException("dial history of " + h.addrs().size()
          + " addresses, more than " + DialBook.MAX_ADDRS_PER_PEER);
    }
    LinkedHashMap<Multiaddr, DialRecord> addrs = new LinkedHashMap<>();
    for (Map.Entry<Multiaddr, DialEntry> e : h.addrs().entrySet()) {
      Multiaddr a = addr(h.peer(), e.getKey());
      if (a == null || !a.equals(e.getKey())) {
        throw new IllegalArgumentException("dial history address " + e.getKey()
            + " is not in normalised form for " + h.peer());
      }
      addrs.put(a, record(e.getValue()));
    }
    return PeerDials.of(h.peer(), record(h.entry()), addrs);
  }

  private static DialRecord record(DialEntry e) {
    long first = Ttl.toEpochNanos(e.firstSeen());
    long seen = Ttl.toEpochNanos(e.lastSeen());
    if (seen < first) {
      throw new IllegalArgumentException("dial entry last seen before it was first seen");
    }
    if (e.attempts() < 0 || e.consecutiveFailures() < 0) {
      throw new IllegalArgumentException("dial entry with a negative count");
    }
    String why = reason(e.lastFailureReason());
    if (!why.equals(e.lastFailureReason())) {
      throw new IllegalArgumentException("dial failure reason longer than "
          + DialBook.MAX_REASON_BYTES + " bytes");
    }
    return new DialRecord(first, seen, nanos(e.lastAttempt()), nanos(e.lastSuccess()),
        nanos(e.lastFailure()), why, e.attempts(), e.consecutiveFailures());
  }

  private static long nanos(Optional<Instant> t) {
    // NONE is Long.MIN_VALUE: an instant that far back saturates just above it.
    return t.map(i -> Math.max(DialRecord.NONE + 1, Ttl.toEpochNanos(i))).orElse(DialRecord.NONE);
  }

  /** {@code nanos} as an instant, or empty for {@link DialRecord#NONE}. */
  public static Optional<Instant> time(long nanos) {
    return nanos == DialRecord.NONE ? Optional.empty() : Optional.of(Ttl.toInstant(nanos));
  }
}
