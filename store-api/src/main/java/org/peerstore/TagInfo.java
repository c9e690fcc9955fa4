package org.peerstore;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the tag book knows of one peer at one instant (docs/CONTRACT.md §15), as go-libp2p's
 * {@code connmgr.TagInfo}: when its tag state began, the sum of its tags' values, each tag's
 * current value (a decaying tag's decayed value, computed at the read) and the tags protecting
 * it.
 *
 * @param firstSeen when the peer's tag state began: the first tag or protection written while
 *     it had none
 * @param value the sum of {@code tags}' values (a {@code long}: it cannot overflow)
 * @param tags each live tag's current value, by name in {@link String#compareTo} order;
 *     unmodifiable
 * @param protections the tags protecting the peer, in {@link String#compareTo} order;
 *     unmodifiable
 */
public record TagInfo(Instant firstSeen, long value, Map<String, Integer> tags,
    Set<String> protections) {

  /**
   * Copies {@code tags} and {@code protections} into unmodifiable collections (iteration order
   * kept).
   *
   * @throws NullPointerException if an argument, a name or a value is null
   */
  public TagInfo {
    Objects.requireNonNull(firstSeen, "firstSeen");
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(tags, "tags")));
    tags.forEach((k, v) -> {
      Objects.requireNonNull(k, "tag name");
      Objects.requireNonNull(v, "tag value");
    });
    protections = Collections.unmodifiableSet(
        new LinkedHashSet<>(Objects.requireNonNull(protections, "protections")));
    protections.forEach(t -> Objects.requireNonNull(t, "protection"));
  }

  /** Whether any tag protects the peer. */
  public boolean isProtected() {
    return !protections.isEmpty();
  }
}
