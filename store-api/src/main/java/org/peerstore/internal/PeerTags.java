package org.peerstore.internal;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The stored tag state of one peer (docs/CONTRACT.md §15): when it began, its tags by name and
 * its protections, names in {@link String#compareTo} order. What a store persists and what the
 * {@link TagIndex} holds. Immutable; never empty (a peer with no tag and no protection has no
 * state).
 *
 * @param firstSeen when the state began (epoch nanoseconds)
 * @param tags the stored tags, expired and decayed-away ones included until a write or a
 *     collection drops them; unmodifiable
 * @param protections the protections; unmodifiable
 */
public record PeerTags(long firstSeen, SortedMap<String, TagEntry> tags,
    SortedSet<String> protections) {

  /**
   * Copies the collections.
   *
   * @throws IllegalArgumentException if both are empty
   * @throws NullPointerException if a collection, a name or an entry is null
   */
  public PeerTags {
    tags = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(tags)));
    protections = Collections.unmodifiableSortedSet(new TreeSet<>(protections));
    if (tags.isEmpty() && protections.isEmpty()) {
      throw new IllegalArgumentException("a peer's tag state holds a tag or a protection");
    }
    for (Map.Entry<String, TagEntry> e : tags.entrySet()) {
      Objects.requireNonNull(e.getValue(), "tag entry");
    }
  }

  /** Whether a tag may change value without a write (an expiring or a decaying one). */
  public boolean isDynamic() {
    for (TagEntry e : tags.values()) {
      if (e.isDynamic()) {
        return true;
      }
    }
    return false;
  }

  /** Whether a decaying tag is stored. */
  public boolean hasDecaying() {
    for (TagEntry e : tags.values()) {
      if (e.kind() == TagEntry.DECAYING) {
        return true;
      }
    }
    return false;
  }

  /** The earliest expiry of an expiring tag, or {@code Long.MAX_VALUE}. */
  public long earliestExpiry() {
    long min = Long.MAX_VALUE;
    for (TagEntry e : tags.values()) {
      if (e.kind() == TagEntry.EXPIRING && e.time() < min) {
        min = e.time();
      }
    }
    return min;
  }
}
