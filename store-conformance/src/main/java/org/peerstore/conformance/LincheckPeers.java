package org.peerstore.conformance;

import java.time.Duration;
import java.util.List;
import org.peerstore.AddrTtl;
import org.peerstore.Peerstore;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;

/**
 * The fixed world of the linearizability tests: two peers, three addresses, four ttls, and
 * three signed records per peer, made once (signing per scenario would dominate the run).
 * Immutable and thread-safe.
 */
final class LincheckPeers {
  private LincheckPeers() {}

  static final TestPeer[] PEERS = {TestPeer.generate(), TestPeer.generate()};

  static final Multiaddr[] ADDRS = {Addrs.addr(1), Addrs.addr(2), Addrs.addr(3)};

  /** ttl choices: 0 deletes (set/update) or is ignored (add), two finite ones, connected. */
  static final Duration[] TTLS =
      {Duration.ZERO, Duration.ofHours(1), Duration.ofHours(2), AddrTtl.CONNECTED};

  /** Records of each peer: seq 1 {a0, a1}, seq 2 {a1, a2}, seq 3 {a2}. */
  static final Envelope[][] RECORDS = {records(PEERS[0]), records(PEERS[1])};

  private static Envelope[] records(TestPeer p) {
    return new Envelope[] {
        p.record(1, List.of(ADDRS[0], ADDRS[1])),
        p.record(2, List.of(ADDRS[1], ADDRS[2])),
        p.record(3, List.of(ADDRS[2]))};
  }

  static PeerId peer(int i) {
    return PEERS[i].id();
  }

  /**
   * Empties both peers' books in {@code store}, so that a store shared between Lincheck
   * invocations (a persistent one, too costly to open per invocation) starts each empty for
   * these peers, as a fresh store would.
   */
  static void reset(Peerstore store) {
    for (TestPeer p : PEERS) {
      store.clearAddrs(p.id());
      store.removePeer(p.id());
    }
  }
}
