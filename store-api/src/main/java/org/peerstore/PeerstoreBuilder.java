package org.peerstore;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.peerstore.internal.EventHub;
import org.peerstore.internal.InputLimits;
import org.peerstore.internal.Limits;
import org.peerstore.internal.MetadataValues;

/**
 * Options every store shares, so that swapping stores never changes what a node can configure.
 * Each store's {@code builder()} returns a subclass that adds its own options and
 * {@link #build()}. A builder is not thread-safe; the store it builds is.
 *
 * <p><b>Input bounds.</b> A peerstore eats bytes from strangers, so every input that a remote
 * peer can make arbitrarily large has a bound, the same in every store, with the same default:
 *
 * <table>
 *   <caption>Input bounds</caption>
 *   <tr><th>option</th><th>default</th><th>applies to</th></tr>
 *   <tr><td>{@link #maxEnvelopeBytes(int)}</td><td>8192 (8 KiB, libp2p identify's)</td>
 *       <td>{@code consumePeerRecord}: the marshalled envelope</td></tr>
 *   <tr><td>{@link #maxAddrsPerRecord(int)}</td><td>64</td>
 *       <td>{@code consumePeerRecord}: addresses listed in the record</td></tr>
 *   <tr><td>{@link #maxMultiaddrBytes(int)}</td><td>1024</td>
 *       <td>{@code addAddr(s)}, {@code setAddr(s)}, {@code consumePeerRecord}: each address's
 *       binary form</td></tr>
 *   <tr><td>{@link #maxProtocolBytes(int)}</td><td>1024</td>
 *       <td>{@code addProtocols}, {@code setProtocols}: each protocol in UTF-8</td></tr>
 *   <tr><td>{@link #maxProtocols(int)}</td><td>128</td>
 *       <td>protocols per peer after the call</td></tr>
 *   <tr><td>{@link #maxMetadataKeyBytes(int)}</td><td>256</td>
 *       <td>{@code put}: the key in UTF-8</td></tr>
 *   <tr><td>{@link #maxMetadataValueBytes(int)}</td><td>65536 (64 KiB)</td>
 *       <td>{@code put}: the value's stored encoding (one tag byte plus the payload for the
 *       built-in types; for a registered type, three bytes plus its type id plus its codec's
 *       bytes)</td></tr>
 *   <tr><td>{@link #eventBufferSize(int)}</td><td>1024</td>
 *       <td>events one subscription of {@code events()} buffers before it drops</td></tr>
 * </table>
 *
 * <p>A call that exceeds a bound throws {@link LimitExceededException} (for the protocol count
 * its subtype {@link TooManyProtocolsException}), whose message names the option, and stores
 * nothing: the check runs before anything is changed, whatever the ttl. Reads and removals are
 * never checked. Every bound must be positive; pass {@link Integer#MAX_VALUE} to lift one.
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
  /** Default largest accepted signed envelope: 8 KiB, what libp2p identify allows. */
  public static final int DEFAULT_MAX_ENVELOPE_BYTES = InputLimits.DEFAULT_MAX_ENVELOPE_BYTES;
  /** Default most addresses a signed peer record may list. */
  public static final int DEFAULT_MAX_ADDRS_PER_RECORD = InputLimits.DEFAULT_MAX_ADDRS_PER_RECORD;
  /** Default longest multiaddr, in bytes of its binary form. */
  public static final int DEFAULT_MAX_MULTIADDR_BYTES = InputLimits.DEFAULT_MAX_MULTIADDR_BYTES;
  /** Default longest protocol string, in UTF-8 bytes. */
  public static final int DEFAULT_MAX_PROTOCOL_BYTES = InputLimits.DEFAULT_MAX_PROTOCOL_BYTES;
  /** Default longest metadata key, in UTF-8 bytes. */
  public static final int DEFAULT_MAX_METADATA_KEY_BYTES =
      InputLimits.DEFAULT_MAX_METADATA_KEY_BYTES;
  /** Default largest metadata value, in bytes of its stored encoding. */
  public static final int DEFAULT_MAX_METADATA_VALUE_BYTES =
      InputLimits.DEFAULT_MAX_METADATA_VALUE_BYTES;

  private Clock clock = Clock.systemUTC();
  private int maxAddrsPerPeer = DEFAULT_MAX_ADDRS_PER_PEER;
  private long maxUnconnectedAddrs;
  private long maxSignedRecords;
  private int maxProtocols = DEFAULT_MAX_PROTOCOLS;
  private Duration gcInterval = DEFAULT_GC_INTERVAL;
  private DialBackoff dialBackoff = DialBackoff.DEFAULT;
  private Duration dialRetention = org.peerstore.internal.DialRules.DEFAULT_RETENTION;
  private int eventBufferSize = EventHub.DEFAULT_BUFFER_SIZE;
  private int maxEnvelopeBytes = InputLimits.DEFAULT_MAX_ENVELOPE_BYTES;
  private int maxAddrsPerRecord = InputLimits.DEFAULT_MAX_ADDRS_PER_RECORD;
  private int maxMultiaddrBytes = InputLimits.DEFAULT_MAX_MULTIADDR_BYTES;
  private int maxProtocolBytes = InputLimits.DEFAULT_MAX_PROTOCOL_BYTES;
  private int maxMetadataKeyBytes = InputLimits.DEFAULT_MAX_METADATA_KEY_BYTES;
  private int maxMetadataValueBytes = InputLimits.DEFAULT_MAX_METADATA_VALUE_BYTES;
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

  /**
   * The backoff of the dial history book after failures in a row (default
   * {@link DialBackoff#DEFAULT}: 5 s doubled per failure, at most 30 min, up to 20 % jitter;
   * docs/CONTRACT.md §16).
   */
  public B dialBackoff(DialBackoff backoff) {
    this.dialBackoff = Objects.requireNonNull(backoff, "dialBackoff");
    return self();
  }

  /**
   * How long the dial history of a peer not seen is kept before garbage collection removes it
   * (default 7 days; docs/CONTRACT.md §16).
   *
   * @throws IllegalArgumentException if {@code retention} is not positive
   */
  public B dialRetention(Duration retention) {
    Objects.requireNonNull(retention, "dialRetention");
    if (retention.isZero() || retention.isNegative()) {
      throw new IllegalArgumentException("dialRetention must be positive: " + retention);
    }
    this.dialRetention = retention;
    return self();
  }

  /** The dial history rules of {@link #dialBackoff} and {@link #dialRetention}. */
  protected org.peerstore.internal.DialRules dialRules() {
    return new org.peerstore.internal.DialRules(dialBackoff, dialRetention);
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

  /**
   * Maximum protocols per peer (default 128). A change that would leave more throws
   * {@link TooManyProtocolsException} and changes nothing.
   *
   * @throws IllegalArgumentException if {@code max} is not positive
   */
  public B maxProtocols(int max) {
    this.maxProtocols = positive(max, "maxProtocols");
    return self();
  }

  /**
   * Largest signed envelope {@code consumePeerRecord} accepts, in marshalled bytes (default
   * 8192); a larger one throws {@link LimitExceededException} and is not stored.
   *
   * @throws IllegalArgumentException if {@code max} is not positive
   */
  public B maxEnvelopeBytes(int max) {
    this.maxEnvelopeBytes = positive(max, "maxEnvelopeBytes");
    return self();
  }

  /**
   * Most addresses a signed peer record may list (default 64); a record listing more throws
   * {@link LimitExceededException} from {@code consumePeerRecord} and is not stored.
   *
   * @throws IllegalArgumentException if {@code max} is not positive
   */
  public B maxAddrsPerRecord(int max) {
    this.maxAddrsPerRecord = positive(max, "maxAddrsPerRecord");
    return self();
  }

  /**
   * Longest multiaddr accepted, in bytes of its binary form (default 1024). A call of
   * {@code addAddr(s)}, {@code setAddr(s)} or {@code consumePeerRecord} with a longer address
   * throws {@link LimitExceededException} and stores none of its addresses.
   *
   * @throws IllegalArgumentException if {@code max} is not positive
   */
  public B maxMultiaddrBytes(int max) {
    this.maxMultiaddrBytes = positive(max, "maxMultiaddrBytes");
    return self();
  }

  /**
   * Longest protocol string accepted, in UTF-8 bytes (default 1024). An
   * {@code addProtocols}/{@code setProtocols} call with a longer one throws
   * {@link LimitExceededException} and changes nothing.
   *
   * @throws IllegalArgumentException if {@code max} is not positive
   */
  public B maxProtocolBytes(int max) {
    this.maxProtocolBytes = positive(max, "maxProtocolBytes");
    return self();
  }

  /**
   * Longest metadata key {@code put} accepts, in UTF-8 bytes (default 256); a longer one throws
   * {@link LimitExceededException} and stores nothing.
   *
   * @throws IllegalArgumentException if {@code max} is not positive
   */
  public B maxMetadataKeyBytes(int max) {
    this.maxMetadataKeyBytes = positive(max, "maxMetadataKeyBytes");
    return self();
  }

  /**
   * Largest metadata value {@code put} accepts, in bytes of its stored encoding (default 65536;
   * a built-in value encodes to one tag byte plus its payload, e.g. a {@code byte[]} of n bytes
   * to n + 1). A larger one throws {@link LimitExceededException} and stores nothing.
   *
   * @throws IllegalArgumentException if {@code max} is not positive
   */
  public B maxMetadataValueBytes(int max) {
    this.maxMetadataValueBytes = positive(max, "maxMetadataValueBytes");
    return self();
  }

  /**
   * Events one subscription of {@link Peerstore#events()} buffers before it drops (default
   * 1024; docs/CONTRACT.md §17).
   *
   * @throws IllegalArgumentException if {@code size} is not positive
   */
  public B eventBufferSize(int size) {
    this.eventBufferSize = EventHub.checkBufferSize(size);
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

  /** The buffer of one event subscription, in events. */
  protected int eventBufferSize() {
    return eventBufferSize;
  }

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

  /** The input bounds configured (internal type; for the stores). */
  protected InputLimits inputLimits() {
    return new InputLimits(maxEnvelopeBytes, maxAddrsPerRecord, maxMultiaddrBytes,
        maxProtocolBytes, maxMetadataKeyBytes, maxMetadataValueBytes);
  }

  /**
   * The metadata codec of the built-in and registered types (internal type; for the stores).
   *
   * @throws IllegalArgumentException if a registered type id is longer than 65535 UTF-8 bytes
   */
  protected MetadataValues metadataValues() {
    return new MetadataValues(metadataTypeIds, metadataCodecs);
  }

  private static int positive(int n, String what) {
    if (n <= 0) {
      throw new IllegalArgumentException(what + " must be positive: " + n);
    }
    return n;
  }

  private static <N extends Number> N nonNegative(N n, String what) {
    if (n.longValue() < 0) {
      throw new IllegalArgumentException(what + " must not be negative: " + n);
    }
    return n;
  }
}
