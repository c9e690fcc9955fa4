package org.peerstore;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Flow;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

/**
 * Addresses of peers, each with a time-to-live (docs/CONTRACT.md §2–3).
 *
 * <p>Input addresses are normalised: a trailing {@code /p2p/<id>} is stripped, an address whose
 * {@code /p2p/} id is another peer is skipped, duplicates inside one call count once. An
 * address is expired when {@code now >= expiry}; expired addresses are invisible at once.
 *
 * <p>Thread-safety: every method is thread-safe, and every mutation is atomic per peer: other
 * readers and writers of the same peer see it entirely or not at all.
 */
public interface AddrBook {

  /**
   * Same as {@link #addAddrs} with one address.
   *
   * @throws NullPointerException if an argument is null
   */
  default void addAddr(PeerId peer, Multiaddr addr, Duration ttl) {
    addAddrs(peer, List.of(Objects.requireNonNull(addr, "address")), ttl);
  }

  /**
   * Adds addresses, only ever extending: {@code ttl <= 0} does nothing; for a known address the
   * ttl becomes max(old, ttl) and the expiry max(old, now + ttl), independently. New addresses
   * are published to {@link #addrStream} subscribers. Beyond the per-peer cap the unconnected
   * address that expires first is evicted.
   *
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if the store could not write
   */
  void addAddrs(PeerId peer, Collection<Multiaddr> addrs, Duration ttl);

  /**
   * Same as {@link #setAddrs} with one address.
   *
   * @throws NullPointerException if an argument is null
   */
  default void setAddr(PeerId peer, Multiaddr addr, Duration ttl) {
    setAddrs(peer, List.of(Objects.requireNonNull(addr, "address")), ttl);
  }

  /**
   * Sets addresses, overriding: {@code ttl <= 0} deletes exactly the listed addresses;
   * otherwise each listed address gets this ttl and expiry, even if shorter than before.
   *
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if the store could not write
   */
  void setAddrs(PeerId peer, Collection<Multiaddr> addrs, Duration ttl);

  /**
   * Every address whose stored ttl equals {@code oldTtl} gets {@code newTtl} and expiry
   * {@code now + newTtl}; {@code newTtl <= 0} deletes them.
   *
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if the store could not write
   */
  void updateAddrs(PeerId peer, Duration oldTtl, Duration newTtl);

  /** The unexpired addresses of {@code peer}; empty (never null) for an unknown peer. */
  List<Multiaddr> addrs(PeerId peer);

  /**
   * A stream of {@code peer}'s addresses: first the current ones, then every address inserted
   * later, never the same address twice per subscription. Writers never block on a slow
   * subscriber. Cancelling ends the subscription; closing the store completes it.
   */
  Flow.Publisher<Multiaddr> addrStream(PeerId peer);

  /**
   * Removes every address of {@code peer}, connected ones too, and its signed record.
   *
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if the store could not write
   */
  void clearAddrs(PeerId peer);

  /** Peers with at least one stored address. */
  Set<PeerId> peersWithAddrs();
}
