package org.peerstore.bench;

import java.time.Duration;
import java.util.List;

/**
 * What a benchmark drives: one store configuration or one baseline, already bound to a
 * {@link org.peerstore.bench.data.Dataset} and an address count, so every operation names its
 * peer by index. Stores answer with the public API's result; baselines with whatever their raw
 * work produces (a list, a byte array). Benchmarks hand results to JMH so nothing is optimised
 * away.
 *
 * <p>A baseline throws {@link UnsupportedOperationException} for an operation it has no floor
 * for; the benchmarks never offer that combination (their {@code impl} parameter lists leave it
 * out).
 *
 * <p>Thread-safety: as thread-safe as what it wraps; the stores and the baselines may be called
 * from any number of threads.
 */
interface Target extends AutoCloseable {

  /** Adds peer {@code peer}'s addresses at {@code ttl} ({@code addAddrs}). */
  void addAddrs(int peer, Duration ttl);

  /** Sets peer {@code peer}'s addresses to {@code ttl} ({@code setAddrs}). */
  void setAddrs(int peer, Duration ttl);

  /** {@code updateAddrs(peer, oldTtl, newTtl)}. */
  void updateAddrs(int peer, Duration oldTtl, Duration newTtl);

  /** Peer {@code peer}'s live addresses ({@code addrs}). */
  Object addrs(int peer);

  /** The addresses of unknown peer {@code peer} (a peer never stored: a miss). */
  Object addrsOfUnknown(int peer);

  /** {@code clearAddrs(peer)}. */
  void clearAddrs(int peer);

  /** Every peer with addresses ({@code peersWithAddrs}). */
  Object peersWithAddrs();

  /** Consumes peer {@code peer}'s pre-sealed record at {@code ttl}. */
  boolean consumePeerRecord(int peer, Duration ttl);

  /** Peer {@code peer}'s signed record ({@code peerRecord}). */
  Object peerRecord(int peer);

  /** Peer {@code peer}'s public key ({@code pubKey}). */
  Object pubKey(int peer);

  /** Stores peer {@code peer}'s public key ({@code addPubKey}). */
  void addPubKey(int peer);

  /** Peer {@code peer}'s protocols ({@code protocols}). */
  Object protocols(int peer);

  /** Which of {@code query} peer {@code peer} supports ({@code supportsProtocols}). */
  Object supportsProtocols(int peer, List<String> query);

  /** Adds the standard protocol set to peer {@code peer} ({@code addProtocols}). */
  void addProtocols(int peer);

  /** The metadata value of {@code key} for peer {@code peer} ({@code get}). */
  Object metadata(int peer, String key);

  /** Stores a metadata value ({@code put}); {@code value} is a String. */
  void putMetadata(int peer, String key, String value);

  /** {@code recordLatency(peer, sample)}. */
  void recordLatency(int peer, Duration sample);

  /** Closes the store or baseline and deletes its directory, if any. */
  @Override
  void close();
}
