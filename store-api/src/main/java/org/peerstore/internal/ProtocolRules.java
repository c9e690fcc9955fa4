package org.peerstore.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.peerstore.TooManyProtocolsException;

/**
 * The protocol book's rules (docs/CONTRACT.md §6) on immutable sets: a store keeps the current set
 * of a peer and replaces it with the result of {@link #add}, {@link #set} or {@link #remove}.
 * The limit applies to the size of the <em>resulting</em> set, so re-adding known protocols
 * never fails; a failing call throws before anything changes.
 *
 * <p>Results are unmodifiable and keep insertion order. Stateless and thread-safe.
 */
public final class ProtocolRules {
  private ProtocolRules() {}

  /** Message of {@link TooManyProtocolsException}. */
  public static final String TOO_MANY = "too many protocols";

  /**
   * {@code current} plus {@code ps}.
   *
   * @return {@code current} itself when nothing is new, else a new unmodifiable set
   * @throws TooManyProtocolsException if the result would have more than {@code max} protocols
   * @throws NullPointerException if an argument or a protocol is null
   */
  public static Set<String> add(Set<String> current, Collection<String> ps, int max) {
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(ps, "protocols");
    LinkedHashSet<String> out = null;
    for (String p : ps) {
      Objects.requireNonNull(p, "protocol");
      if (!current.contains(p)) {
        if (out == null) {
          out = new LinkedHashSet<>(current);
        }
        out.add(p);
      }
    }
    if (out == null) {
      return current;
    }
    if (out.size() > max) {
      throw new TooManyProtocolsException(TOO_MANY);
    }
    return Collections.unmodifiableSet(out);
  }

  /**
   * The set of {@code ps}, replacing whatever was stored.
   *
   * @throws TooManyProtocolsException if it has more than {@code max} distinct protocols
   * @throws NullPointerException if {@code ps} or a protocol is null
   */
  public static Set<String> set(Collection<String> ps, int max) {
    Objects.requireNonNull(ps, "protocols");
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (String p : ps) {
      out.add(Objects.requireNonNull(p, "protocol"));
    }
    if (out.size() > max) {
      throw new TooManyProtocolsException(TOO_MANY);
    }
    return out.isEmpty() ? Set.of() : Collections.unmodifiableSet(out);
  }

  /**
   * {@code current} without {@code ps}.
   *
   * @return {@code current} itself when nothing is removed, else a new unmodifiable set
   * @throws NullPointerException if an argument is null
   */
  public static Set<String> remove(
      Set<String> current, Collection<? extends @Nullable String> ps) {
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(ps, "protocols");
    LinkedHashSet<String> out = null;
    for (String p : ps) {
      if (p != null && current.contains(p)) {
        if (out == null) {
          out = new LinkedHashSet<>(current);
        }
        out.remove(p);
      }
    }
    if (out == null) {
      return current;
    }
    return out.isEmpty() ? Set.of() : Collections.unmodifiableSet(out);
  }

  /**
   * The protocols of {@code ps} found in {@code current}, in argument order (a protocol listed
   * twice appears twice).
   *
   * @throws NullPointerException if an argument is null
   */
  public static List<String> supports(
      Set<String> current, Collection<? extends @Nullable String> ps) {
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(ps, "protocols");
    List<String> out = new ArrayList<>();
    for (String p : ps) {
      if (p != null && current.contains(p)) {
        out.add(p);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * The first protocol of {@code ps} found in {@code current}, or empty.
   *
   * @throws NullPointerException if an argument is null
   */
  public static Optional<String> firstSupported(
      Set<String> current, Collection<? extends @Nullable String> ps) {
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(ps, "protocols");
    for (String p : ps) {
      if (p != null && current.contains(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
