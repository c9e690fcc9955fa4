package org.peerstore.rocksdb;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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
import org.peerstore.KeyProtectionException;
import org.peerstore.PeerPage;
import org.peerstore.PeerSnapshot;
import org.peerstore.Peerstore;
import org.peerstore.PeerstoreBuilder;
import org.peerstore.PeerstoreEvent;
import org.peerstore.Snapshots;
import org.peerstore.StorageException;
import org.peerstore.TagDecay;
import org.peerstore.StoredTags;
import org.peerstore.TagInfo;
import org.peerstore.crypto.PrivKey;
import org.peerstore.crypto.PubKey;
import org.peerstore.internal.AddrStreams;
import org.peerstore.internal.DialRules;
import org.peerstore.internal.GcLoop;
import org.peerstore.internal.GlobalCaps;
import org.peerstore.internal.InputLimits;
import org.peerstore.internal.LatencyTracker;
import org.peerstore.internal.Ttl;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;
import org.jspecify.annotations.Nullable;

/**
 * The persistent {@link Peerstore}: RocksDB column families (one per book, plus an expiry
 * index) behind a Caffeine cache of decoded per-peer state. Everything but latency and
 * address-stream subscriptions survives {@link #close()} and reopening, and a killed process:
 * a call that returned is in RocksDB's write-ahead log. The on-disk layout, the guarantees and
 * the tuning are described in {@code docs/STORAGE.md}.
 *
 * <pre>{@code
 * try (RocksPeerstore ps = RocksPeerstore.builder(Path.of("peerstore-data")).build()) {
 *   ps.addAddr(peer, addr, AddrTtl.ADDRESS);
 * }
 * }</pre>
 *
 * <p><b>Atomicity.</b> Every public mutation is one RocksDB write batch across all column
 * families it touches (addresses, expiry index, signed record, ...), made under the peer's
 * lock (striped), so neither a concurrent reader nor a crash ever sees half of it. Every
 * write of every book, garbage collection, restore and {@code removePeer} goes through one
 * path ({@code PeerWrites}; see docs/ARCHITECTURE.md).
 *
 * <p><b>Reads.</b> With the cache on (default
 * {@value RocksPeerstoreBuilder#DEFAULT_CACHE_SIZE_BYTES} bytes), a read of a cached peer takes
 * no lock and makes no RocksDB call. With the cache off ({@code cacheSizeBytes(0)}) each read
 * goes to RocksDB.
 *
 * <p><b>Input bounds</b> ({@link PeerstoreBuilder}) are checked before anything is written: a
 * call exceeding one (a snapshot restore too) throws {@link org.peerstore.LimitExceededException}
 * and stores nothing.
 *
 * <p><b>Private keys at rest.</b> Without {@link RocksPeerstoreBuilder#privateKeyProtection}
 * private keys are stored unencrypted (the libp2p protobuf); with it they are stored encrypted
 * (Argon2id and AES-256-GCM) and reading one with a wrong or missing passphrase throws
 * {@link KeyProtectionException}.
 *
 * <p><b>Damaged data.</b> A value that cannot be decoded when read, or a signed record that no
 * longer verifies (records are re-verified every time they are loaded from disk), is treated as
 * absent, counted ({@link #corruptValueCount()}) and logged once per column family; it is never
 * deleted by a read. A later write of the same entry replaces it.
 *
 * <p><b>Background work.</b> Expired addresses are invisible at once; a daemon thread named
 * {@code peerstore-rocksdb-gc-N-1} removes them every {@code gcInterval} (default one minute;
 * zero disables it) by walking the expiry index, and {@link #collectGarbage()} does so on
 * demand. Address streams deliver on daemon threads named {@code peerstore-rocksdb-stream-N-M}.
 * {@link #close()} stops and joins all of them. Problems are logged through
 * {@link System.Logger} ({@code org.peerstore.rocksdb.RocksPeerstore}); RocksDB's own log
 * goes to {@code org.rocksdb} ({@link RocksPeerstoreBuilder#rocksLogLevel}).
 *
 * <p>Thread-safe: every method may be called from any thread. Calls after {@link #close()}
 * throw {@link IllegalStateException}. Null arguments throw {@link NullPointerException} naming
 * the argument. A call that RocksDB fails throws {@link StorageException}; a write that throws
 * wrote nothing.
 */
