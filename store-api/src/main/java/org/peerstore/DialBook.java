package org.peerstore;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

/**
 * The dial history of peers and their addresses, their backoff after failures, and the peers
 * worth dialing after a restart (docs/CONTRACT.md §16). Every event is stamped with the
 * store's clock. An address is normalised as in the address book (its own trailing
 * {@code /p2p/<peer>} removed); an address naming another peer is ignored (the peer's entry is
 * still updated). A persistent store keeps the history across restarts; the history of a peer
 * not seen for the retention time (builder option {@code dialRetention}, default 7 days) is
 * removed by garbage collection, and {@link Peerstore#removePeer} removes it too.
 *
 * <p>Thread-safety: every method is thread-safe. Each {@code record...} call is atomic for its
 * peer: the peer's and the address's entries change together, and readers see both changes or
 * neither. {@link #dialCandidates} is weakly consistent across peers.
 */
public interface DialBook {

  /** Longest failure reason kept, in UTF-8 bytes; a longer one is cut at a character boundary. */
  int MAX_REASON_BYTES = 256;

  /**
   * Most addresses with a history per peer; recording a new address beyond it drops the entry
   * of the address seen longest ago (docs/CONTRACT.md §16).
   */
  int MAX_ADDRS_PER_PEER = 16;

  /**
   * Records that a dial of {@code peer} at {@code addr} starts: one attempt for the peer and the
   * address, the last attempt now. Does not check backoff (call {@link #inBackoff} first).
   *
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if the store could not write (nothing is changed)
   * @throws NullPointerException if an argument is null
   */
  void recordDialAttempt(PeerId peer, Multiaddr addr);

  /**
   * Records that a dial of {@code peer} at {@code addr} succeeded: the last success and last
   * seen now, the consecutive failures of the peer and the address reset to zero (no backoff).
   *
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if the store could not write (nothing is changed)
   * @throws NullPointerException if an argument is null
   */
  void recordDialSuccess(PeerId peer, Multiaddr addr);

  /**
   * Records that a dial of {@code peer} at {@code addr} failed: the last failure now with
   * {@code reason} (cut to {@link #MAX_REASON_BYTES}), one more consecutive failure for the
   * peer and the address, whose backoff starts again from now.
   *
   * @throws IllegalArgumentException if {@code reason} holds an unpaired surrogate (nothing is
   *     changed)
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if the store could not write (nothing is changed)
   * @throws NullPointerException if an argument is null
   */
  void recordDialFailure(PeerId peer, Multiaddr addr, String reason);

  /**
   * Records that {@code peer} is connected (either direction): last seen now, and the peer's
   * consecutive failures reset to zero (its addresses' are kept).
   *
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if the store could not write (nothing is changed)
   * @throws NullPointerException if {@code peer} is null
   */
  void recordConnected(PeerId peer);

  /**
   * Records that {@code peer} disconnected: last seen now.
   *
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if the store could not write (nothing is changed)
   * @throws NullPointerException if {@code peer} is null
   */
  void recordDisconnected(PeerId peer);

  /**
   * The dial history of {@code peer}, or empty if none is stored.
   *
   * @throws IllegalStateException after {@code close()}
   * @throws NullPointerException if {@code peer} is null
   */
  Optional<DialHistory> dialHistory(PeerId peer);

  /**
   * Whether {@code peer} is in backoff now (false without history).
   *
   * @throws IllegalStateException after {@code close()}
   * @throws NullPointerException if {@code peer} is null
   */
  boolean inBackoff(PeerId peer);

  /**
   * The end of {@code peer}'s backoff, or empty if it has no failure in a row (the instant may
   * be past: the backoff is over).
   *
   * @throws IllegalStateException after {@code close()}
   * @throws NullPointerException if {@code peer} is null
   */
  Optional<Instant> backoffUntil(PeerId peer);

  /**
   * The end of the backoff of {@code peer}'s address {@code addr}, or empty if it has no
   * failure in a row.
   *
   * @throws IllegalStateException after {@code close()}
   * @throws NullPointerException if an argument is null
   */
  Optional<Instant> backoffUntil(PeerId peer, Multiaddr addr);

  /**
   * {@code dialCandidates(n, peer -> true)}.
   *
   * @throws IllegalArgumentException if {@code n} is negative
   * @throws IllegalStateException after {@code close()}
   */
  default List<AddrInfo> dialCandidates(int n) {
    return dialCandidates(n, p -> true);
  }

  /**
   * Up to {@code n} peers with a dial history worth dialing now, best first (docs/CONTRACT.md
   * §16 gives the order): accepted by {@code filter} (e.g. not connected already), not banned,
   * not in backoff, and with at least one dialable address: an unexpired address of the address
   * book that is not banned and not in backoff. Each comes with its dialable addresses, in the
   * address book's order. Answered from an index in the order given, stopping after {@code n}
   * accepted: it never reads every peer.
   *
   * @return an unmodifiable list
   * @throws IllegalArgumentException if {@code n} is negative
   * @throws IllegalStateException after {@code close()}
   * @throws NullPointerException if {@code filter} is null
   */
  List<AddrInfo> dialCandidates(int n, Predicate<? super PeerId> filter);

  /**
   * Every peer with a dial history within the retention (a walk of the in-memory index; for
   * export and operators).
   *
   * @return an unmodifiable set
   * @throws IllegalStateException after {@code close()}
   */
  Set<PeerId> peersWithDialHistory();

  /**
   * Replaces {@code history.peer()}'s dial history with {@code history} (for import): every
   * field as given, but {@code backoffUntil}, which is recomputed from the last failure and the
   * count (docs/CONTRACT.md §16). Atomic for the peer.
   *
   * @throws IllegalArgumentException if an entry is last seen before it was first seen, has a
   *     negative count, a reason over {@link #MAX_REASON_BYTES} or with an unpaired surrogate,
   *     if there are more than {@link #MAX_ADDRS_PER_PEER} addresses, or an address is not in
   *     normalised form (nothing is changed)
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if the store could not write (nothing is changed)
   * @throws NullPointerException if {@code history} is null
   */
  void restoreDialHistory(DialHistory history);
}
