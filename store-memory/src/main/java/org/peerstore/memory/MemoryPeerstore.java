package org.peerstore.memory;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;
import java.util.function.Predicate;
import org.peerstore.AddrInfo;
import org.peerstore.Ban;
import org.peerstore.BanTarget;
import org.peerstore.DecayingTag;
import org.peerstore.DialHistory;
import org.peerstore.LimitExceededException;
import org.peerstore.PeerPage;
import org.peerstore.PeerSnapshot;
import org.peerstore.Peerstore;
import org.peerstore.PeerstoreBuilder;
import org.peerstore.PeerstoreEvent;
import org.peerstore.Snapshots;
import org.peerstore.TagDecay;
import org.peerstore.StoredTags;
import org.peerstore.TagInfo;
import org.peerstore.crypto.PrivKey;
import org.peerstore.crypto.PubKey;
import org.peerstore.internal.AddrStreams;
import org.peerstore.internal.DialRules;
import org.peerstore.internal.EventHub;
import org.peerstore.internal.GcLoop;
import org.peerstore.internal.InputLimits;
import org.peerstore.internal.Limits;
import org.peerstore.internal.MetadataValues;
import org.peerstore.internal.PeerOrder;
import org.peerstore.internal.SnapshotRules;
import org.peerstore.internal.Ttl;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Peerstore} held in memory (docs/CONTRACT.md). Build one with
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
 * the call. A call racing with {@link #close()} may still take effect. Bans are not per-peer
 * state: each ban, unban and ban collection is atomic under the ban book's own lock, checks
 * ({@code isBanned}) take no lock, and {@link #bans()} is one consistent state.
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
 *       {@link LimitExceededException} ({@code too many signed peer records}) and changes nothing,
 *       as go returns an error; peers with a stored record can still replace it. A record
 *       counts until its peer has no stored address (then the record goes too).
 * </ul>
 *
 * <p><b>Input bounds</b> (builder options shared with every store, see
 * {@link PeerstoreBuilder}): envelope size, addresses per record, multiaddr length, protocol
 * length and count, metadata key and value size. A call exceeding one throws
 * {@link LimitExceededException} before changing anything. Null arguments throw
 * {@link NullPointerException} naming the argument; calls after {@link #close()} throw
 * {@link IllegalStateException}.
 *
 * <p><b>Garbage collection.</b> Expired addresses are invisible at once; a background daemon
 * thread named {@code peerstore-memory-gc-N} removes them every {@code gcInterval} (default one
 * minute; zero disables it), and {@link #collectGarbage()} does so on demand. Expiry is indexed
 * by a priority queue of (expiry, peer) entries, so a collection costs what expired plus stale
 * queue entries, never a scan of all peers. Addresses downgraded from connected expire and are
 * collected like any other. Expired bans are collected by the same pass, from the ban index's
 * expiry order (cost: what expired). Address streams deliver on daemon threads named
 * {@code peerstore-memory-stream-N-M}. {@link #close()} stops and joins all of them.
 *
 * <p><b>Structure.</b> This class only delegates: each book is a package-private part
 * ({@code AddrBook}, {@code RecordBook}, {@code KeyBook}, {@code ProtocolBook},
 * {@code MetadataBook}, {@code LatencyBook}, {@code MemoryBanBook}) and every write of a peer's
 * books goes through {@code PeerWrites}; bans are not per-peer state and have their own lock
 * (docs/ARCHITECTURE.md).
 */
public final class MemoryPeerstore implements Peerstore, Snapshots {

  /** Default global cap of unconnected addresses (go-libp2p's). */
  public static final long DEFAULT_MAX_UNCONNECTED_ADDRS = 1_000_000;
  /** Default global cap of signed records (go-libp2p's). */
  public static final long DEFAULT_MAX_SIGNED_RECORDS = 100_000;
  private static final AtomicInteger INSTANCES = new AtomicInteger();
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final int instance = INSTANCES.incrementAndGet();
  private final Clock clock;
  private final Limits limits;
  private final InputLimits inputLimits;
  private final MetadataValues metadataValues;
  private final AddrStreams streams;
  private final EventHub events;
  private final PeerWrites writes;
  private final AddrBook addrBook;
  private final RecordBook recordBook;
  private final KeyBook keyBook;
  private final ProtocolBook protocolBook;
  private final MetadataBook metadataBook;
  private final LatencyBook latencyBook;
  private final MemoryBanBook banBook;
  private final MemoryTagBook tagBook;
  private final MemoryDialBook dialBook;
  private final GcLoop gc;

  /**
   * A builder with the defaults of docs/CONTRACT.md: the system UTC clock, 64 unconnected
   * addresses per peer, the global caps above, 128 protocols per peer, garbage collection every
   * minute.
   */
  public static MemoryPeerstoreBuilder builder() {
    return new MemoryPeerstoreBuilder();
  }

  MemoryPeerstore(Clock clock, Limits limits, InputLimits inputLimits,
      MetadataValues metadataValues, Duration gcInterval, DialRules dialRules,
      int eventBufferSize) {
    this.clock = clock;
    this.limits = limits;
    this.inputLimits = inputLimits;
    this.metadataValues = metadataValues;
    this.streams = new AddrStreams(streamThreadPrefix());
    this.events = new EventHub(streamThreadPrefix() + "events-", eventBufferSize);
    this.writes = new PeerWrites(limits, streams);
    this.addrBook = new AddrBook(writes, streams, clock, limits, inputLimits);
    this.recordBook = new RecordBook(writes, clock, limits, inputLimits);
    this.keyBook = new KeyBook(writes);
    this.protocolBook = new ProtocolBook(writes, limits, inputLimits);
    this.metadataBook = new MetadataBook(writes, inputLimits, metadataValues);
    this.latencyBook = new LatencyBook(writes);
    this.banBook = new MemoryBanBook(writes, clock);
    this.tagBook = new MemoryTagBook(writes, clock, events::publish);
    this.dialBook = new MemoryDialBook(writes, banBook, addrBook::liveAddrs, dialRules, clock);
    this.gc = new GcLoop(gcInterval, gcThreadName(), MemoryPeerstore.class.getName(), "in memory",
        this::collect);
  }

  /** The name of this store's garbage-collection thread. */
  String gcThreadName() {
    return "peerstore-memory-gc-" + instance;
  }

  /** How many entries the expiry queue holds, stale ones included (for tests). */
  int expiryQueueSize() {
    return writes.expiryQueueSize();
  }

  /** The start of the names of this store's address-stream threads. */
  String streamThreadPrefix() {
    return "peerstore-memory-stream-" + instance + "-";
  }

  @Override
  public void addAddrs(PeerId peer, Collection<Multiaddr> addrs, Duration ttl) {
    addrBook.addAddrs(peer, addrs, ttl);
  }

  @Override
  public void setAddrs(PeerId peer, Collection<Multiaddr> addrs, Duration ttl) {
    addrBook.setAddrs(peer, addrs, ttl);
  }

  @Override
  public void updateAddrs(PeerId peer, Duration oldTtl, Duration newTtl) {
    addrBook.updateAddrs(peer, oldTtl, newTtl);
  }

  @Override
  public List<Multiaddr> addrs(PeerId peer) {
    return addrBook.addrs(peer);
  }

  /**
   * {@inheritDoc} Signals are delivered on this store's stream threads; see {@link AddrStreams}.
   */
  @Override
  public Flow.Publisher<Multiaddr> addrStream(PeerId peer) {
    return addrBook.addrStream(peer);
  }

  @Override
  public void clearAddrs(PeerId peer) {
    addrBook.clearAddrs(peer);
  }

  /** {@inheritDoc} Includes peers whose addresses have all expired but were not collected yet. */
  @Override
  public Set<PeerId> peersWithAddrs() {
    return addrBook.peersWithAddrs();
  }

  /**
   * {@inheritDoc}
   * @throws LimitExceededException over an input bound, or ({@code too many signed peer
   *     records}) at a full {@code maxSignedRecords} cap for a peer without a record; no change
   */
  @Override
  public boolean consumePeerRecord(Envelope envelope, Duration ttl) {
    boolean accepted = recordBook.consumePeerRecord(envelope, ttl);
    if (accepted) {
      events.publish(new PeerstoreEvent.RecordAccepted(
          envelope.peerRecord().peerId(), envelope.peerRecord().seq()));
    }
    return accepted;
  }

  @Override
  public Optional<Envelope> peerRecord(PeerId peer) {
    return recordBook.peerRecord(peer);
  }

  @Override
  public Optional<PubKey> pubKey(PeerId peer) {
    return keyBook.pubKey(peer);
  }

  @Override
  public void addPubKey(PeerId peer, PubKey key) {
    keyBook.addPubKey(peer, key);
  }

  @Override
  public Optional<PrivKey> privKey(PeerId peer) {
    return keyBook.privKey(peer);
  }

  @Override
  public void addPrivKey(PeerId peer, PrivKey key) {
    keyBook.addPrivKey(peer, key);
  }

  @Override
  public Set<PeerId> peersWithKeys() {
    return keyBook.peersWithKeys();
  }

  @Override
  public Set<String> protocols(PeerId peer) {
    return protocolBook.protocols(peer);
  }

  @Override
  public void addProtocols(PeerId peer, Collection<String> protocols) {
    protocolBook.addProtocols(peer, protocols);
  }

  @Override
  public void setProtocols(PeerId peer, Collection<String> protocols) {
    protocolBook.setProtocols(peer, protocols);
  }

  @Override
  public void removeProtocols(PeerId peer, Collection<String> protocols) {
    protocolBook.removeProtocols(peer, protocols);
  }

  /** {@inheritDoc} A {@code byte[]} value is a fresh copy on every call. */
  @Override
  public Optional<Object> get(PeerId peer, String key) {
    return metadataBook.get(peer, key);
  }

  /**
   * {@inheritDoc} Values are kept in the encoding of {@link MetadataValues}, so a {@code byte[]} is
   * copied and a registered type goes through its codec, exactly as in the RocksDB store.
   *
   * @throws IllegalArgumentException if {@code value} is null or its type is not supported
   */
  @Override
  public void put(PeerId peer, String key, Object value) {
    metadataBook.put(peer, key, value);
  }

  @Override
  public void recordLatency(PeerId peer, Duration sample) {
    latencyBook.recordLatency(peer, sample);
  }

  @Override
  public Duration latencyEwma(PeerId peer) {
    return latencyBook.latencyEwma(peer);
  }

  @Override
  public Ban ban(BanTarget target, String reason, Duration duration) {
    Ban ban = banBook.ban(target, reason, duration);
    events.publish(new PeerstoreEvent.BanAdded(ban));
    return ban;
  }

  @Override
  public boolean unban(BanTarget target) {
    boolean lifted = banBook.unban(target);
    if (lifted) {
      events.publish(new PeerstoreEvent.BanRemoved(target));
    }
    return lifted;
  }

  @Override
  public Optional<Ban> banOf(BanTarget target) {
    return banBook.banOf(target);
  }

  @Override
  public List<Ban> bans() {
    return banBook.bans();
  }

  @Override
  public boolean isBanned(PeerId peer) {
    return banBook.isBanned(peer);
  }

  @Override
  public boolean isBanned(InetAddress address) {
    return banBook.isBanned(address);
  }

  @Override
  public boolean isBanned(Multiaddr address) {
    return banBook.isBanned(address);
  }

  @Override
  public void tagPeer(PeerId peer, String tag, int value, Duration ttl) {
    tagBook.ops().tagPeer(peer, tag, value, ttl);
  }

  @Override
  public boolean untagPeer(PeerId peer, String tag) {
    return tagBook.ops().untagPeer(peer, tag);
  }

  @Override
  public int upsertTag(PeerId peer, String tag, IntUnaryOperator upsert) {
    return tagBook.ops().upsertTag(peer, tag, upsert);
  }

  @Override
  public Optional<TagInfo> tagInfo(PeerId peer) {
    return tagBook.ops().tagInfo(peer);
  }

  @Override
  public void protect(PeerId peer, String tag) {
    tagBook.ops().protect(peer, tag);
  }

  @Override
  public boolean unprotect(PeerId peer, String tag) {
    return tagBook.ops().unprotect(peer, tag);
  }

  @Override
  public boolean isProtected(PeerId peer, String tag) {
    return tagBook.ops().isProtected(peer, tag);
  }

  @Override
  public boolean isProtected(PeerId peer) {
    return tagBook.ops().isProtected(peer);
  }

  @Override
  public List<PeerId> trimCandidates(int n) {
    return tagBook.ops().trimCandidates(n);
  }

  @Override
  public DecayingTag registerDecayingTag(String name, Duration interval, TagDecay decay,
      IntBinaryOperator bump) {
    return tagBook.ops().registerDecayingTag(name, interval, decay, bump);
  }

  @Override
  public java.util.Set<PeerId> peersWithTags() {
    return tagBook.ops().peersWithTags();
  }

  @Override
  public Optional<StoredTags> storedTags(PeerId peer) {
    return tagBook.ops().storedTags(peer);
  }

  @Override
  public void restoreTags(StoredTags tags) {
    tagBook.ops().restoreTags(tags);
  }

  @Override
  public void recordDialAttempt(PeerId peer, Multiaddr addr) {
    dialBook.record(peer, DialRules.Kind.ATTEMPT, addr, null);
  }

  @Override
  public void recordDialSuccess(PeerId peer, Multiaddr addr) {
    dialBook.record(peer, DialRules.Kind.SUCCESS, addr, null);
  }

  @Override
  public void recordDialFailure(PeerId peer, Multiaddr addr, String reason) {
    dialBook.record(peer, DialRules.Kind.FAILURE, addr, reason);
  }

  @Override
  public void recordConnected(PeerId peer) {
    dialBook.record(peer, DialRules.Kind.CONNECTED, null, null);
  }

  @Override
  public void recordDisconnected(PeerId peer) {
    dialBook.record(peer, DialRules.Kind.DISCONNECTED, null, null);
  }

  @Override
  public Optional<DialHistory> dialHistory(PeerId peer) {
    return dialBook.dialHistory(peer);
  }

  @Override
  public boolean inBackoff(PeerId peer) {
    return dialBook.inBackoff(peer);
  }

  @Override
  public Optional<Instant> backoffUntil(PeerId peer) {
    return dialBook.backoffUntil(peer);
  }

  @Override
  public Optional<Instant> backoffUntil(PeerId peer, Multiaddr addr) {
    return dialBook.backoffUntil(peer, addr);
  }

  @Override
  public Set<PeerId> peersWithDialHistory() {
    return dialBook.peersWithDialHistory();
  }

  @Override
  public void restoreDialHistory(DialHistory history) {
    dialBook.restoreDialHistory(history);
  }

  @Override
  public List<AddrInfo> dialCandidates(int n, Predicate<? super PeerId> filter) {
    return dialBook.dialCandidates(n, filter);
  }

  /** How many bans are stored, expired but uncollected ones included (for tests). */
  long storedBanCount() {
    return banBook.storedCount();
  }

  /** {@inheritDoc} Peers known only by a latency sample are not included. */
  @Override
  public Set<PeerId> peers() {
    writes.checkOpen();
    return writes.peerIds();
  }

  @Override
  public void removePeer(PeerId peer) {
    writes.checkOpen();
    latencyBook.remove(peer);
    dialBook.remove(peer);
    boolean removed = writes.removePeer(peer);
    tagBook.ops().removeTags(peer);
    if (removed) {
      events.publish(new PeerstoreEvent.PeerRemoved(peer));
    }
  }

  /** {@inheritDoc} Weakly consistent: each peer as at some moment of the call. */
  @Override
  public Set<PeerId> peersWithProtocol(String protocol) {
    writes.checkOpen();
    return writes.protocolIndex().peers(Objects.requireNonNull(protocol, "protocol"));
  }

  /** {@inheritDoc} Weakly consistent: each peer as at some moment of the call. */
  @Override
  public PeerPage peersWithProtocol(String protocol, @Nullable PeerId after, int limit) {
    writes.checkOpen();
    Objects.requireNonNull(protocol, "protocol");
    return writes.protocolIndex().page(protocol, after, PeerOrder.checkLimit(limit));
  }

  /** {@inheritDoc} Weakly consistent: each peer as at some moment of the call. */
  @Override
  public PeerPage peers(@Nullable PeerId after, int limit) {
    writes.checkOpen();
    return writes.page(after, PeerOrder.checkLimit(limit));
  }

  @Override
  public Flow.Publisher<PeerstoreEvent> events() {
    writes.checkOpen();
    return events.publisher();
  }

  /** How many (protocol, peer) entries the protocol index holds (for tests). */
  long protocolIndexSize() {
    return writes.protocolIndex().size();
  }

  /** {@inheritDoc} Takes each affected peer's lock in turn, never all at once. */
  @Override
  public long collectGarbage() {
    writes.checkOpen();
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
    if (!writes.close()) {
      return;
    }
    gc.stop(CLOSE_TIMEOUT);
    streams.close();
    events.close();
    writes.clear();
    latencyBook.clear();
    banBook.clear();
    tagBook.clear();
    dialBook.clear();
  }

  /** {@inheritDoc} Taken under the peer's lock, so it is one write's state. */
  @Override
  public Optional<PeerSnapshot> snapshot(PeerId peer) {
    writes.checkOpen();
    return Optional.ofNullable(writes.snapshot(Objects.requireNonNull(peer, "peer id")));
  }

  @Override
  public void checkRestore(PeerSnapshot snapshot) {
    writes.checkOpen();
    inputLimits.checkSnapshot(Objects.requireNonNull(snapshot, "snapshot"));
    SnapshotRules.check(snapshot, limits, metadataValues);
  }

  /**
   * {@inheritDoc} The expiry queue and the global-cap counters follow the new state; the peer's
   * next expiry is scheduled like after any address change.
   */
  @Override
  public void restore(PeerSnapshot snapshot) {
    checkRestore(snapshot);
    writes.restore(snapshot);
  }

  /** {@inheritDoc} */
  @Override
  public boolean restoreBan(Ban ban) {
    return banBook.restore(ban);
  }

  private long collect() {
    long now = Ttl.nowNanos(clock);
    banBook.collect(now);
    tagBook.ops().collect(now);
    dialBook.collect(now);
    return writes.collect(now);
  }
}
