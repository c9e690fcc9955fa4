package org.peerstore.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.peerstore.PeerPage;
import org.peerstore.peer.PeerId;

/**
 * The peer order of paged walks (docs/CONTRACT.md §17): a shorter id first, ids of one length
 * by unsigned bytes. It is the order of the RocksDB store's framed keys ({@code [len][id]}), so
 * both stores page identically. Stateless and thread-safe.
 */
public final class PeerOrder {

  /** Most peers one page may hold. */
  public static final int MAX_PAGE = 10_000;

  /** The peer order. */
  public static final Comparator<PeerId> COMPARATOR = PeerOrder::compare;

  private PeerOrder() {}

  /** Compares two peers in the peer order. */
  public static int compare(PeerId a, PeerId b) {
    // No copies: a sorted set of peers compares on every insert and lookup.
    int la = a.byteLength();
    int lb = b.byteLength();
    if (la != lb) {
      return Integer.compare(la, lb);
    }
    return a.compareTo(b);
  }

  /**
   * Checks a page limit.
   *
   * @throws IllegalArgumentException if {@code limit} is not in 1..{@value #MAX_PAGE}
   */
  public static int checkLimit(int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("page limit must be 1 to " + MAX_PAGE + ": " + limit);
    }
    return limit;
  }

  /**
   * The page of {@code peers} (in peer order, at most {@code limit + 1} of them so that a full
   * page knows whether more follow).
   */
  public static PeerPage page(List<PeerId> peers, int limit) {
    Objects.requireNonNull(peers, "peers");
    if (peers.size() > limit) {
      List<PeerId> page = peers.subList(0, limit);
      return new PeerPage(page, page.get(limit - 1));
    }
    return new PeerPage(peers, null);
  }
}