// "try": resources held only for their scope (a use of the store) are never read.
@SuppressWarnings("try")
public final class RocksPeerstore implements Peerstore, Snapshots, EncryptedSnapshots {
  /** Prefix of the garbage collection thread's name ({@code peerstore-rocksdb-gc-N-M}). */
  static final String GC_THREAD_PREFIX = "peerstore-rocksdb-gc-";
  /** Prefix of the address-stream threads' names ({@code peerstore-rocksdb-stream-N-M}). */
  static final String STREAM_THREAD_PREFIX = "peerstore-rocksdb-stream-";
  /** Prefix of the grouped-commit writer thread's name ({@link Durability#grouped}). */
  static final String COMMIT_THREAD_PREFIX = "peerstore-rocksdb-commit-";
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final StoreParts parts;

  RocksPeerstore(RocksPeerstoreBuilder.Settings settings) {
    this.parts = new StoreParts(settings, INSTANCES.incrementAndGet());
  }

  /**
   * A builder of a store kept in {@code dir} (created if missing).
   *
   * @throws NullPointerException if {@code dir} is null
   */
  public static RocksPeerstoreBuilder builder(Path dir) {
    return new RocksPeerstoreBuilder(dir);
  }

  @Override
  public void addAddrs(PeerId peer, Collection<Multiaddr> addrs, Duration ttl) {
    parts.addrs.addAddrs(peer, addrs, ttl);
  }

  @Override
  public void setAddrs(PeerId peer, Collection<Multiaddr> addrs, Duration ttl) {
    parts.addrs.setAddrs(peer, addrs, ttl);
  }

  @Override
  public void updateAddrs(PeerId peer, Duration oldTtl, Duration newTtl) {
    parts.addrs.updateAddrs(peer, oldTtl, newTtl);
  }

  @Override
  public List<Multiaddr> addrs(PeerId peer) {
    return parts.addrs.addrs(peer);
  }

  @Override
  public Flow.Publisher<Multiaddr> addrStream(PeerId peer) {
    return parts.addrs.addrStream(peer);
  }

  @Override
  public void clearAddrs(PeerId peer) {
    parts.addrs.clearAddrs(peer);
  }

  /**
   * {@inheritDoc} Includes peers whose addresses have all expired but were not collected yet (as
   * the in-memory store does). A scan of the addresses column family.
   */
  @Override
  public Set<PeerId> peersWithAddrs() {
    return parts.addrs.peersWithAddrs();
  }

  @Override
  public boolean consumePeerRecord(Envelope envelope, Duration ttl) {
    boolean accepted = parts.records.consumePeerRecord(envelope, ttl);
    if (accepted) {
      parts.events.publish(new PeerstoreEvent.RecordAccepted(
          envelope.peerRecord().peerId(), envelope.peerRecord().seq()));
    }
    return accepted;
  }

  @Override
  public Optional<Envelope> peerRecord(PeerId peer) {
    return parts.records.peerRecord(peer);
  }

  @Override
  public Optional<PubKey> pubKey(PeerId peer) {
    return parts.keys.pubKey(peer);
  }

  @Override
  public void addPubKey(PeerId peer, PubKey key) {
    parts.keys.addPubKey(peer, key);
  }

  /**
   * {@inheritDoc} Keys at rest: see {@link RocksPeerstoreBuilder#privateKeyProtection}.
   *
   * @throws KeyProtectionException if the key is stored encrypted and does not decrypt with
   *     this store's passphrase (or it has none); the peer's other books stay readable
   */
  @Override
  public Optional<PrivKey> privKey(PeerId peer) {
    return parts.keys.privKey(peer);
  }

