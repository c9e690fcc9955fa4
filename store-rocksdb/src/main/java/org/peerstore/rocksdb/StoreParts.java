package org.peerstore.rocksdb;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.peerstore.PeerPage;
import org.peerstore.PeerstoreEvent;
import org.peerstore.internal.AddrStreams;
import org.peerstore.internal.EventHub;
import org.peerstore.internal.GcLoop;
import org.peerstore.internal.GlobalCaps;
import org.peerstore.internal.InputLimits;
import org.peerstore.internal.LatencyTracker;
import org.peerstore.internal.PeerOrder;
import org.peerstore.internal.ProtocolPeers;
import org.peerstore.internal.Ttl;
import org.peerstore.peer.PeerId;
import org.jspecify.annotations.Nullable;

/**
 * The parts of one open {@link RocksPeerstore}, built together at open and released together
 * at close: the RocksDB access ({@link StoreDb}), the cache ({@link PeerStates}), the one write
 * path ({@link PeerWrites}), one part per book, the expiry collector and its background loop,
 * the address streams and snapshots, and the ban and tag books (their indexes in memory). The facade only delegates to these; the peer-level calls
 * that span books ({@link #peers}, {@link #removePeer}) and the lifecycle live here.
 *
 * <p>Thread-safe as its parts are.
 */
// "try": resources held only for their scope (a use of the store) are never read.
@SuppressWarnings("try")
final class StoreParts {
  private static final System.Logger LOG = System.getLogger(RocksPeerstore.class.getName());
  /** Lock stripes: enough that unrelated peers rarely share one. */
  private static final int LOCK_STRIPES = 1024;
  /** Longest wait for the background threads when closing. */
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  final Path dir;
  final Clock clock;
  final UseGuard guard = new UseGuard();
  final CorruptionLog corruption;
  final StoreDb db;
  final PeerStates states;
  final RocksBanBook bans;
  final RocksTagBook tags;
  final PeerWrites writes;
  final PeerScans scans;
  final RocksAddrBook addrs;
  final RocksRecordBook records;
  final RocksKeyBook keys;
  final RocksProtocolBook protocols;
  final RocksMetadataBook metadata;
  final RocksDialBook dials;
  final LatencyTracker latency = new LatencyTracker();
  final ExpiryCollector collector;
  final AddrStreams streams;
  /** The change events (docs/CONTRACT.md §17). */
  final EventHub events;
  /** The protocol index in memory, or null (a read-only open of a store without the index). */
  private final @Nullable ProtocolPeers protocolPeers;

  /** The peers with a stored address value, in memory; null if the open could not load them. */
  private final @Nullable AddrPeers addrPeers;
  final PeerPages pages;
  /** When writes are durable (docs/CONTRACT.md §18). */
  final Durability durability;
  final RocksSnapshots snapshots;
  final GcLoop gc;
  /** Encrypts private keys; null without {@code privateKeyProtection}. */
  final @Nullable KeyProtector protector;
  /** Completed {@link #collectGarbage} calls and the addresses they removed. */
  private final LongAdder onDemandRuns = new LongAdder();
  private final LongAdder onDemandRemoved = new LongAdder();

