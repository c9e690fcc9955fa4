package org.peerstore;

import java.util.Set;
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