  /**
   * {@inheritDoc} Keys at rest: see {@link RocksPeerstoreBuilder#privateKeyProtection}.
   *
   * @throws KeyProtectionException if the store has no passphrase and the stored key is
   *     encrypted: it is never replaced by an unencrypted one (nothing is written)
   */
  @Override
  public void addPrivKey(PeerId peer, PrivKey key) {
    parts.keys.addPrivKey(peer, key);
  }

  @Override
  public Set<PeerId> peersWithKeys() {
    return parts.keys.peersWithKeys();
  }

  @Override
  public Set<String> protocols(PeerId peer) {
    return parts.protocols.protocols(peer);
  }

  @Override
  public void addProtocols(PeerId peer, Collection<String> protocols) {
    parts.protocols.addProtocols(peer, protocols);
  }

  @Override
  public void setProtocols(PeerId peer, Collection<String> protocols) {
    parts.protocols.setProtocols(peer, protocols);
  }

  @Override
  public void removeProtocols(PeerId peer, Collection<String> protocols) {
    parts.protocols.removeProtocols(peer, protocols);
  }

  @Override
  public Optional<Object> get(PeerId peer, String key) {
    return parts.metadata.get(peer, key);
  }

  @Override
  public void put(PeerId peer, String key, Object value) {
    parts.metadata.put(peer, key, value);
  }

  @Override
  public void recordLatency(PeerId peer, Duration sample) {
    parts.guard.checkOpen();
    parts.latency.record(peer, sample);
  }

  @Override
  public Duration latencyEwma(PeerId peer) {
    parts.guard.checkOpen();
    return parts.latency.ewma(peer);
  }

  /**
   * {@inheritDoc} A scan of the addresses, keys, protocols and metadata column families (records
   * belong to peers with addresses). Peers known only by a latency sample are not included; peers
   * whose addresses all expired count until they are collected (as in the in-memory store).
   */
  @Override
  public Set<PeerId> peers() {
    return parts.peers();
  }

  /** {@inheritDoc} From the in-memory copy of the {@code protocol_index} column family. */
  @Override
  public Set<PeerId> peersWithProtocol(String protocol) {
    return parts.peersWithProtocol(protocol);
  }

  /** {@inheritDoc} From the in-memory copy of the {@code protocol_index} column family. */
  @Override
  public PeerPage peersWithProtocol(String protocol, @Nullable PeerId after, int limit) {
    return parts.peersWithProtocol(protocol, after, limit);
  }

  /** {@inheritDoc} One consistent read (a RocksDB snapshot) per page. */
  @Override
  public PeerPage peers(@Nullable PeerId after, int limit) {
    return parts.peers(after, limit);
  }

  @Override
  public Flow.Publisher<PeerstoreEvent> events() {
    parts.guard.checkOpen();
    return parts.events.publisher();
  }

  @Override
  public void recordDialAttempt(PeerId peer, Multiaddr addr) {
    parts.dials.record(peer, DialRules.Kind.ATTEMPT, addr, null);
  }

  @Override
  public void recordDialSuccess(PeerId peer, Multiaddr addr) {
    parts.dials.record(peer, DialRules.Kind.SUCCESS, addr, null);
  }

  @Override
  public void recordDialFailure(PeerId peer, Multiaddr addr, String reason) {
    parts.dials.record(peer, DialRules.Kind.FAILURE, addr, reason);
  }

  @Override
  public void recordConnected(PeerId peer) {
    parts.dials.record(peer, DialRules.Kind.CONNECTED, null, null);
  }

  @Override
  public void recordDisconnected(PeerId peer) {
    parts.dials.record(peer, DialRules.Kind.DISCONNECTED, null, null);
  }

  @Override
  public Optional<DialHistory> dialHistory(PeerId peer) {
    return parts.dials.dialHistory(peer);
  }

  @Override
  public boolean inBackoff(PeerId peer) {
    return parts.dials.inBackoff(peer);
  }

  @Override
  public Optional<Instant> backoffUntil(PeerId peer) {
    return parts.dials.backoffUntil(peer);
  }

