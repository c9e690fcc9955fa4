package org.peerstore.peermanager;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.peerstore.Peerstore;
import org.peerstore.peer.PeerId;

/**
 * Celestia's shrex peer manager (docs/PEER-MANAGER.md). Thread-safe: every method takes one
 * lock briefly; futures complete outside it.
 */
public interface PeerManager {

  /** A builder of a manager over {@code store} (its ban book holds blacklisted peers). */
  static PeerManagerBuilder builder(Peerstore store) {
    return new PeerManagerBuilder(store);
  }

  /**
   * {@code peer} announced that it has the data of {@code key} at {@code height}: it joins the
   * key's pool (created unvalidated). Ignored if the key is blacklisted, its pool was dropped as
   * too old, or the peer is banned.
   */
  void announced(String key, long height, PeerId peer);

  /**
   * The caller checked {@code key}: a valid key's pool is kept while its height is among the
   * latest N; an invalid key's pool is dropped, the key blacklisted and its announcers banned.
   */
  void validate(String key, boolean valid);

  /** A full node was discovered: it joins the fallback pool (unless banned). */
  void discovered(PeerId peer);

  /** A peer disconnected: it leaves every pool. */
  void lost(PeerId peer);

  /**
   * A peer for {@code key}: from the key's pool round-robin, else from the discovered nodes;
   * if neither has an available peer, completes as soon as one has, or exceptionally with
   * {@link java.util.concurrent.TimeoutException} after {@code timeout}. A blacklisted key
   * completes exceptionally with {@link BlacklistedKeyException} at once.
   */
  CompletableFuture<PeerId> peer(String key, Duration timeout);

  /** Reports how using {@code peer} went. */
  void release(PeerId peer, Result result);

  /**
   * Drops unvalidated pools older than the validation timeout (their keys blacklisted) and
   * validated pools below the latest N heights; runs by itself too, from the scheduler.
   */
  void gc();

  /** Whether {@code key} is blacklisted (bounded LRU: the oldest drops out beyond the cap). */
  boolean isBlacklisted(String key);

  /** Peers in {@code key}'s pool now (available or cooling down); 0 if there is no pool. */
  int poolSize(String key);

  /** Pools held now (not counting the discovered nodes). */
  int poolCount();
}
