package org.peerstore;

import java.util.Set;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;
import org.peerstore.peer.PeerId;

/**
 * Everything a node knows about its peers: addresses with time-to-live, signed records, keys,
 * protocols, metadata and latency, and bans of peers, addresses and subnets (docs/CONTRACT.md).
 * Implementations: {@code MemoryPeerstore}
 * (store-memory) and {@code RocksPeerstore} (store-rocksdb); both behave identically on
 * everything the conformance suite observes.
 *
 * <p>Thread-safety: every method is thread-safe. Calls after {@link #close()} throw
 * {@link IllegalStateException}. Every collection a store returns is an unmodifiable copy
 * (addresses in insertion order, protocols in stored order), never a live view.
 */
public interface Peerstore
    extends AddrBook, CertifiedAddrBook, KeyBook, ProtoBook, PeerMetadata, Metrics, BanBook,
    TagBook, DialBook, AutoCloseable {

  /** The peer and its unexpired addresses. */
  default AddrInfo peerInfo(PeerId peer) {
    return new AddrInfo(peer, addrs(peer));
  }

  /** Every peer with anything stored in any book (addresses, keys, protocols, metadata). */
  Set<PeerId> peers();

  /**
   * The peers whose protocol set holds {@code protocol}, answered from an index of the protocol
   * sets (docs/CONTRACT.md §17): the cost is the number of such peers, not of all peers.
   * Weakly consistent in both stores (each peer as at some moment of the call): both answer
   * from the index in memory.
   *
   * @throws NullPointerException if {@code protocol} is null
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if the store could not read
   */
  Set<PeerId> peersWithProtocol(String protocol);

  /**
   * One page of {@link #peersWithProtocol(String)} in peer order (docs/CONTRACT.md §17): up to
   * {@code limit} peers after {@code after} (null: from the start).
   *
   * @throws IllegalArgumentException if {@code limit} is not in 1..10,000
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if the store could not read
   */
  PeerPage peersWithProtocol(String protocol, @Nullable PeerId after, int limit);

  /**
   * One page of {@link #peers()} in peer order (docs/CONTRACT.md §17): up to {@code limit}
   * peers after {@code after} (null: from the start), at a cost proportional to the page, not to
   * the number of peers. Walking with {@link PeerPage#next()} as the next {@code after}, every
   * peer present during the whole walk appears exactly once; a peer added or removed during the
   * walk appears at most once.
   *
   * @throws IllegalArgumentException if {@code limit} is not in 1..10,000
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if the store could not read
   */
  PeerPage peers(@Nullable PeerId after, int limit);

  /**
   * The store's change events (docs/CONTRACT.md §17): ban and unban, record accepted, peer
   * removed. Each event is published after its write is committed and its locks released;
   * writers never wait for a subscriber: each subscription buffers a bounded number of events
   * (builder option {@code eventBufferSize}), and what overflows is dropped and announced by a
   * {@link PeerstoreEvent.EventsDropped}. {@code request(n)} is honoured, {@code cancel()} ends a
   * subscription, {@link #close()} completes every one.
   *
   * @throws IllegalStateException after {@code close()}
   */
  Flow.Publisher<PeerstoreEvent> events();

  /**
   * Removes {@code peer}'s keys, protocols, metadata, latency, tags and dial history; not its
   * addresses or signed record (those go with {@link #clearAddrs} or expiry), not a ban of the
   * peer, and not its protections (docs/CONTRACT.md §15, §16).
   */
  void removePeer(PeerId peer);

  /**
   * Removes every expired address now, the signed records of peers left without addresses,
   * every expired ban (docs/CONTRACT.md §14), and every expired or decayed-away tag (§15).
   * Runs by itself in the background too; its cost is proportional to what expired (for tags:
   * also the peers holding a decaying tag).
   *
   * @return how many addresses were removed (collected bans and tags are not counted)
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if the store could not write
   */
  long collectGarbage();

  /** Stops background work, completes address streams, releases every resource. Idempotent. */
  @Override
  void close();
}
