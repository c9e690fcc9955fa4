package org.peerstore.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.peerstore.LimitExceededException;
import org.peerstore.PeerstoreEvent;
import org.peerstore.TagBook;
import org.peerstore.TagDecay;
import org.peerstore.TagInfo;
import org.peerstore.peer.PeerId;

/**
 * The rules of the tag book (docs/CONTRACT.md §15), once for every store: name bounds, expiry,
 * decay arithmetic, what is live at an instant, and the pure state changes of each write.
 * Stateless and thread-safe.
 */
public final class TagRules {
  /** What {@link #current} returns for a tag that is not live. */
  public static final long ABSENT = Long.MIN_VALUE;
  /** The shortest decay interval. */
  public static final Duration MIN_INTERVAL = Duration.ofMillis(1);

  private TagRules() {}

  /** A registered decaying tag as the rules see it (interval in nanoseconds). */
  public record Decay(long intervalNanos, TagDecay decay) {}

  /**
   * Checks a tag or protection name: at most {@link TagBook#MAX_TAG_BYTES} UTF-8 bytes, valid
   * UTF-16.
   *
   * @return its UTF-8 bytes
   * @throws LimitExceededException if it is too long
   * @throws IllegalArgumentException if it holds an unpaired surrogate
   * @throws NullPointerException if {@code name} is null
   */
  public static byte[] checkName(String name) {
    Objects.requireNonNull(name, "tag");
    if (name.length() > TagBook.MAX_TAG_BYTES) {
      throw tooLong(name.length() + "+");
    }
    ByteBuffer utf8;
    try {
      utf8 = StandardCharsets.UTF_8.newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(CharBuffer.wrap(name));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("tag name holds an unpaired surrogate", e);
    }
    if (utf8.remaining() > TagBook.MAX_TAG_BYTES) {
      throw tooLong(String.valueOf(utf8.remaining()));
    }
    byte[] out = new byte[utf8.remaining()];
    utf8.get(out);
    return out;
  }

  private static LimitExceededException tooLong(String bytes) {
    return new LimitExceededException("tag name of " + bytes + " bytes exceeds "
        + TagBook.MAX_TAG_BYTES);
  }