  @Override
  public Optional<Instant> backoffUntil(PeerId peer, Multiaddr addr) {
    return parts.dials.backoffUntil(peer, addr);
  }

  @Override
  public Set<PeerId> peersWithDialHistory() {
    return parts.dials.peersWithDialHistory();
  }

  @Override
  public void restoreDialHistory(DialHistory history) {
    parts.dials.restoreDialHistory(history);
  }

  @Override
  public List<AddrInfo> dialCandidates(int n, Predicate<? super PeerId> filter) {
    return parts.dials.dialCandidates(n, filter);
  }

  @Override
  public void removePeer(PeerId peer) {
    parts.removePeer(peer);
  }

  /** {@inheritDoc} Walks the expiry index from its start up to now only. */
  @Override
  public long collectGarbage() {
    return parts.collectGarbage();
  }

  /**
   * Returns once every write acknowledged before this call is in RocksDB's write-ahead log, so
   * it survives a killed process (docs/CONTRACT.md §18). With {@link Durability#SYNC} and
   * {@link Durability#WAL} every acknowledged write already is, and this returns at once; with
   * {@link Durability#grouped} it asks the writer for a commit now and waits for it.
   *
   * <p>Thread-safe; writes made while it waits may or may not be covered.
   *
   * @throws StorageException if a grouped commit failed (then the writes it held are not
   *     durable, and every later write throws too)
   * @throws IllegalStateException after {@link #close()}
   */
  public void flush() {
    parts.flush();
  }

  /** The durability this store was built with ({@link RocksPeerstoreBuilder#durability}). */
  public Durability durability() {
    return parts.durability;
  }

  /**
   * Stops the garbage collector, completes every address stream, commits pending grouped
   * writes, syncs the write-ahead log and releases every RocksDB resource (waiting for calls in
   * flight). Idempotent.
   *
   * @throws StorageException if RocksDB reports a failure while closing, or a grouped commit
   *     failed (resources are released anyway)
   */
  @Override
  public void close() {
    parts.close();
  }

  /**
   * {@inheritDoc} One write to the {@code bans} column family; the in-memory index follows once it
   * is committed. Checks ({@code isBanned}) read memory only, never RocksDB.
   */
  @Override
  public Ban ban(BanTarget target, String reason, Duration duration) {
    Ban ban = parts.bans.ban(target, reason, duration);
    parts.events.publish(new PeerstoreEvent.BanAdded(ban));
    return ban;
  }

  @Override
  public boolean unban(BanTarget target) {
    boolean lifted = parts.bans.unban(target);
    if (lifted) {
      parts.events.publish(new PeerstoreEvent.BanRemoved(target));
    }
    return lifted;
  }

  @Override
  public Optional<Ban> banOf(BanTarget target) {
    return parts.bans.banOf(target);
  }

  @Override
  public List<Ban> bans() {
    return parts.bans.bans();
  }

  @Override
  public boolean isBanned(PeerId peer) {
    return parts.bans.isBanned(peer);
  }

  @Override
  public boolean isBanned(InetAddress address) {
    return parts.bans.isBanned(address);
  }

  @Override
  public boolean isBanned(Multiaddr address) {
    return parts.bans.isBanned(address);
  }

  /**
   * {@inheritDoc} One write of the {@code tags} column family through the one write path; the
   * in-memory tag index follows once it is committed. Reads of tags read memory only.
   */
  @Override
  public void tagPeer(PeerId peer, String tag, int value, Duration ttl) {
    parts.tags.ops().tagPeer(peer, tag, value, ttl);
  }

  @Override
  public boolean untagPeer(PeerId peer, String tag) {
    return parts.tags.ops().untagPeer(peer, tag);
  }

  @Override
  public int upsertTag(PeerId peer, String tag, IntUnaryOperator upsert) {
    return parts.tags.ops().upsertTag(peer, tag, upsert);
  }

  @Override
  public Optional<TagInfo> tagInfo(PeerId peer) {
    return parts.tags.ops().tagInfo(peer);
  }

  @Override
  public void protect(PeerId peer, String tag) {
    parts.tags.ops().protect(peer, tag);
  }