  /**
   * Opens the database and builds every part.
   *
   * @param threadNumber N in the thread names ({@code peerstore-rocksdb-gc-N-1})
   * @throws org.peerstore.StorageException if the database cannot be opened (nothing is left
   *     open)
   */
  StoreParts(RocksPeerstoreBuilder.Settings settings, int threadNumber) {
    this.dir = settings.dir();
    this.durability = settings.durability();
    this.clock = settings.clock();
    this.protector = settings.protector();
    this.corruption = new CorruptionLog(dir.toString());
    this.db = StoreOpen.live(dir, settings.tuning(), settings.readOnly());
    GlobalCaps caps = new GlobalCaps(settings.limits());
    RocksBanBook banBook;
    try {
      CapCounts.load(caps, db, corruption);
      banBook = RocksBanBook.open(db, guard, clock, corruption);
    } catch (RuntimeException | Error e) {
      db.close();
      throw e;
    }
    this.bans = banBook;
    InputLimits inputLimits = settings.inputLimits();
    StripedLocks locks = new StripedLocks(LOCK_STRIPES);
    this.states = new PeerStates(db, corruption, locks, guard, settings.cacheSizeBytes(),
        settings.recordCacheHits());
    this.streams = new AddrStreams(RocksPeerstore.STREAM_THREAD_PREFIX + threadNumber + "-");
    this.scans = new PeerScans(db, corruption);
    try {
      this.protocolPeers = ProtocolIndex.load(db, corruption);
      this.addrPeers = AddrPeers.load(scans, db.dir());
      if (addrPeers != null) {
        states.knowAddrKeys(addrPeers, !caps.counting());
      }
    } catch (RuntimeException | Error e) {
      db.close();
      throw e;
    }
    this.writes = new PeerWrites(
        states, locks, guard, caps, streams, clock, protocolPeers, addrPeers);
    // No thread runs until an event is published: nothing to release if the open fails.
    this.events = new EventHub(
        RocksPeerstore.STREAM_THREAD_PREFIX + threadNumber + "-events-", settings.eventBufferSize());
    try {
      this.tags = RocksTagBook.open(db, guard, writes, clock, corruption, events::publish);
    } catch (RuntimeException | Error e) {
      db.close();
      throw e;
    }
    this.addrs = new RocksAddrBook(
        guard, writes, db, scans, addrPeers, streams, clock, settings.limits(), inputLimits);
    this.records = new RocksRecordBook(guard, writes, db, clock, settings.limits(), inputLimits);
    this.keys = new RocksKeyBook(guard, writes, db, scans, protector);
    this.protocols = new RocksProtocolBook(guard, writes, db, settings.limits(), inputLimits);
    this.metadata = new RocksMetadataBook(
        guard, writes, db, corruption, settings.metadataValues(), inputLimits);
    try {
      this.dials = RocksDialBook.open(guard, writes, db, locks, bans, addrs,
          settings.dialRules(), clock, corruption);
    } catch (RuntimeException | Error e) {
      db.close();
      throw e;
    }
    this.pages = new PeerPages(db, corruption, List.of(
        new PeerPages.Source(ColumnFamily.ADDRS, (p, k, v) -> ValueCodec.addrCount(v) > 0),
        new PeerPages.Source(ColumnFamily.KEYS, RocksKeyBook::keyCounts),
        new PeerPages.Source(
            ColumnFamily.PROTOCOLS, (p, k, v) -> !ValueCodec.decodeProtocols(v).isEmpty()),
        new PeerPages.Source(ColumnFamily.METADATA, metadata::counts)));
    this.collector = new ExpiryCollector(db, writes, guard, corruption, false);
    this.snapshots = new RocksSnapshots(db, writes, locks, guard, settings.limits(),
        settings.metadataValues(), inputLimits, protector, bans);
    if (!settings.readOnly() && settings.durability().mode() == Durability.Mode.GROUPED) {
      // Last: everything above loaded from RocksDB alone, and a failed open leaves no writer.
      db.startGrouped(settings.durability(),
          RocksPeerstore.COMMIT_THREAD_PREFIX + threadNumber + "-1");
    }
    // A read-only store writes nothing: no background collection.
    this.gc = new GcLoop(settings.readOnly() ? Duration.ZERO : settings.gcInterval(),
        RocksPeerstore.GC_THREAD_PREFIX + threadNumber + "-1", RocksPeerstore.class.getName(),
        dir.toString(),
        this::collect);
  }

  /**
   * Returns once every write acknowledged before this call is in the write-ahead log (at once
   * unless the durability is grouped).
   */
  void flush() {
    guard.checkOpen();
    try (UseGuard.Use use = guard.enter()) {
      db.flushPending();
    }
  }

  /**
   * Every peer with a stored address (from {@link AddrPeers}), key, protocol or metadata value (a
   * scan of each of the others).
   */
  Set<PeerId> peers() {
    guard.checkOpen();
    Set<PeerId> peers = PeerScans.newSet();
    try (UseGuard.Use use = guard.enter()) {
      if (addrPeers != null) {
        peers.addAll(addrPeers.snapshot());
      } else {
        scans.collect(ColumnFamily.ADDRS, AddrPeers::counts, peers);
      }
      scans.collect(ColumnFamily.KEYS, RocksKeyBook::keyCounts, peers);
      scans.collect(
          ColumnFamily.PROTOCOLS, (p, k, v) -> !ValueCodec.decodeProtocols(v).isEmpty(), peers);
      scans.collect(ColumnFamily.METADATA, metadata::counts, peers);
    }
    return Collections.unmodifiableSet(peers);
  }

