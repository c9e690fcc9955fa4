package org.peerstore;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.peerstore.peer.PeerId;

/**
 * The stored tag state of one peer (docs/CONTRACT.md §15), as {@link TagBook#storedTags} reads
 * it and {@link TagBook#restoreTags} writes it back: when the state began, each tag with its
 * kind, stored value and time, and the protections. Stored values are not decayed: a decaying
 * tag carries the value and time it was written. An immutable value; never empty.
 *
 * @param peer the peer
 * @param firstSeen when the peer's tag state began
 * @param tags the tags by name (an unmodifiable map, names in {@link String#compareTo} order)
 * @param protections the protection names (an unmodifiable set, in {@link String#compareTo}
 *     order)
 */
public record StoredTags(PeerId peer, Instant firstSeen, SortedMap<String, Tag> tags,
    SortedSet<String> protections) {

  /** The kind of a stored tag. */
  public enum Kind {
    /** A tag without expiry; it has no time. */
    PLAIN,
    /** A tag with an expiry; its time is the expiry. */
    EXPIRING,
    /** A decaying tag; its time is when its value was written. */
    DECAYING
  }

  /**
   * One stored tag.
   *
   * @param kind its kind
   * @param value its stored value (for a decaying tag: the value when it was written)
   * @param time null for a {@link Kind#PLAIN} tag; the expiry of an {@link Kind#EXPIRING} tag;
   *     when a {@link Kind#DECAYING} tag was written
   */
  public record Tag(Kind kind, int value, @Nullable Instant time) {

    /**
     * Checks that the time goes with the kind.
     *
     * @throws IllegalArgumentException if a plain tag has a time or another kind has none
     * @throws NullPointerException if {@code kind} is null
     */
    public Tag {
      Objects.requireNonNull(kind, "kind");
      if ((kind == Kind.PLAIN) != (time == null)) {
        throw new IllegalArgumentException(kind == Kind.PLAIN
            ? "a plain tag has no time" : "an " + kind + " tag has a time");
      }
    }

    /** A plain tag of {@code value}. */
    public static Tag plain(int value) {
      return new Tag(Kind.PLAIN, value, null);
    }

    /** A tag of {@code value} expiring at {@code expiry}. */
    public static Tag expiring(int value, Instant expiry) {
      return new Tag(Kind.EXPIRING, value, Objects.requireNonNull(expiry, "expiry"));
    }

    /** A decaying tag of {@code value} written at {@code at}. */
    public static Tag decaying(int value, Instant at) {
      return new Tag(Kind.DECAYING, value, Objects.requireNonNull(at, "at"));
    }
  }

  /**
   * Copies the collections (into {@link String#compareTo} order).
   *
   * @throws IllegalArgumentException if there is no tag and no protection
   * @throws NullPointerException if a component, a name or a tag is null
   */
  public StoredTags {
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(firstSeen, "firstSeen");
    TreeMap<String, Tag> t = new TreeMap<>();
    for (Map.Entry<String, Tag> e : Objects.requireNonNull(tags, "tags").entrySet()) {
      t.put(Objects.requireNonNull(e.getKey(), "tag name"),
          Objects.requireNonNull(e.getValue(), "tag"));
    }
    TreeSet<String> p = new TreeSet<>();
    for (String name : Objects.requireNonNull(protections, "protections")) {
      p.add(Objects.requireNonNull(name, "protection name"));
    }
    if (t.isEmpty() && p.isEmpty()) {
      throw new IllegalArgumentException("stored tags hold a tag or a protection");
    }
    tags = Collections.unmodifiableSortedMap(t);
    protections = Collections.unmodifiableSortedSet(p);
  }

  /** {@link StoredTags} from any map and set (copied into name order). */
  public static StoredTags of(PeerId peer, Instant firstSeen, Map<String, Tag> tags,
      Set<String> protections) {
    return new StoredTags(peer, firstSeen, new TreeMap<>(tags), new TreeSet<>(protections));
  }
}
