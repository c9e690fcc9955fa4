package org.peerstore.memory;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.peerstore.AddrInfo;
import org.peerstore.PeerSnapshot;
import org.peerstore.Peerstore;
import org.peerstore.PeerstoreBuilder;
import org.peerstore.PeerstoreException;
import org.peerstore.Snapshots;
import org.peerstore.crypto.PrivKey;
import org.peerstore.crypto.PubKey;
import org.peerstore.internal.AddrNormalizer;
import org.peerstore.internal.AddrState;
import org.peerstore.internal.AddrStreams;
import org.peerstore.internal.KeyRules;
import org.peerstore.internal.LatencyTracker;
import org.peerstore.internal.Limits;
import org.peerstore.internal.MetadataValues;
import org.peerstore.internal.OpenGuard;
import org.peerstore.internal.ProtocolRules;
import org.peerstore.internal.RecordRules;
import org.peerstore.internal.SnapshotRules;
import org.peerstore.internal.Ttl;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;
import org.peerstore.record.PeerRecord;

/**
 * A {@link Peerstore} held in memory (PEERSTORE.md). Build one with
 * {@code MemoryPeerstore.builder().clock(clock)....build()}; nothing survives {@link #close()}.
 *
 * <p><b>Thread-safety.</b> Every method is thread-safe. Each mutation is atomic per peer: one
 * lock per peer covers all of that peer's books, so other readers and writers see a mutation
 * entirely or not at all, and the seq check, stale-address removal, address insertion and
 * record storage of {@link #consumePeerRecord} form one step. Writers of different peers never
 * wait for each other. Reads take no lock: they see the last mutation of that peer completed
 * before the read (each write publishes immutable snapshots). Operations over many peers
 * ({@link #peers()}, {@link #peersWithAddrs()}, {@link #peersWithKeys()},
 * {@link #collectGarbage()}) are weakly consistent: they reflect each peer at some moment during
 * the call. A call racing with {@link #close()} may still take effect.
 *
 * <p><b>Global caps</b> (builder options, as go-libp2p's {@code pstoremem}; 0 disables):
 *
 * <ul>
 *   <li>{@code maxUnconnectedAddrs} (default {@value #DEFAULT_MAX_UNCONNECTED_ADDRS}): when the
 *       store holds that many unconnected addresses, a new unconnected address is not stored
 *       (the call returns normally, nothing is evicted from other peers), and an address set or
 *       updated from connected to a finite ttl is deleted, as go does. Connected addresses are
 *       always accepted, and extending or refreshing a stored address always works (go ignores
 *       the whole call when full; we only refuse growth). A per-peer eviction makes room by
 *       itself, so a peer at its own cap can still replace addresses. The cap is never exceeded,
 *       even within one call (go checks once per call); under concurrent writers near the cap
 *       an address may be refused although room is about to be freed.
 *   <li>{@code maxSignedRecords} (default {@value #DEFAULT_MAX_SIGNED_RECORDS}): when that many
 *       peers have a stored record, {@link #consumePeerRecord} of a peer without one throws a
 *       {@link PeerstoreException} ({@code too many signed peer records}) and changes nothing,
 *       as go returns an error; peers with a stored record can still replace it. A record
 *       counts until its peer has no stored address (then the record goes too).
 * </ul>
 *
 * <p><b>Garbage collection.</b> Expired addresses are invisible at once; a background daemon
 * thread named {@code peerstore-memory-gc-N} removes them every {@code gcInterval} (default one
 * minute; zero disables it), and {@link #collectGarbage()} does so on demand. Expiry is indexed
 * by a priority queue of (expiry, peer) entries, so a collection costs what expired plus stale
 * queue entries, never a scan of all peers. Addresses downgraded from connected expire and are
 * collected like any other. Address streams deliver on daemon threads named
 * {@code peerstore-memory-stream-N-M}. {@link #close()} stops and joins all of them.
 */