  /**
   * The expiry of a tag given at {@code nowNanos} for {@code ttl}; {@code Long.MAX_VALUE} for
   * none (a ttl of at least {@code Long.MAX_VALUE - 1} ns, or an end past what a long holds).
   *
   * @throws IllegalArgumentException if {@code ttl} is zero or negative
   */
  public static long expiry(long nowNanos, Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isZero() || ttl.isNegative()) {
      throw new IllegalArgumentException("tag ttl must be positive: " + ttl);
    }
    long nanos = Ttl.toNanos(ttl);
    if (nanos >= Long.MAX_VALUE - 1) {
      return Long.MAX_VALUE;
    }
    long end = Ttl.expiry(nowNanos, nanos);
    return end;
  }

  /**
   * Interval boundaries passed from {@code fromNanos} to {@code nowNanos}: multiples of the
   * interval since the epoch, as go-libp2p's decayer ticks for every peer at once.
   */
  public static long ticks(long fromNanos, long nowNanos, long intervalNanos) {
    return Math.floorDiv(nowNanos, intervalNanos) - Math.floorDiv(fromNanos, intervalNanos);
  }

  /**
   * The value of tag {@code name} at {@code nowNanos}, or {@link #ABSENT} if it expired or
   * decayed away. A decaying tag whose name is not registered ({@code decays} gives null) reads
   * as its stored value, undecayed.
   */
  public static long current(String name, TagEntry e, long nowNanos,
      Function<String, @Nullable Decay> decays) {
    switch (e.kind()) {
      case TagEntry.PLAIN:
        return e.value();
      case TagEntry.EXPIRING:
        return nowNanos < e.time() ? e.value() : ABSENT;
      default:
        Decay d = decays.apply(name);
        if (d == null) {
          return e.value();
        }
        long ticks = ticks(e.time(), nowNanos, d.intervalNanos());
        if (ticks <= 0) {
          return e.value();
        }
        int after = d.decay().decay(e.value(), ticks);
        return after == TagDecay.REMOVE ? ABSENT : after;
    }
  }

  /**
   * {@code stored} without its expired and decayed-away tags at {@code nowNanos}; null if
   * nothing is left (the state ended); {@code stored} itself if nothing was dropped.
   */
  public static @Nullable PeerTags live(@Nullable PeerTags stored, long nowNanos,
      Function<String, @Nullable Decay> decays) {
    if (stored == null) {
      return null;
    }
    TreeMap<String, TagEntry> kept = null;
    for (Map.Entry<String, TagEntry> e : stored.tags().entrySet()) {
      if (e.getValue().isDynamic()
          && current(e.getKey(), e.getValue(), nowNanos, decays) == ABSENT) {
        if (kept == null) {
          kept = new TreeMap<>(stored.tags());
        }
        kept.remove(e.getKey());
      }
    }
    if (kept == null) {
      return stored;
    }
    return of(stored.firstSeen(), kept, stored.protections());
  }

  /** The state of the given parts, or null when both are empty. */
  public static @Nullable PeerTags of(long firstSeen, SortedMap<String, TagEntry> tags,
      SortedSet<String> protections) {
    return tags.isEmpty() && protections.isEmpty()
        ? null : new PeerTags(firstSeen, tags, protections);
  }

  /** The sum of the live values at {@code nowNanos} (0 for none). */
  public static long total(@Nullable PeerTags s, long nowNanos,
      Function<String, @Nullable Decay> decays) {
    if (s == null) {
      return 0;
    }
    long sum = 0;
    for (Map.Entry<String, TagEntry> e : s.tags().entrySet()) {
      long v = current(e.getKey(), e.getValue(), nowNanos, decays);
      if (v != ABSENT) {
        sum += v;
      }
    }
    return sum;
  }

  /** What {@code tagInfo} returns for the stored state {@code s} at {@code nowNanos}. */
  public static @Nullable TagInfo info(@Nullable PeerTags s, long nowNanos,
      Function<String, @Nullable Decay> decays) {
    PeerTags live = live(s, nowNanos, decays);
    if (live == null) {
      return null;
    }
    Map<String, Integer> values = new LinkedHashMap<>();
    long sum = 0;
    for (Map.Entry<String, TagEntry> e : live.tags().entrySet()) {
      long v = current(e.getKey(), e.getValue(), nowNanos, decays);
      values.put(e.getKey(), (int) v);
      sum += v;
    }
    return new TagInfo(Ttl.toExpiryInstant(live.firstSeen()), sum, values, live.protections());
  }

  /**
   * {@code live} with tag {@code name} set to {@code entry}.
   *
   * @throws LimitExceededException if the tag is new and the peer holds
   *     {@link TagBook#MAX_TAGS_PER_PEER}
   */
  public static PeerTags withTag(@Nullable PeerTags live, String name, TagEntry entry,
      long nowNanos) {
    TreeMap<String, TagEntry> tags = live == null ? new TreeMap<>() : new TreeMap<>(live.tags());
    if (tags.put(name, entry) == null && tags.size() > TagBook.MAX_TAGS_PER_PEER) {
      throw new LimitExceededException("peer already holds " + TagBook.MAX_TAGS_PER_PEER
          + " tags");
    }
    return new PeerTags(live == null ? nowNanos : live.firstSeen(), tags,
        live == null ? new TreeSet<>() : live.protections());
  }

  /** {@code live} without tag {@code name} (null if nothing is left). */
  public static @Nullable PeerTags withoutTag(@Nullable PeerTags live, String name) {
    if (live == null || !live.tags().containsKey(name)) {
      return live;
    }
    TreeMap<String, TagEntry> tags = new TreeMap<>(live.tags());
    tags.remove(name);
    return of(live.firstSeen(), tags, live.protections());
  }

  /** {@code live} without any tag (its protections kept; null if it had none). */
  public static @Nullable PeerTags withoutTags(@Nullable PeerTags live) {
    if (live == null || live.tags().isEmpty()) {
      return live;
    }
    return of(live.firstSeen(), new TreeMap<>(), live.protections());
  }

  /**
   * {@code live} protected by {@code name}.
   *
   * @throws LimitExceededException if the protection is new and the peer holds
   *     {@link TagBook#MAX_PROTECTIONS_PER_PEER}
   */
  public static PeerTags withProtection(@Nullable PeerTags live, String name, long nowNanos) {
    if (live != null && live.protections().contains(name)) {
      return live;
    }
    TreeSet<String> p = live == null ? new TreeSet<>() : new TreeSet<>(live.protections());
    p.add(name);
    if (p.size() > TagBook.MAX_PROTECTIONS_PER_PEER) {
      throw new LimitExceededException("peer already holds " + TagBook.MAX_PROTECTIONS_PER_PEER
          + " protections");
    }
    return new PeerTags(live == null ? nowNanos : live.firstSeen(),
        live == null ? new TreeMap<>() : live.tags(), p);
  }

  /** {@code live} without the protection {@code name} (null if nothing is left). */
  public static @Nullable PeerTags withoutProtection(@Nullable PeerTags live, String name) {
    if (live == null || !live.protections().contains(name)) {
      return live;
    }
    TreeSet<String> p = new TreeSet<>(live.protections());
    p.remove(name);
    return of(live.firstSeen(), live.tags(), p);
  }

  /** {@code s} without the decaying tag {@code name} (other kinds of that name kept). */
  public static @Nullable PeerTags withoutDecaying(@Nullable PeerTags s, String name) {
    if (s == null) {
      return null;
    }
    TagEntry e = s.tags().get(name);
    return e != null && e.kind() == TagEntry.DECAYING ? withoutTag(s, name) : s;
  }

  /**
   * The trim order of docs/CONTRACT.md §15: total value ascending, then first seen ascending,
   * then peer id bytes unsigned.
   */
  public static int compareTrim(long valueA, long firstSeenA, byte[] idA, long valueB,
      long firstSeenB, byte[] idB) {
    int c = Long.compare(valueA, valueB);
    if (c != 0) {
      return c;
    }
    c = Long.compare(firstSeenA, firstSeenB);
    return c != 0 ? c : java.util.Arrays.compareUnsigned(idA, idB);
  }

  /**
   * The change events of one committed tag write of {@code peer} (docs/CONTRACT.md §17): a
   * {@code TagChanged} per tag added or given another stored value, a {@code TagRemoved} per
   * stored tag the write dropped, a {@code ProtectionChanged} per protection added or lifted.
   * Decay over time is not a write and makes no event.
   */
  public static List<PeerstoreEvent> events(PeerId peer, @Nullable PeerTags old,
      @Nullable PeerTags next) {
    SortedMap<String, TagEntry> before = old == null ? new TreeMap<>() : old.tags();
    SortedMap<String, TagEntry> after = next == null ? new TreeMap<>() : next.tags();
    SortedSet<String> wasProtected = old == null ? new TreeSet<>() : old.protections();
    SortedSet<String> isProtected = next == null ? new TreeSet<>() : next.protections();
    List<PeerstoreEvent> events = new ArrayList<>();
    for (Map.Entry<String, TagEntry> e : after.entrySet()) {
      TagEntry was = before.get(e.getKey());
      if (was == null || was.value() != e.getValue().value()) {
        events.add(new PeerstoreEvent.TagChanged(peer, e.getKey(), e.getValue().value()));
      }
    }
    for (String tag : before.keySet()) {
      if (!after.containsKey(tag)) {
        events.add(new PeerstoreEvent.TagRemoved(peer, tag));
      }
    }
    for (String tag : isProtected) {
      if (!wasProtected.contains(tag)) {
        events.add(new PeerstoreEvent.ProtectionChanged(peer, tag, true));
      }
    }
    for (String tag : wasProtected) {
      if (!isProtected.contains(tag)) {
        events.add(new PeerstoreEvent.ProtectionChanged(peer, tag, false));
      }
    }
    return events;
  }
}
