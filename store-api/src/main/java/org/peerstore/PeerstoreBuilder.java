package org.peerstore;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.peerstore.internal.Limits;
import org.peerstore.internal.MetadataValues;

/**
 * Options every store shares, so that swapping stores never changes what a node can configure.
 * Each store's {@code builder()} returns a subclass that adds its own options and
 * {@link #build()}. A builder is not thread-safe; the store it builds is.
 *
 * @param <B> the concrete builder type
 * @param <S> the store type built
 */
public abstract class PeerstoreBuilder<B extends PeerstoreBuilder<B, S>, S extends Peerstore> {

  /** Default per-peer cap of unconnected addresses (go-libp2p's). */
  public static final int DEFAULT_MAX_ADDRS_PER_PEER = 64;
  /** Default maximum protocols per peer. */
  public static final int DEFAULT_MAX_PROTOCOLS = 128;
  /** Default interval of background garbage collection. */
  public static final Duration DEFAULT_GC_INTERVAL = Duration.ofMinutes(1);

  private Clock clock = Clock.systemUTC();
  private int maxAddrsPerPeer = DEFAULT_MAX_ADDRS_PER_PEER;
  private long maxUnconnectedAddrs;
  private long maxSignedRecords;
  private int maxProtocols = DEFAULT_MAX_PROTOCOLS;
  private Duration gcInterval = DEFAULT_GC_INTERVAL;
  private final Map<Class<?>, MetadataCodec<?>> metadataCodecs = new LinkedHashMap<>();
  private final Map<String, Class<?>> metadataTypeIds = new LinkedHashMap<>();

  /**
   * @param defaultMaxUnconnectedAddrs this store's default global address cap (0 = none)
   * @param defaultMaxSignedRecords this store's default signed-record cap (0 = none)
   */
  protected PeerstoreBuilder(long defaultMaxUnconnectedAddrs, long defaultMaxSignedRecords) {
    this.maxUnconnectedAddrs = defaultMaxUnconnectedAddrs;
    this.maxSignedRecords = defaultMaxSignedRecords;
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /** The time source of every expiry decision (default: the system UTC clock). */
  public B clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return self();
  }

  /** Per-peer cap of unconnected addresses; 0 disables (default 64). */
  public B maxAddrsPerPeer(int max) {
    this.maxAddrsPerPeer = nonNegative(max, "maxAddrsPerPeer");
    return self();
  }

  /** Global cap of unconnected addresses across all peers; 0 disables. */
  public B maxUnconnectedAddrs(long max) {
    this.maxUnconnectedAddrs = nonNegative(max, "maxUnconnectedAddrs");
    return self();
  }

  /** Global cap of stored signed records; 0 disables. */
  public B maxSignedRecords(long max) {
    this.maxSignedRecords = nonNegative(max, "maxSignedRecords");
    return self();
  }

  /** Maximum protocols per peer (default 128, must be positive). */
  public B maxProtocols(int max) {
    if (max <= 0) {
      throw new IllegalArgumentException("maxProtocols must be positive: " + max);
    }
    this.maxProtocols = max;
    return self();
  }

  /** Interval of background garbage collection; {@link Duration#ZERO} disables it. */
  public B gcInterval(Duration interval) {
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative()) {
      throw new IllegalArgumentException("gcInterval must not be negative: " + interval);
    }
    this.gcInterval = interval;
    return self();
  }

  /**
   * Registers a codec for metadata values of {@code type}. {@code typeId} names the type in
   * stored data; it must stay stable across versions of the application.
   *
   * @throws IllegalArgumentException if the type or id is a built-in one or already registered
   */
  public <T> B metadataCodec(String typeId, Class<T> type, MetadataCodec<T> codec) {
    Objects.requireNonNull(typeId, "typeId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(codec, "codec");
    if (typeId.isEmpty() || metadataTypeIds.containsKey(typeId) || metadataCodecs.containsKey(type)) {
      throw new IllegalArgumentException("metadata codec already registered or empty id: " + typeId);
    }
    if (MetadataValues.isBuiltIn(type)) {
      throw new IllegalArgumentException("metadata type is built in: " + type.getName());
    }
    metadataTypeIds.put(typeId, type);
    metadataCodecs.put(type, codec);
    return self();
  }

  /** Opens the store. */
  public abstract S build();

  /** The clock. */
  protected Clock clock() {
    return clock;
  }

  /** The per-peer cap (0 = none). */
  protected int maxAddrsPerPeer() {
    return maxAddrsPerPeer;
  }

  /** The global address cap (0 = none). */
  protected long maxUnconnectedAddrs() {
    return maxUnconnectedAddrs;
  }

  /** The signed-record cap (0 = none). */
  protected long maxSignedRecords() {
    return maxSignedRecords;
  }

  /** The protocol limit. */
  protected int maxProtocols() {
    return maxProtocols;
  }

  /** The GC interval (zero = no background GC). */
  protected Duration gcInterval() {
    return gcInterval;
  }

  /** Registered codecs by type id, in registration order (an unmodifiable copy). */
  protected Map<String, Class<?>> metadataTypeIds() {
    return Map.copyOf(metadataTypeIds);
  }

  /** Registered codecs by type (an unmodifiable copy). */
  protected Map<Class<?>, MetadataCodec<?>> metadataCodecs() {
    return Map.copyOf(metadataCodecs);
  }

  /** The size limits configured (internal type; for the stores). */
  protected Limits limits() {
    return new Limits(maxAddrsPerPeer, maxUnconnectedAddrs, maxSignedRecords, maxProtocols);
  }

  /**
   * The metadata codec of the built-in and registered types (internal type; for the stores).
   *
   * @throws IllegalArgumentException if a registered type id is longer than 65535 UTF-8 bytes
   */
  protected MetadataValues metadataValues() {
    return new MetadataValues(metadataTypeIds, metadataCodecs);
  }

  private static <N extends Number> N nonNegative(N n, String what) {
    if (n.longValue() < 0) {
      throw new IllegalArgumentException(what + " must not be negative: " + n);
    }
    return n;
  }
}
