package org.peerstore.memory;

import java.time.Duration;
import org.peerstore.internal.LatencyTracker;
import org.peerstore.peer.PeerId;

/**
 * The latency metrics of the memory store (docs/CONTRACT.md §8). Kept apart from the peers' states: a latency sample alone does not make a peer
 * known, so it takes no peer lock. Thread-safe.
 */
final class LatencyBook {
  private final PeerWrites writes;
  private final LatencyTracker latency = new LatencyTracker();

  LatencyBook(PeerWrites writes) {
    this.writes = writes;
  }

  void recordLatency(PeerId peer, Duration sample) {
    writes.checkOpen();
    latency.record(peer, sample);
  }

  Duration latencyEwma(PeerId peer) {
    writes.checkOpen();
    return latency.ewma(peer);
  }

  /** Forgets {@code peer}'s samples (part of {@code removePeer}). */
  void remove(PeerId peer) {
    latency.remove(peer);
  }

  /** Forgets every sample (on close). */
  void clear() {
    latency.clear();
  }
}