public final class MemoryPeerstore implements Peerstore, Snapshots {

  /** Default global cap of unconnected addresses (go-libp2p's). */
  public static final long DEFAULT_MAX_UNCONNECTED_ADDRS = 1_000_000;

  /** Default global cap of signed records (go-libp2p's). */
  public static final long DEFAULT_MAX_SIGNED_RECORDS = 100_000;

  private static final System.Logger LOG = System.getLogger(MemoryPeerstore.class.getName());
  private static final AtomicInteger INSTANCES = new AtomicInteger();
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final int instance = INSTANCES.incrementAndGet();
  private final Clock clock;
  private final Limits limits;
  private final MetadataValues metadataValues;
  private final ConcurrentHashMap<PeerId, PeerState> peers = new ConcurrentHashMap<>();
  private final ExpiryQueue expiries = new ExpiryQueue();
  /** Unconnected addresses stored; maintained only when that cap is on. */
  private final AtomicLong unconnectedCount = new AtomicLong();
  /** Signed records stored; maintained only when that cap is on. */
  private final AtomicLong recordCount = new AtomicLong();
  private final LatencyTracker latency = new LatencyTracker();
  private final AddrStreams streams;
  private final OpenGuard guard = new OpenGuard();
  private final CountDownLatch stopGc = new CountDownLatch(1);
  private final Thread gcThread;

  /**
   * A builder with the defaults of PEERSTORE.md: the system UTC clock, 64 unconnected addresses
   * per peer, the global caps above, 128 protocols per peer, garbage collection every minute.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds {@link MemoryPeerstore}s. It adds no options to {@link PeerstoreBuilder}'s. Not
   * thread-safe.
   */
  public static final class Builder extends PeerstoreBuilder<Builder, MemoryPeerstore> {
    private Builder() {
      super(DEFAULT_MAX_UNCONNECTED_ADDRS, DEFAULT_MAX_SIGNED_RECORDS);
    }

    /**
     * Creates the store and starts its garbage-collection thread (unless the interval is zero).
     *
     * @throws IllegalArgumentException if a registered metadata type id is longer than 65535
     *     UTF-8 bytes
     */
    @Override
    public MemoryPeerstore build() {
      return new MemoryPeerstore(clock(), limits(), metadataValues(), gcInterval());
    }
  }

  private MemoryPeerstore(
      Clock clock, Limits limits, MetadataValues metadataValues, Duration gcInterval) {
    this.clock = clock;
    this.limits = limits;
    this.metadataValues = metadataValues;
    this.streams = new AddrStreams(streamThreadPrefix());
    if (gcInterval.isZero()) {
      this.gcThread = null;
    } else {
      long intervalNanos = Ttl.toNanos(gcInterval);
      this.gcThread = new Thread(() -> gcLoop(intervalNanos), gcThreadName());
      this.gcThread.setDaemon(true);
      this.gcThread.start();
    }
  }

  /** The name of this store's garbage-collection thread. */
  String gcThreadName() {
    return "peerstore-memory-gc-" + instance;
  }

  /** How many entries the expiry queue holds, stale ones included (for tests). */
  int expiryQueueSize() {
    return expiries.size();
  }

  /** The start of the names of this store's address-stream threads. */
  String streamThreadPrefix() {
    return "peerstore-memory-stream-" + instance + "-";
  }

  // ------------------------------------------------------------------------------ address book

  /**
   * {@inheritDoc}
   *
   * @throws NullPointerException if an argument is null
   */
  @Override
  public void addAddr(PeerId p, Multiaddr a, Duration ttl) {
    addAddrs(p, List.of(Objects.requireNonNull(a, "address")), ttl);
  }

