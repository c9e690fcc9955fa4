package org.peerstore.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

/**
 * Input normalisation of the address book (docs/CONTRACT.md §3): a trailing {@code /p2p/<id>} of
 * the peer itself is stripped, an address whose trailing {@code /p2p/} id is another peer is
 * skipped, a bare {@code /p2p/<id>} (nothing left after stripping) is skipped, and duplicates
 * (by byte encoding) count once, keeping the first occurrence's position.
 *
 * <p>Stateless and thread-safe.
 */
public final class AddrNormalizer {
  private AddrNormalizer() {}

  /**
   * The normalised addresses of {@code as} for peer {@code p}, in first-occurrence order.
   *
   * @return a new list (possibly empty, never null) that the caller may keep
   * @throws NullPointerException if {@code p}, {@code as} or an element of {@code as} is null
   */
  public static List<Multiaddr> normalize(PeerId p, Collection<Multiaddr> as) {
    Objects.requireNonNull(p, "peer id");
    Objects.requireNonNull(as, "addresses");
    int n = as.size();
    if (n == 0) {
      return new ArrayList<>(0);
    }
    List<Multiaddr> out = new ArrayList<>(n);
    // Sets pay off only for larger inputs; small ones are checked by a linear scan.
    Set<Multiaddr> seen = n > 8 ? new HashSet<>(n * 2) : null;
    for (Multiaddr a : as) {
      Multiaddr clean = normalize(p, a);
      if (clean == null) {
        continue;
      }
      boolean duplicate = seen != null ? !seen.add(clean) : out.contains(clean);
      if (!duplicate) {
        out.add(clean);
      }
    }
    return out;
  }

  /**
   * One address normalised for {@code p}: the address without its own trailing
   * {@code /p2p/<p>}, or null when it names another peer or is only {@code /p2p/<p>}.
   *
   * @throws NullPointerException if an argument is null
   */
  public static @Nullable Multiaddr normalize(PeerId p, Multiaddr a) {
    Objects.requireNonNull(a, "address");
    Optional<PeerId> id = a.peerId();
    if (id.isEmpty()) {
      return a;
    }
    if (!id.get().equals(p)) {
      return null;
    }
    return a.withoutPeerId().orElse(null);
  }
}
