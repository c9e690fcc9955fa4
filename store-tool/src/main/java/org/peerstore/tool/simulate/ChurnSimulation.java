package org.peerstore.tool.simulate;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.peerstore.AddrTtl;
import org.peerstore.Peerstore;
import org.peerstore.rocksdb.MaintenanceProgress;

/**
 * The peerstore workload of a real libp2p node with peer churn, run against any
 * {@link Peerstore}:
 *
 * <ul>
 *   <li><b>connect</b> peer {@code i}: {@code addAddrs(p, addrs, CONNECTED)}; then what
 *       identify learns: {@code addProtocols}, {@code addPubKey},
 *       {@code consumePeerRecord(record, CONNECTED)}, two metadata {@code put}s (agent and
 *       protocol version), and a latency sample;
 *   <li><b>lookup</b> of a random known peer, as when dialing: {@code addrs} and
 *       {@code supportsProtocols};
 *   <li><b>reconnect</b>: one connect in ten also brings back a random disconnected peer, with a
 *       newer signed record;
 *   <li><b>disconnect</b> of the oldest connection once more than a window of peers is
 *       connected: {@code updateAddrs(p, CONNECTED, TEMP)} then
 *       {@code addAddrs(p, addrs, RECENTLY_CONNECTED)}, as go-libp2p's identify does;
 *   <li><b>time</b>: the simulated clock advances by {@code span / peers} per connect, never
 *       sleeping, so peers disconnected early in the run expire before its end;
 *   <li><b>gc</b>: {@code collectGarbage()} twenty times during the run and once at its end.
 * </ul>
 *
 * <p>Each store call is timed on its own ({@link Op}); keys and signed records are made before
 * the run (in parallel) or outside the timed calls. Deterministic for a seed. Not thread-safe:
 * one simulation per instance of the store at a time.
 */
public final class ChurnSimulation {

  private static final List<String> PROTOCOLS = List.of("/ipfs/id/1.0.0", "/ipfs/id/push/1.0.0",
      "/ipfs/ping/1.0.0", "/ipfs/kad/1.0.0", "/libp2p/circuit/relay/0.2.0/stop",
      "/meshsub/1.1.0", "/meshsub/1.0.0");
  private static final List<String> KAD = List.of("/ipfs/kad/1.0.0");
  private static final int GC_RUNS = 20;

  /**
   * What to simulate.
   *
   * @param peers how many distinct remote peers connect (at least 1)
   * @param seed the seed of keys and of every random choice
   * @param span how much simulated time the run covers
   */
  public record Settings(int peers, long seed, Duration span) {
    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if {@code peers < 1} or {@code span} is not positive
     */
    public Settings {
      if (peers < 1) {
        throw new IllegalArgumentException("peers must be at least 1: " + peers);
      }
      Objects.requireNonNull(span, "span");
      if (span.isNegative() || span.isZero()) {
        throw new IllegalArgumentException("span must be positive: " + span);
      }
    }
  }

  /**
   * What a run did and how fast.
   *
   * @param byOp latency of each kind of store call
   * @param all latency of every store call
   * @param prepareNanos wall time spent making keys and records before the run
   * @param runNanos wall time of the run itself
   * @param connects connect events (first connections and reconnections)
   * @param reconnects reconnections of earlier peers
   * @param disconnects disconnect events
   * @param gcRuns garbage collections
   * @param gcRemoved addresses garbage collection removed
   * @param simulated simulated time that passed
   */
  public record Result(Map<Op, Latency> byOp, Latency all, long prepareNanos, long runNanos,
      long connects, long reconnects, long disconnects, long gcRuns, long gcRemoved,
      Duration simulated) {
    /** Copies the map. */
    public Result {
      byOp = Map.copyOf(byOp);
    }

    /** Store calls per second of time spent inside the store (one calling thread). */
    public double callsPerSecond() {
      return all.totalNanos() == 0 ? 0 : all.count() * 1e9 / all.totalNanos();
    }
  }

  private final Peerstore store;
  private final SimulatedClock clock;
  private final Settings settings;
  private final LatencyLog log = new LatencyLog();

  private ChurnSimulation(Peerstore store, SimulatedClock clock, Settings settings) {
    this.store = store;
    this.clock = clock;
    this.settings = settings;
  }

