package org.peerstore.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntBinaryOperator;
import java.util.function.Consumer;
import java.util.function.IntUnaryOperator;
import org.jspecify.annotations.Nullable;
import org.peerstore.DecayingTag;
import org.peerstore.LimitExceededException;
import org.peerstore.PeerstoreEvent;
import org.peerstore.StoredTags;
import org.peerstore.TagBook;
import org.peerstore.TagDecay;
import org.peerstore.TagInfo;
import org.peerstore.peer.PeerId;

/**
 * The tag book's operations (docs/CONTRACT.md §15), once for both stores: each public method
 * of {@code TagBook} as a pure {@link Change} of one peer's stored state, given to the store's
 * {@link Writer}, and the reads from the shared {@link TagIndex}. A store supplies only how a
 * change is made durable ({@link Writer}) and its open check.
 *
 * <p>Thread-safe as its writer is: a writer applies the changes of one peer one at a time.
 */
public final class TagOps {

  /** One write of one peer's tag state: the next stored state from the current one. */
  @FunctionalInterface
  public interface Change {
    /**
     * The next stored state ({@code stored} itself, the same object, when nothing changes;
     * null when the peer's tag state ends).
     */
    @Nullable PeerTags apply(@Nullable PeerTags stored, long nowNanos);
  }

  /** How a store makes a change durable. */
  @FunctionalInterface
  public interface Writer {
    /**
     * Under the peer's write lock: reads the peer's stored state from the index, applies
     * {@code change}, and, unless it returned the same object, stores the result and then
     * puts it in the index; nothing is changed if {@code change} or the store throws.
     */
    void write(PeerId peer, Change change);
  }

  private final TagIndex index;
  private final Clock clock;
  private final Runnable checkOpen;
  private final Writer writer;
  private final Consumer<? super PeerstoreEvent> events;

  /**
   * Operations over {@code index}, reading time from {@code clock}, checking the store is open
   * with {@code checkOpen} (which throws {@link IllegalStateException}), writing through
   * {@code writer}, and giving the events of each committed write ({@link TagRules#events}) to
   * {@code events} once the writer returned (its locks released).
   */
  public TagOps(TagIndex index, Clock clock, Runnable checkOpen, Writer writer,
      Consumer<? super PeerstoreEvent> events) {
    this.index = Objects.requireNonNull(index);
    this.clock = Objects.requireNonNull(clock);
    this.checkOpen = Objects.requireNonNull(checkOpen);
    this.writer = Objects.requireNonNull(writer);
    this.events = Objects.requireNonNull(events);
  }

  /** The index these operations read. */
  public TagIndex index() {
    return index;
  }

  private long now() {
    return Ttl.nowNanos(clock);
  }

  private void write(PeerId p, Change c) {
    // What the committed write changed; published only once the writer returned.
    List<PeerstoreEvent> changed = new ArrayList<>();
    writer.write(p, (stored, now) -> {
      PeerTags next = c.apply(stored, now);
      changed.clear();
      if (Objects.equals(next, stored)) {
        return stored;
      }
      changed.addAll(TagRules.events(p, stored, next));
      return next;
    });
    changed.forEach(events);
  }

  private @Nullable PeerTags live(@Nullable PeerTags s, long now) {
    return TagRules.live(s, now, index::decay);
  }

  private void checkNotDecaying(String tag) {
    if (index.decay(tag) != null) {
      throw new IllegalArgumentException(
          "tag '" + tag + "' is a registered decaying tag: write it through its DecayingTag");
    }
  }

  /** {@code TagBook.tagPeer(peer, tag, value, ttl)}. */
  public void tagPeer(PeerId peer, String tag, int value, Duration ttl) {
    checkOpen.run();
    Objects.requireNonNull(peer, "peer id");
    Objects.requireNonNull(ttl, "ttl");
    TagRules.checkName(tag);
    TagRules.expiry(0, ttl);
    checkNotDecaying(tag);
    write(peer, (s, now) -> {
      long expiry = TagRules.expiry(now, ttl);
      TagEntry e = expiry == Long.MAX_VALUE
          ? TagEntry.plain(value) : TagEntry.expiring(value, expiry);
      return TagRules.withTag(live(s, now), tag, e, now);
    });
  }