  @Override
  public boolean unprotect(PeerId peer, String tag) {
    return parts.tags.ops().unprotect(peer, tag);
  }

  @Override
  public boolean isProtected(PeerId peer, String tag) {
    return parts.tags.ops().isProtected(peer, tag);
  }

  @Override
  public boolean isProtected(PeerId peer) {
    return parts.tags.ops().isProtected(peer);
  }

  @Override
  public List<PeerId> trimCandidates(int n) {
    return parts.tags.ops().trimCandidates(n);
  }

  @Override
  public DecayingTag registerDecayingTag(String name, Duration interval, TagDecay decay,
      IntBinaryOperator bump) {
    return parts.tags.ops().registerDecayingTag(name, interval, decay, bump);
  }

  @Override
  public java.util.Set<PeerId> peersWithTags() {
    return parts.tags.ops().peersWithTags();
  }

  @Override
  public Optional<StoredTags> storedTags(PeerId peer) {
    return parts.tags.ops().storedTags(peer);
  }

  @Override
  public void restoreTags(StoredTags tags) {
    parts.tags.ops().restoreTags(tags);
  }

  /**
   * {@inheritDoc} Read under the peer's lock; values found corrupt on disk are left out, as every
   * read leaves them out. A private key stored encrypted is decrypted (see {@link
   * #snapshotEncrypted} to move it without decrypting).
   *
   * @throws KeyProtectionException if the peer's private key is stored encrypted and does not
   *     decrypt with this store's passphrase, or the store has none (it is never silently left
   *     out, which would lose it on a restore)
   */
  @Override
  public Optional<PeerSnapshot> snapshot(PeerId peer) {
    return parts.snapshots.snapshot(peer);
  }

  @Override
  public Optional<EncryptedSnapshot> snapshotEncrypted(PeerId peer) {
    return parts.snapshots.snapshotEncrypted(peer);
  }

  @Override
  public void checkRestore(EncryptedSnapshot snapshot) {
    parts.snapshots.checkRestore(snapshot);
  }

  @Override
  public void restore(EncryptedSnapshot snapshot) {
    parts.snapshots.restore(snapshot);
  }

  @Override
  public void checkRestore(PeerSnapshot snapshot) {
    parts.snapshots.checkRestore(snapshot);
  }

  /**
   * {@inheritDoc} One write batch across every column family of the peer; with
   * {@link RocksPeerstoreBuilder#privateKeyProtection} the private key is stored encrypted.
   */
  @Override
  public void restore(PeerSnapshot snapshot) {
    parts.snapshots.restore(snapshot);
  }

  /** {@inheritDoc} */
  @Override
  public boolean restoreBan(Ban ban) {
    return parts.snapshots.restoreBan(ban);
  }

  /** The directory this store keeps its data in. */
  public Path directory() {
    return parts.dir;
  }

  /**
   * How many corrupt or unverifiable stored entries reads have met since the store opened (each
   * time one is loaded; an entry met again after a cache eviction counts again).
   */
  public long corruptValueCount() {
    return parts.corruption.total();
  }

  /** {@link #corruptValueCount()} by column family name; only non-zero counts appear. */
  public Map<String, Long> corruptValueCounts() {
    return parts.corruption.byColumnFamily();
  }

  /**
   * What write-ahead log recovery dropped when this store was opened: non-zero after the log
   * was cut or damaged (a power loss, a full disk, a copied directory), when writes made before
   * the last close are lost (docs/STORAGE.md, "Write-ahead log recovery"). Also logged at
   * WARNING when it happens.
   */
  public WalRecovery walRecovery() {
    return parts.db.walRecovery();
  }

  /**
   * What the store counted since it opened and RocksDB's estimates now (docs/STORAGE.md,
   * "Observability"): counter and property reads, no I/O, no lock; not one atomic snapshot.
   */
  public RocksPeerstoreStats stats() {
    return parts.stats();
  }

  /** The store's parts (for tests: their counters and probes). */
  StoreParts parts() {
    return parts;
  }
}