  /**
   * {@inheritDoc}
   *
   * @throws NullPointerException if an argument or an address is null
   */
  @Override
  public void addAddrs(PeerId p, Collection<Multiaddr> as, Duration ttl) {
    guard.checkOpen();
    List<Multiaddr> normalized = AddrNormalizer.normalize(p, as);
    long ttlNanos = Ttl.toNanos(ttl);
    if (ttlNanos <= 0 || normalized.isEmpty()) {
      return;
    }
    long now = now();
    mutateAddrs(p, Ttl.isConnected(ttlNanos) ? 0 : normalized.size(),
        (s, room) -> s.addrs.add(normalized, ttlNanos, now, limits, room));
  }

  /**
   * {@inheritDoc}
   *
   * @throws NullPointerException if an argument is null
   */
  @Override
  public void setAddr(PeerId p, Multiaddr a, Duration ttl) {
    setAddrs(p, List.of(Objects.requireNonNull(a, "address")), ttl);
  }

  /**
   * {@inheritDoc}
   *
   * @throws NullPointerException if an argument or an address is null
   */
  @Override
  public void setAddrs(PeerId p, Collection<Multiaddr> as, Duration ttl) {
    guard.checkOpen();
    List<Multiaddr> normalized = AddrNormalizer.normalize(p, as);
    long ttlNanos = Ttl.toNanos(ttl);
    if (normalized.isEmpty() || (ttlNanos <= 0 && !peers.containsKey(p))) {
      return;
    }
    long now = now();
    mutateAddrs(p, ttlNanos <= 0 || Ttl.isConnected(ttlNanos) ? 0 : normalized.size(),
        (s, room) -> s.addrs.set(normalized, ttlNanos, now, limits, room));
  }

  /**
   * {@inheritDoc}
   *
   * @throws NullPointerException if an argument is null
   */
  @Override
  public void updateAddrs(PeerId p, Duration oldTtl, Duration newTtl) {
    guard.checkOpen();
    Objects.requireNonNull(p, "peer id");
    long oldNanos = Ttl.toNanos(oldTtl);
    long newNanos = Ttl.toNanos(newTtl);
    PeerState existing = peers.get(p);
    if (existing == null || existing.view.addrs().isEmpty()) {
      return;
    }
    long now = now();
    // Only connected addresses downgraded to a finite ttl can need room.
    boolean downgrade = Ttl.isConnected(oldNanos) && newNanos > 0 && !Ttl.isConnected(newNanos);
    mutateAddrs(p, downgrade ? existing.view.addrs().size() : 0,
        (s, room) -> s.addrs.update(oldNanos, newNanos, now, limits, room));
  }