  /** {@code TagBook.untagPeer}. */
  public boolean untagPeer(PeerId peer, String tag) {
    checkOpen.run();
    Objects.requireNonNull(peer, "peer id");
    Objects.requireNonNull(tag, "tag");
    boolean[] had = new boolean[1];
    write(peer, (s, now) -> {
      PeerTags live = live(s, now);
      had[0] = live != null && live.tags().containsKey(tag);
      return TagRules.withoutTag(live, tag);
    });
    return had[0];
  }

  /** {@code TagBook.upsertTag}. */
  public int upsertTag(PeerId peer, String tag, IntUnaryOperator upsert) {
    checkOpen.run();
    Objects.requireNonNull(peer, "peer id");
    Objects.requireNonNull(upsert, "upsert");
    TagRules.checkName(tag);
    checkNotDecaying(tag);
    int[] result = new int[1];
    write(peer, (s, now) -> {
      PeerTags live = live(s, now);
      TagEntry old = live == null ? null : live.tags().get(tag);
      int cur = old == null ? 0 : (int) TagRules.current(tag, old, now, index::decay);
      int v = upsert.applyAsInt(cur);
      result[0] = v;
      TagEntry e = old != null && old.kind() == TagEntry.EXPIRING
          ? TagEntry.expiring(v, old.time()) : TagEntry.plain(v);
      return TagRules.withTag(live, tag, e, now);
    });
    return result[0];
  }

  /** {@code TagBook.tagInfo}. */
  public Optional<TagInfo> tagInfo(PeerId peer) {
    checkOpen.run();
    Objects.requireNonNull(peer, "peer id");
    return Optional.ofNullable(TagRules.info(index.get(peer), now(), index::decay));
  }

  /** {@code TagBook.protect}. */
  public void protect(PeerId peer, String tag) {
    checkOpen.run();
    Objects.requireNonNull(peer, "peer id");
    TagRules.checkName(tag);
    write(peer, (s, now) -> TagRules.withProtection(live(s, now), tag, now));
  }

  /** {@code TagBook.unprotect}. */
  public boolean unprotect(PeerId peer, String tag) {
    checkOpen.run();
    Objects.requireNonNull(peer, "peer id");
    Objects.requireNonNull(tag, "tag");
    boolean[] still = new boolean[1];
    write(peer, (s, now) -> {
      PeerTags next = TagRules.withoutProtection(live(s, now), tag);
      still[0] = next != null && !next.protections().isEmpty();
      return next;
    });
    return still[0];
  }

  /** {@code TagBook.isProtected(peer, tag)}. */
  public boolean isProtected(PeerId peer, String tag) {
    checkOpen.run();
    Objects.requireNonNull(peer, "peer id");
    Objects.requireNonNull(tag, "tag");
    PeerTags s = index.get(peer);
    return s != null && s.protections().contains(tag);
  }

  /** {@code TagBook.isProtected(peer)}. */
  public boolean isProtected(PeerId peer) {
    checkOpen.run();
    Objects.requireNonNull(peer, "peer id");
    PeerTags s = index.get(peer);
    return s != null && !s.protections().isEmpty();
  }