  /** {@code removePeer}: the latency sample, then the peer's books ({@link PeerRemoval}). */
  void removePeer(PeerId peer) {
    guard.checkOpen();
    Objects.requireNonNull(peer, "peer id");
    latency.remove(peer);
    if (dials.removePeer(peer, tags.withRemoval(peer, new PeerRemoval(db, peer)))) {
      events.publish(new PeerstoreEvent.PeerRemoved(peer));
    }
  }

  /**
   * The peers with {@code protocol}, from the in-memory copy of the protocol index (weakly
   * consistent: each peer as at some moment of the call); without one, from the column family.
   */
  Set<PeerId> peersWithProtocol(String protocol) {
    guard.checkOpen();
    Objects.requireNonNull(protocol, "protocol");
    if (protocolPeers != null) {
      return protocolPeers.peers(protocol);
    }
    try (UseGuard.Use use = guard.enter()) {
      return ProtocolIndex.peers(db, scans, corruption, protocol);
    }
  }

  /** One page of {@link #peersWithProtocol(String)} in the peer order. */
  PeerPage peersWithProtocol(String protocol, @Nullable PeerId after, int limit) {
    guard.checkOpen();
    Objects.requireNonNull(protocol, "protocol");
    PeerOrder.checkLimit(limit);
    if (protocolPeers != null) {
      return protocolPeers.page(protocol, after, limit);
    }
    try (UseGuard.Use use = guard.enter()) {
      return ProtocolIndex.page(db, scans, corruption, protocol, after, limit);
    }
  }

  /** One page of {@link #peers()} in the peer order (one consistent read). */
  PeerPage peers(@Nullable PeerId after, int limit) {
    guard.checkOpen();
    PeerOrder.checkLimit(limit);
    try (UseGuard.Use use = guard.enter()) {
      return pages.page(after, limit);
    }
  }

  /** One collection of what expired by now. */
  long collectGarbage() {
    guard.checkOpen();
    long removed = collect();
    onDemandRuns.increment();
    onDemandRemoved.add(removed);
    return removed;
  }

  /**
   * Expired bans, expired and decayed-away tags, dial history past retention, then expired
   * addresses (the count returned).
   */
  private long collect() {
    long now = Ttl.nowNanos(clock);
    bans.collect(now);
    tags.ops().collect(now);
    dials.collect(now);
    return collector.collect(now);
  }

  /** What the store counted so far ({@link StatsReader}). */
  RocksPeerstoreStats stats() {
    guard.checkOpen();
    try (UseGuard.Use use = guard.enter()) {
      return StatsReader.read(this, onDemandRuns.sum(), onDemandRemoved.sum());
    }
  }

  /** Stops the background work, waits for calls in flight and releases every resource. */
  void close() {
    guard.close(this::stopBackgroundWork, this::releaseResources);
  }

  // ------------------------------------------------------------------------ for tests only

  /** How many RocksDB reads, writes and scans this store made. */
  long rocksCallCount() {
    return db.callCount();
  }

  /** How many times peer state was loaded from RocksDB. */
  long loadCount() {
    return states.loadCount();
  }

  /** How many addresses the background collector removed. */
  long backgroundCollectedCount() {
    return gc.collected();
  }

  /** How many Argon2id key derivations ran (0 without protection). */
  long keyDerivationCount() {
    return protector == null ? 0 : protector.derivationCount();
  }

  /** How many bans are stored, expired but uncollected ones included. */
  long storedBanCount() {
    return bans.storedCount();
  }

  /** How many peers the cache holds now. */
  long cachedPeerCount() {
    return states.cachedCount();
  }

  /**
   * Whether the cache's read map holds exactly the entries its Caffeine policy holds (true
   * whenever no write is in flight).
   */
  boolean cacheMapsAgree() {
    return states.hotMatchesPolicy();
  }

  private void stopBackgroundWork() {
    if (!gc.stop(CLOSE_TIMEOUT)) {
      LOG.log(Level.WARNING, "peerstore {0}: garbage collector did not stop in time", dir);
    }
    streams.close();
    events.close();
  }

  private void releaseResources() {
    states.clear();
    bans.clear();
    if (protocolPeers != null) {
      protocolPeers.clear();
    }
    if (addrPeers != null) {
      addrPeers.clear();
    }
    tags.clear();
    dials.clear();
    latency.clear();
    if (protector != null) {
      protector.destroy();
    }
    try {
      db.stopGrouped(); // commits what is pending; a failed grouped commit throws from close
      db.syncWal();
    } finally {
      db.close();
    }
  }
}