  /**
   * Runs the workload against {@code store}, whose clock must be {@code clock}.
   *
   * @param prepare told about peers prepared (keys and signed records)
   * @param run told about connect events done
   * @throws org.peerstore.StorageException if the store fails
   */
  public static Result run(Peerstore store, SimulatedClock clock, Settings settings,
      MaintenanceProgress prepare, MaintenanceProgress run) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(settings, "settings");
    return new ChurnSimulation(store, clock, settings).run(prepare, run);
  }

  private Result run(MaintenanceProgress prepare, MaintenanceProgress progress) {
    int n = settings.peers();
    long t0 = System.nanoTime();
    AtomicLong prepared = new AtomicLong();
    List<SimPeer> peers = IntStream.range(0, n).parallel()
        .mapToObj(i -> {
          SimPeer p = SimPeer.make(settings.seed(), i);
          long done = prepared.incrementAndGet();
          if (done % 1024 == 0 || done == n) {
            synchronized (prepare) {
              prepare.update(done, n);
            }
          }
          return p;
        })
        .toList();
    long prepareNanos = System.nanoTime() - t0;

    long t1 = System.nanoTime();
    SplittableRandom rng = new SplittableRandom(settings.seed());
    int window = Math.max(10, Math.min(1000, n / 20));
    int gcEvery = Math.max(1, n / GC_RUNS);
    Duration step = settings.span().dividedBy(n);
    long[] seq = new long[n];
    Deque<Integer> connected = new ArrayDeque<>();
    List<Integer> disconnected = new ArrayList<>();
    long connects = 0;
    long reconnects = 0;
    long disconnects = 0;
    long gcRuns = 0;
    long gcRemoved = 0;
    for (int i = 0; i < n; i++) {
      seq[i] = 1;
      connect(peers.get(i), peers.get(i).firstRecord(), rng);
      connects++;
      connected.add(i);
      lookup(peers.get(rng.nextInt(i + 1)));
      if (rng.nextInt(10) == 0 && !disconnected.isEmpty()) {
        int pick = rng.nextInt(disconnected.size());
        int r = disconnected.get(pick);
        disconnected.set(pick, disconnected.get(disconnected.size() - 1));
        disconnected.remove(disconnected.size() - 1);
        connect(peers.get(r), peers.get(r).record(++seq[r]), rng);
        connects++;
        reconnects++;
        connected.add(r);
      }
      while (connected.size() > window) {
        int d = connected.poll();
        disconnect(peers.get(d));
        disconnects++;
        disconnected.add(d);
      }
      clock.advance(step);
      if ((i + 1) % gcEvery == 0) {
        gcRemoved += gc();
        gcRuns++;
      }
      progress.update(i + 1, n);
    }
    while (!connected.isEmpty()) {
      disconnect(peers.get(connected.poll()));
      disconnects++;
    }
    gcRemoved += gc();
    gcRuns++;
    long runNanos = System.nanoTime() - t1;

    Map<Op, Latency> byOp = new EnumMap<>(Op.class);
    for (Op op : Op.values()) {
      byOp.put(op, log.summary(op));
    }
    return new Result(byOp, log.all(), prepareNanos, runNanos, connects, reconnects,
        disconnects, gcRuns, gcRemoved, step.multipliedBy(n));
  }

  private void connect(SimPeer p, org.peerstore.record.Envelope record, SplittableRandom rng) {
    long t = System.nanoTime();
    store.addAddrs(p.id(), p.addrs(), AddrTtl.CONNECTED);
    t = lap(Op.CONNECT, t);
    store.addProtocols(p.id(), PROTOCOLS);
    t = lap(Op.PROTOCOLS, t);
    store.addPubKey(p.id(), p.key().publicKey());
    t = lap(Op.PUB_KEY, t);
    store.consumePeerRecord(record, AddrTtl.CONNECTED);
    t = lap(Op.SIGNED_RECORD, t);
    store.put(p.id(), "AgentVersion", "go-libp2p/0.4" + rng.nextInt(3) + ".0");
    store.put(p.id(), "ProtocolVersion", "ipfs/0.1.0");
    lap(Op.METADATA, t);
    store.recordLatency(p.id(), Duration.ofMillis(5 + rng.nextInt(200)));
  }

  private void lookup(SimPeer p) {
    long t = System.nanoTime();
    store.addrs(p.id());
    store.supportsProtocols(p.id(), KAD);
    lap(Op.LOOKUP, t);
  }

  private void disconnect(SimPeer p) {
    long t = System.nanoTime();
    store.updateAddrs(p.id(), AddrTtl.CONNECTED, AddrTtl.TEMP);
    t = lap(Op.DOWNGRADE, t);
    store.addAddrs(p.id(), p.addrs(), AddrTtl.RECENTLY_CONNECTED);
    lap(Op.RECENT, t);
  }

  private long gc() {
    long t = System.nanoTime();
    long removed = store.collectGarbage();
    lap(Op.GC, t);
    return removed;
  }

  /** Records the call of {@code op} that started at {@code start}; returns now. */
  private long lap(Op op, long start) {
    long now = System.nanoTime();
    log.record(op, now - start);
    return now;
  }
}