  /** {@code TagBook.trimCandidates}. */
  public List<PeerId> trimCandidates(int n) {
    checkOpen.run();
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative: " + n);
    }
    return index.trimCandidates(n, now());
  }

  /** {@code TagBook.registerDecayingTag}. */
  public DecayingTag registerDecayingTag(String name, Duration interval, TagDecay decay,
      IntBinaryOperator bump) {
    checkOpen.run();
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(decay, "decay");
    Objects.requireNonNull(bump, "bump");
    TagRules.checkName(name);
    if (interval.compareTo(TagRules.MIN_INTERVAL) < 0) {
      throw new IllegalArgumentException("decay interval shorter than 1 ms: " + interval);
    }
    TagRules.Decay d = new TagRules.Decay(Ttl.toNanos(interval), decay);
    if (!index.register(name, d)) {
      throw new IllegalArgumentException("decaying tag '" + name + "' is registered already");
    }
    return new Handle(name, interval, d, bump);
  }

  /** {@code TagBook.peersWithTags}: the peers whose live state is not empty now. */
  public Set<PeerId> peersWithTags() {
    checkOpen.run();
    long now = now();
    Set<PeerId> out = new LinkedHashSet<>();
    for (PeerId p : index.peers()) {
      if (live(index.get(p), now) != null) {
        out.add(p);
      }
    }
    return java.util.Collections.unmodifiableSet(out);
  }

  /** {@code TagBook.storedTags}: the live stored state, converted. */
  public Optional<StoredTags> storedTags(PeerId peer) {
    checkOpen.run();
    Objects.requireNonNull(peer, "peer id");
    PeerTags live = live(index.get(peer), now());
    return live == null ? Optional.empty() : Optional.of(toStored(peer, live));
  }

  /** {@code TagBook.restoreTags}: one write replacing the peer's state. */
  public void restoreTags(StoredTags tags) {
    checkOpen.run();
    Objects.requireNonNull(tags, "tags");
    PeerTags given = fromStored(tags);
    for (Map.Entry<String, TagEntry> e : given.tags().entrySet()) {
      if (e.getValue().kind() != TagEntry.DECAYING) {
        checkNotDecaying(e.getKey());
      }
    }
    write(tags.peer(), (s, now) -> {
      // Expired expiring tags are dropped; decaying ones are kept as stored
      // (docs/CONTRACT.md §15).
      TreeMap<String, TagEntry> kept = new TreeMap<>(given.tags());
      kept.values().removeIf(e -> e.kind() == TagEntry.EXPIRING && e.time() <= now);
      PeerTags next = TagRules.of(given.firstSeen(), kept, given.protections());
      return Objects.equals(next, s) ? s : next;
    });
  }

  /** The public form of a stored state. */
  static StoredTags toStored(PeerId peer, PeerTags s) {
    TreeMap<String, StoredTags.Tag> tags = new TreeMap<>();
    for (Map.Entry<String, TagEntry> e : s.tags().entrySet()) {
      TagEntry t = e.getValue();
      tags.put(e.getKey(), switch (t.kind()) {
        case TagEntry.PLAIN -> StoredTags.Tag.plain(t.value());
        case TagEntry.EXPIRING -> StoredTags.Tag.expiring(t.value(), Ttl.toInstant(t.time()));
        default -> StoredTags.Tag.decaying(t.value(), Ttl.toInstant(t.time()));
      });
    }
    return new StoredTags(peer, Ttl.toInstant(s.firstSeen()), tags, s.protections());
  }

  /**
   * The stored form of {@code t}, checked as {@code TagBook.restoreTags} documents (names,
   * counts, times; not the registrations of decaying tags, which are a store's).
   *
   * @throws LimitExceededException if a name is too long or there are too many tags or
   *     protections
   * @throws IllegalArgumentException if a name holds an unpaired surrogate or a time lies
   *     outside the epoch nanoseconds a {@code long} holds
   */
  public static PeerTags fromStored(StoredTags t) {
    if (t.tags().size() > TagBook.MAX_TAGS_PER_PEER) {
      throw new LimitExceededException(t.tags().size() + " tags, more than "
          + TagBook.MAX_TAGS_PER_PEER);
    }
    if (t.protections().size() > TagBook.MAX_PROTECTIONS_PER_PEER) {
      throw new LimitExceededException(t.protections().size() + " protections, more than "
          + TagBook.MAX_PROTECTIONS_PER_PEER);
    }
    TreeMap<String, TagEntry> tags = new TreeMap<>();
    for (Map.Entry<String, StoredTags.Tag> e : t.tags().entrySet()) {
      TagRules.checkName(e.getKey());
      StoredTags.Tag g = e.getValue();
      tags.put(e.getKey(), switch (g.kind()) {
        case PLAIN -> TagEntry.plain(g.value());
        case EXPIRING -> TagEntry.expiring(g.value(), exactNanos(g.time(), "expiry"));
        case DECAYING -> TagEntry.decaying(g.value(), exactNanos(g.time(), "decaying time"));
      });
    }
    TreeSet<String> protections = new TreeSet<>();
    for (String p : t.protections()) {
      TagRules.checkName(p);
      protections.add(p);
    }
    return new PeerTags(exactNanos(t.firstSeen(), "firstSeen"), tags, protections);
  }

  private static long exactNanos(@Nullable Instant at, String what) {
    Objects.requireNonNull(at, what);
    try {
      return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(what + " " + at + " lies outside years 1677 to 2262", e);
    }
  }

  /** The changes {@code removePeer} makes: every tag goes, protections stay. */
  public static @Nullable PeerTags removePeer(@Nullable PeerTags stored) {
    return TagRules.withoutTags(stored);
  }

  /** {@code removePeer}'s part in a store whose removal is not one batch (memory). */
  public void removeTags(PeerId peer) {
    write(peer, (s, now) -> removePeer(s));
  }

  /**
   * Removes every tag expired at {@code nowNanos} and every decayed-away decaying tag: one
   * write per peer holding one (cost: the peers with an expired tag and the peers holding a
   * decaying tag).
   *
   * @return how many tags were removed
   */
  public long collect(long nowNanos) {
    Set<PeerId> visit = new LinkedHashSet<>(index.expired(nowNanos));
    visit.addAll(index.withDecaying());
    long[] removed = new long[1];
    for (PeerId p : visit) {
      write(p, (s, now) -> {
        PeerTags next = live(s, nowNanos);
        if (next != s && s != null) {
          removed[0] += s.tags().size() - (next == null ? 0 : next.tags().size());
        }
        return next;
      });
    }
    return removed[0];
  }

  private final class Handle implements DecayingTag {
    private final String name;
    private final Duration interval;
    private final TagRules.Decay decay;
    private final IntBinaryOperator bump;
    private volatile boolean closed;

    Handle(String name, Duration interval, TagRules.Decay decay, IntBinaryOperator bump) {
      this.name = name;
      this.interval = interval;
      this.decay = decay;
      this.bump = bump;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Duration interval() {
      return interval;
    }

    private void checkLive() {
      checkOpen.run();
      if (closed || index.decay(name) != decay) {
        throw new IllegalStateException("decaying tag '" + name + "' is closed");
      }
    }

    @Override
    public int bump(PeerId peer, int delta) {
      checkLive();
      Objects.requireNonNull(peer, "peer id");
      int[] result = new int[1];
      write(peer, (s, now) -> {
        PeerTags live = live(s, now);
        TagEntry old = live == null ? null : live.tags().get(name);
        int cur = old == null ? 0 : (int) TagRules.current(name, old, now, index::decay);
        int v = bump.applyAsInt(cur, delta);
        result[0] = v;
        return TagRules.withTag(live, name, TagEntry.decaying(v, now), now);
      });
      return result[0];
    }

    @Override
    public boolean remove(PeerId peer) {
      checkLive();
      Objects.requireNonNull(peer, "peer id");
      boolean[] had = new boolean[1];
      write(peer, (s, now) -> {
        PeerTags live = live(s, now);
        TagEntry e = live == null ? null : live.tags().get(name);
        had[0] = e != null && e.kind() == TagEntry.DECAYING;
        return TagRules.withoutDecaying(live, name);
      });
      return had[0];
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      index.unregister(name, decay);
      try {
        checkOpen.run();
      } catch (IllegalStateException storeClosed) {
        return;
      }
      for (PeerId p : index.withDecaying()) {
        write(p, (s, now) -> TagRules.withoutDecaying(s, name));
      }
    }

    @Override
    public String toString() {
      return "DecayingTag[" + name + ", " + interval + "]";
    }
  }
}