  /**
   * {@inheritDoc}
   *
   * @return an unmodifiable list in insertion order
   * @throws IllegalStateException after {@code close()}
   * @throws NullPointerException if {@code p} is null
   */
  @Override
  public List<Multiaddr> addrs(PeerId p) {
    guard.checkOpen();
    return liveAddrs(p);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Signals are delivered on this store's stream threads; see {@link AddrStreams}.
   *
   * @throws IllegalStateException after {@code close()}
   * @throws NullPointerException if {@code p} is null
   */
  @Override
  public Flow.Publisher<Multiaddr> addrStream(PeerId p) {
    guard.checkOpen();
    return streams.publisher(p, this::liveAddrs);
  }

  /**
   * {@inheritDoc}
   *
   * @throws NullPointerException if {@code p} is null
   */
  @Override
  public void clearAddrs(PeerId p) {
    guard.checkOpen();
    Objects.requireNonNull(p, "peer id");
    if (!peers.containsKey(p)) {
      return;
    }
    write(p, s -> {
      int unconnectedBefore = s.addrs.unconnectedCount();
      s.addrs.clear();
      adjustUnconnected(-unconnectedBefore);
      afterAddrChange(s);
      return null;
    });
  }

  /**
   * {@inheritDoc}
   *
   * <p>Includes peers whose addresses have all expired but were not collected yet.
   *
   * @return an unmodifiable copy
   * @throws IllegalStateException after {@code close()}
   */
  @Override
  public Set<PeerId> peersWithAddrs() {
    guard.checkOpen();
    Set<PeerId> out = new HashSet<>();
    for (PeerState s : peers.values()) {
      if (!s.view.addrs().isEmpty()) {
        out.add(s.id);
      }
    }
    return Collections.unmodifiableSet(out);
  }

  // -------------------------------------------------------------------- certified address book

  /**
   * {@inheritDoc}
   *
   * @throws PeerstoreException with message {@code too many signed peer records} when the
   *     {@code maxSignedRecords} cap is reached and the peer has no stored record (nothing is
   *     changed)
   * @throws NullPointerException if an argument is null
   */
  @Override
  public boolean consumePeerRecord(Envelope e, Duration ttl) {
    guard.checkOpen();
    PeerRecord rec = RecordRules.check(e);
    long ttlNanos = Ttl.toNanos(ttl);
    PeerId p = rec.peerId();
    List<Multiaddr> normalized = AddrNormalizer.normalize(p, rec.addrs());
    long now = now();
    AddrState.Change change = write(p, s -> {
      boolean hadRecord = s.envelope != null;
      if (RecordRules.visible(hadRecord, s.addrs, now)
          && !RecordRules.accepts(s.record.seq(), rec.seq())) {
        return null;
      }
      if (!hadRecord) {
        reserveRecord();
      }
      boolean stored = false;
      try {
        int unconnectedBefore = s.addrs.unconnectedCount();
        long room = reserveUnconnected(normalized.size());
        AddrState.Change c;
        try {
          c = RecordRules.apply(s.addrs, s.record, normalized, ttlNanos, now, limits, room);
        } finally {
          settleUnconnected(room, s.addrs.unconnectedCount() - unconnectedBefore);
        }
        s.envelope = e;
        s.record = rec;
        stored = true;
        afterAddrChange(s);
        return c;
      } finally {
        if (!stored && !hadRecord) {
          releaseRecord();
        }
      }
    });
    if (change == null) {
      return false;
    }
    streams.publish(p, change.inserted());
    return true;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException after {@code close()}
   * @throws NullPointerException if {@code p} is null
   */
  @Override
  public Optional<Envelope> peerRecord(PeerId p) {
    guard.checkOpen();
    PeerState s = peers.get(Objects.requireNonNull(p, "peer id"));
    if (s == null) {
      return Optional.empty();
    }
    PeerState.AddrView v = s.view;
    return RecordRules.visible(v.record() != null, v.addrs(), now())
        ? Optional.of(v.record())
        : Optional.empty();
  }

  // ---------------------------------------------------------------------------------- key book

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException after {@code close()}
   * @throws NullPointerException if {@code p} is null
   */
  @Override
  public Optional<PubKey> pubKey(PeerId p) {
    guard.checkOpen();
    PeerState s = peers.get(Objects.requireNonNull(p, "peer id"));
    PubKey k = s == null ? null : s.pubKey;
    return k != null ? Optional.of(k) : p.extractPublicKey();
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException after {@code close()}
   * @throws NullPointerException if an argument is null
   */
  @Override
  public void addPubKey(PeerId p, PubKey k) {
    guard.checkOpen();
    KeyRules.checkPubKey(p, k);
    write(p, s -> {
      s.pubKey = k;
      return null;
    });
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException after {@code close()}
   * @throws NullPointerException if {@code p} is null
   */
  @Override
  public Optional<PrivKey> privKey(PeerId p) {
    guard.checkOpen();
    PeerState s = peers.get(Objects.requireNonNull(p, "peer id"));
    return s == null ? Optional.empty() : Optional.ofNullable(s.privKey);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException after {@code close()}
   * @throws NullPointerException if an argument is null
   */
  @Override
  public void addPrivKey(PeerId p, PrivKey k) {
    guard.checkOpen();
    KeyRules.checkPrivKey(p, k);
    write(p, s -> {
      s.privKey = k;
      return null;
    });
  }

  /**
   * {@inheritDoc}
   *
   * @return an unmodifiable copy
   * @throws IllegalStateException after {@code close()}
   */
  @Override
  public Set<PeerId> peersWithKeys() {
    guard.checkOpen();
    Set<PeerId> out = new HashSet<>();
    for (PeerState s : peers.values()) {
      if (s.pubKey != null || s.privKey != null) {
        out.add(s.id);
      }
    }
    return Collections.unmodifiableSet(out);
  }

  // ----------------------------------------------------------------------------- protocol book

  /**
   * {@inheritDoc}
   *
   * @return an unmodifiable set in insertion order
   * @throws IllegalStateException after {@code close()}
   * @throws NullPointerException if {@code p} is null
   */
  @Override
  public Set<String> protocols(PeerId p) {
    guard.checkOpen();
    return protocolsOf(p);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException after {@code close()}
   * @throws NullPointerException if an argument or a protocol is null
   */
  @Override
  public void addProtocols(PeerId p, Collection<String> ps) {
    guard.checkOpen();
    Objects.requireNonNull(p, "peer id");
    Objects.requireNonNull(ps, "protocols");
    write(p, s -> {
      s.protocols = ProtocolRules.add(s.protocols, ps, limits.maxProtocols());
      return null;
    });
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException after {@code close()}
   * @throws NullPointerException if an argument or a protocol is null
   */
  @Override
  public void setProtocols(PeerId p, Collection<String> ps) {
    guard.checkOpen();
    Objects.requireNonNull(p, "peer id");
    Set<String> next = ProtocolRules.set(ps, limits.maxProtocols());
    if (next.isEmpty() && !peers.containsKey(p)) {
      return;
    }
    write(p, s -> {
      s.protocols = next;
      return null;
    });
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException after {@code close()}
   * @throws NullPointerException if an argument is null
   */
  @Override
  public void removeProtocols(PeerId p, Collection<String> ps) {
    guard.checkOpen();
    Objects.requireNonNull(p, "peer id");
    Objects.requireNonNull(ps, "protocols");
    if (protocolsOf(p).isEmpty()) {
      return;
    }
    write(p, s -> {
      s.protocols = ProtocolRules.remove(s.protocols, ps);
      return null;
    });
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException after {@code close()}
   * @throws NullPointerException if an argument is null
   */
  @Override
  public List<String> supportsProtocols(PeerId p, Collection<String> ps) {
    guard.checkOpen();
    return ProtocolRules.supports(protocolsOf(p), ps);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException after {@code close()}
   * @throws NullPointerException if an argument is null
   */
  @Override
  public Optional<String> firstSupportedProtocol(PeerId p, Collection<String> ps) {
    guard.checkOpen();
    return ProtocolRules.firstSupported(protocolsOf(p), ps);
  }

  // ---------------------------------------------------------------------------------- metadata

  /**
   * {@inheritDoc}
   *
   * <p>A {@code byte[]} value is a fresh copy on every call.
   *
   * @throws IllegalStateException after {@code close()}
   * @throws NullPointerException if an argument is null
   */
  @Override
  public Optional<Object> get(PeerId p, String key) {
    guard.checkOpen();
    Objects.requireNonNull(key, "key");
    PeerState s = peers.get(Objects.requireNonNull(p, "peer id"));
    byte[] bytes = s == null ? null : s.metadata.get(key);
    return bytes == null ? Optional.empty() : Optional.of(metadataValues.decode(bytes));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Values are kept in the encoding of {@link MetadataValues}, so a {@code byte[]} is copied
   * and a registered type goes through its codec, exactly as in the RocksDB store.
   *
   * @throws IllegalArgumentException if {@code value} is null or its type is not supported
   * @throws IllegalStateException after {@code close()}
   * @throws NullPointerException if {@code p} or {@code key} is null
   */
  @Override
  public void put(PeerId p, String key, Object value) {
    guard.checkOpen();
    Objects.requireNonNull(p, "peer id");
    Objects.requireNonNull(key, "key");
    byte[] encoded = metadataValues.encode(value);
    write(p, s -> {
      Map<String, byte[]> next = new HashMap<>(s.metadata);
      next.put(key, encoded);
      s.metadata = Collections.unmodifiableMap(next);
      return null;
    });
  }

  // ----------------------------------------------------------------------------------- metrics

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code sample} is negative
   * @throws IllegalStateException after {@code close()}
   * @throws NullPointerException if an argument is null
   */
  @Override
  public void recordLatency(PeerId p, Duration sample) {
    guard.checkOpen();
    latency.record(p, sample);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException after {@code close()}
   * @throws NullPointerException if {@code p} is null
   */
  @Override
  public Duration latencyEwma(PeerId p) {
    guard.checkOpen();
    return latency.ewma(p);
  }

  // ------------------------------------------------------------------------------------ peers

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException after {@code close()}
   * @throws NullPointerException if {@code p} is null
   */
  @Override
  public AddrInfo peerInfo(PeerId p) {
    guard.checkOpen();
    return new AddrInfo(p, liveAddrs(p));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Peers known only by a latency sample are not included.
   *
   * @return an unmodifiable copy
   * @throws IllegalStateException after {@code close()}
   */
  @Override
  public Set<PeerId> peers() {
    guard.checkOpen();
    return Collections.unmodifiableSet(new HashSet<>(peers.keySet()));
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException after {@code close()}
   * @throws NullPointerException if {@code p} is null
   */
  @Override
  public void removePeer(PeerId p) {
    guard.checkOpen();
    latency.remove(p);
    if (!peers.containsKey(p)) {
      return;
    }
    write(p, s -> {
      s.pubKey = null;
      s.privKey = null;
      s.protocols = Set.of();
      s.metadata = Map.of();
      return null;
    });
  }

  /**
   * {@inheritDoc}
   *
   * <p>Takes each affected peer's lock in turn, never all at once.
   */
  @Override
  public long collectGarbage() {
    guard.checkOpen();
    return collect();
  }

  /**
   * Stops and joins the garbage-collection thread, completes every address stream and joins
   * the stream threads (each wait bounded by ten seconds, in case a subscriber blocks), then
   * drops all data. Idempotent; every other method throws {@link IllegalStateException}
   * afterwards.
   */
  @Override
  public void close() {
    if (!guard.close()) {
      return;
    }
    stopGc.countDown();
    if (gcThread != null && gcThread != Thread.currentThread()) {
      try {
        gcThread.join(CLOSE_TIMEOUT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    streams.close();
    peers.clear();
    expiries.clear();
    latency.clear();
  }

  // --------------------------------------------------------------------------------- snapshots

  /**
   * {@inheritDoc}
   *
   * <p>Taken under the peer's lock, so it is one write's state.
   */
  @Override
  public Optional<PeerSnapshot> snapshot(PeerId p) {
    guard.checkOpen();
    PeerState s = peers.get(Objects.requireNonNull(p, "peer id"));
    if (s == null) {
      return Optional.empty();
    }
    synchronized (s) {
      if (s.dead) {
        return Optional.empty();
      }
      return Optional.ofNullable(SnapshotRules.of(p, s.addrs.entries(), s.envelope, s.pubKey,
          s.privKey, s.protocols, s.metadata));
    }
  }

  /** {@inheritDoc} */
  @Override
  public void checkRestore(PeerSnapshot snap) {
    guard.checkOpen();
    SnapshotRules.check(Objects.requireNonNull(snap, "snapshot"), limits, metadataValues);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The expiry queue and the global-cap counters follow the new state; the peer's next
   * expiry is scheduled like after any address change.
   */
  @Override
  public void restore(PeerSnapshot snap) {
    checkRestore(snap);
    PeerId p = snap.peer();
    List<AddrState.Entry> entries = SnapshotRules.entries(snap);
    if (snap.isEmpty() && !peers.containsKey(p)) {
      return;
    }
    AddrState.Change change = write(p, s -> {
      int unconnectedBefore = s.addrs.unconnectedCount();
      long delta = snap.unconnectedCount() - unconnectedBefore;
      boolean hadRecord = s.envelope != null;
      long reserved = delta > 0 ? reserveUnconnected(delta) : 0;
      boolean recordTaken = false;
      boolean done = false;
      try {
        SnapshotRules.checkAddrRoom(delta, reserved);
        if (!hadRecord && snap.record() != null) {
          reserveRecord();
          recordTaken = true;
        }
        AddrState.Change c = s.addrs.replaceAll(entries);
        if (hadRecord && snap.record() == null) {
          releaseRecord();
        }
        s.envelope = snap.record();
        s.record = snap.record() == null ? null : snap.record().peerRecord();
        s.pubKey = snap.pubKey();
        s.privKey = snap.privKey();
        s.protocols = snap.protocols();
        Map<String, byte[]> metadata = new HashMap<>();
        snap.metadata().forEach((k, v) -> metadata.put(k, v.clone()));
        s.metadata = metadata.isEmpty() ? Map.of() : Collections.unmodifiableMap(metadata);
        afterAddrChange(s);
        done = true;
        return c;
      } finally {
        settleUnconnected(reserved, done ? delta : 0);
        if (!done && recordTaken) {
          releaseRecord();
        }
      }
    });
    streams.publish(p, change.inserted());
  }

  // ---------------------------------------------------------------------------------- internals

  /** A change of a peer's addresses under its lock, given the global room it may use. */
  @FunctionalInterface
  private interface AddrOp {
    AddrState.Change apply(PeerState s, long globalRoom);
  }

  /**
   * Runs {@code op} under {@code p}'s lock with global room for up to {@code maxNew} new
   * unconnected addresses, keeps the counters and the expiry queue in step, then publishes the
   * inserted addresses outside the lock.
   */
  private void mutateAddrs(PeerId p, int maxNew, AddrOp op) {
    AddrState.Change change = write(p, s -> {
      int unconnectedBefore = s.addrs.unconnectedCount();
      long room = reserveUnconnected(maxNew);
      AddrState.Change c;
      try {
        c = op.apply(s, room);
      } finally {
        settleUnconnected(room, s.addrs.unconnectedCount() - unconnectedBefore);
      }
      if (c.modified()) {
        afterAddrChange(s);
      }
      return c;
    });
    streams.publish(p, change.inserted());
  }

  /**
   * After a change of {@code s.addrs} (under its lock): drops the record of a peer left without
   * addresses, publishes the new view and schedules the next expiry.
   */
  private void afterAddrChange(PeerState s) {
    if (s.addrs.isEmpty() && s.envelope != null) {
      s.envelope = null;
      s.record = null;
      releaseRecord();
    }
    s.publishView();
    scheduleExpiry(s);
  }

  /** Queues {@code s}'s next expiry unless an earlier entry is queued (under its lock). */
  private void scheduleExpiry(PeerState s) {
    long next = s.addrs.nextExpiry();
    if (next < s.scheduledExpiry) {
      s.scheduledExpiry = next;
      expiries.add(next, s.id);
    }
  }

  /**
   * Runs {@code fn} under the lock of {@code p}'s state, creating the state if needed, and
   * removes the state from the map if {@code fn} left it empty. A writer that finds a state
   * removed concurrently retries with a fresh one, so no write is lost.
   */
  private <T> T write(PeerId p, Function<PeerState, T> fn) {
    Objects.requireNonNull(p, "peer id");
    while (true) {
      PeerState s = peers.computeIfAbsent(p, PeerState::new);
      synchronized (s) {
        if (s.dead) {
          continue;
        }
        try {
          return fn.apply(s);
        } finally {
          retireIfEmpty(s);
        }
      }
    }
  }

  /** Removes {@code s} from the map if nothing is left in it (under its lock). */
  private void retireIfEmpty(PeerState s) {
    if (s.isEmpty()) {
      s.dead = true;
      peers.remove(s.id, s);
    }
  }

  private long collect() {
    long now = now();
    long removed = 0;
    for (ExpiryQueue.Due d = expiries.pollDue(now); d != null; d = expiries.pollDue(now)) {
      PeerState s = peers.get(d.peer());
      if (s == null) {
        continue;
      }
      synchronized (s) {
        if (s.dead || s.scheduledExpiry != d.expiry()) {
          continue; // a stale entry: the peer's live entry is elsewhere in the queue
        }
        s.scheduledExpiry = Long.MAX_VALUE;
        int unconnectedBefore = s.addrs.unconnectedCount();
        int n = s.addrs.removeExpired(now);
        adjustUnconnected(s.addrs.unconnectedCount() - unconnectedBefore);
        removed += n;
        if (n > 0) {
          afterAddrChange(s);
        } else {
          scheduleExpiry(s);
        }
        retireIfEmpty(s);
      }
    }
    return removed;
  }

  private void gcLoop(long intervalNanos) {
    try {
      while (!stopGc.await(intervalNanos, TimeUnit.NANOSECONDS)) {
        try {
          collect();
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "memory peerstore garbage collection failed", e);
        }
      }
    } catch (InterruptedException e) {
      // Interrupted by someone else than close(): stop collecting.
      Thread.currentThread().interrupt();
    }
  }

  private List<Multiaddr> liveAddrs(PeerId p) {
    PeerState s = peers.get(Objects.requireNonNull(p, "peer id"));
    return s == null ? List.of() : s.view.addrs().live(now());
  }

  private Set<String> protocolsOf(PeerId p) {
    PeerState s = peers.get(Objects.requireNonNull(p, "peer id"));
    return s == null ? Set.of() : s.protocols;
  }

  private long now() {
    return Ttl.nowNanos(clock);
  }

  /**
   * Reserves global room for up to {@code wanted} new unconnected addresses (so concurrent
   * writers of other peers cannot overshoot the cap); {@code Long.MAX_VALUE} without a cap.
   */
  private long reserveUnconnected(long wanted) {
    if (limits.maxUnconnectedAddrs() == 0) {
      return Long.MAX_VALUE;
    }
    while (true) {
      long current = unconnectedCount.get();
      long room = Math.min(wanted, limits.unconnectedRoom(current));
      if (room <= 0 || unconnectedCount.compareAndSet(current, current + room)) {
        return Math.max(0, room);
      }
    }
  }

  /** Returns the unused part of a reservation once the real change {@code delta} is known. */
  private void settleUnconnected(long reserved, long delta) {
    if (limits.maxUnconnectedAddrs() != 0) {
      unconnectedCount.addAndGet(delta - reserved);
    }
  }

  private void adjustUnconnected(long delta) {
    if (limits.maxUnconnectedAddrs() != 0 && delta != 0) {
      unconnectedCount.addAndGet(delta);
    }
  }

  /** Takes one slot of the record cap, or throws when it is full. */
  private void reserveRecord() {
    if (limits.maxSignedRecords() == 0) {
      return;
    }
    while (true) {
      long current = recordCount.get();
      RecordRules.checkRecordRoom(limits, current);
      if (recordCount.compareAndSet(current, current + 1)) {
        return;
      }
    }
  }

  private void releaseRecord() {
    if (limits.maxSignedRecords() != 0) {
      recordCount.decrementAndGet();
    }
  }
}
