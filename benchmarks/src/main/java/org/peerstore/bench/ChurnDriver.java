package org.peerstore.bench;

import java.time.Duration;
import java.util.List;
import org.peerstore.AddrTtl;
import org.peerstore.Peerstore;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

/**
 * The life of a node's peers, as its host drives the peerstore, on simulated time: peers
 * connect one after another, each stays connected while the next {@value #CONNECTED_WINDOW}
 * connect, then disconnects; garbage collection runs every simulated minute, and at the end
 * every address has expired and is collected.
 *
 * <ul>
 *   <li>Connect (identify): {@code addAddrs(p, addrs, CONNECTED)}.
 *   <li>Disconnect: {@code updateAddrs(p, CONNECTED, TEMP)}, then {@code addAddrs(p, addrs,
 *       RECENTLY_CONNECTED)}.
 *   <li>Expiry and GC: the clock advances {@link #STEP} per peer; every {@link #GC_EVERY} the
 *       driver calls {@code collectGarbage()}, which removes the addresses of peers
 *       disconnected more than 15 minutes (RECENTLY_CONNECTED) ago, about 600 peers a pass in
 *       the steady state, with some 9,000 recently connected and 1,000 connected peers
 *       stored.
 * </ul>
 *
 * <p>Operations counted: the {@value #CALLS_PER_PEER} store calls per peer; the garbage
 * collections' time is included but they are not counted as operations.
 *
 * <p>Stateless; a run uses only the store and clock it is given (one thread).
 */
public final class ChurnDriver {
  /** Peers going through the life in the benchmark. */
  public static final int PEERS = 100_000;
  /** Peers connected at once. */
  public static final int CONNECTED_WINDOW = 1_000;
  /** Simulated time between two connections. */
  public static final Duration STEP = Duration.ofMillis(100);
  /** Simulated time between two garbage collections. */
  public static final Duration GC_EVERY = Duration.ofMinutes(1);
  /** Store calls per peer life (one on connect, two on disconnect). */
  public static final int CALLS_PER_PEER = 3;
  /** Store calls in a run of {@link #PEERS} peers. */
  public static final int OPS = PEERS * CALLS_PER_PEER;

  private ChurnDriver() {}

  /**
   * What a run did.
   *
   * @param calls store calls made (the counted operations)
   * @param gcPasses garbage collections run
   * @param collected addresses the collections removed
   */
  public record Result(long calls, long gcPasses, long collected) {}

  /**
   * Drives {@code peers.size()} peers through their life and collects everything at the end.
   *
   * @param addrs the address lists; peer {@code i} uses {@code addrs.get(i % addrs.size())}
   */
  public static Result run(
      Peerstore store, ManualClock clock, List<PeerId> peers, List<List<Multiaddr>> addrs) {
    int n = peers.size();
    long calls = 0;
    long passes = 0;
    long collected = 0;
    long gcNanos = GC_EVERY.toNanos();
    long nextGc = clock.nanos() + gcNanos;
    for (int i = 0; i < n + CONNECTED_WINDOW; i++) {
      if (i < n) {
        store.addAddrs(peers.get(i), addrs.get(i % addrs.size()), AddrTtl.CONNECTED);
        calls++;
      }
      int leaving = i - CONNECTED_WINDOW;
      if (leaving >= 0) {
        PeerId p = peers.get(leaving);
        store.updateAddrs(p, AddrTtl.CONNECTED, AddrTtl.TEMP);
        store.addAddrs(p, addrs.get(leaving % addrs.size()), AddrTtl.RECENTLY_CONNECTED);
        calls += 2;
      }
      clock.advance(STEP);
      if (clock.nanos() >= nextGc) {
        collected += store.collectGarbage();
        passes++;
        nextGc += gcNanos;
      }
    }
    clock.advance(AddrTtl.RECENTLY_CONNECTED.plus(GC_EVERY));
    collected += store.collectGarbage();
    passes++;
    return new Result(calls, passes, collected);
  }
}
