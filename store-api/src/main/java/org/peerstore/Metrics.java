package org.peerstore;

import java.time.Duration;
import org.peerstore.peer.PeerId;

/**
 * Latency per peer as an exponentially weighted moving average with smoothing 0.1
 * (docs/CONTRACT.md §8). Kept in memory only. Thread-safe.
 */
public interface Metrics {

  /**
   * Records a latency sample: the first is stored as is, then {@code 0.9 old + 0.1 new}.
   *
   * @throws IllegalArgumentException if {@code sample} is negative
   */
  void recordLatency(PeerId peer, Duration sample);

  /** The current average, or {@link Duration#ZERO} when unknown. */
  Duration latencyEwma(PeerId peer);
}
