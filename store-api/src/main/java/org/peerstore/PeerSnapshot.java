package org.peerstore;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.peerstore.crypto.PrivKey;
import org.peerstore.crypto.PubKey;
import org.peerstore.internal.AddrNormalizer;
import org.peerstore.internal.KeyRules;
import org.peerstore.internal.MetadataValues;
import org.peerstore.internal.RecordRules;
import org.peerstore.internal.Ttl;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;
import org.peerstore.record.PeerRecord;

/**
 * Everything a store holds about one peer, book by book, exactly as stored: every address with
 * its ttl and absolute expiry (expired but not yet collected ones included), the signed record,
 * the keys, the protocols and the metadata in its stored encoding. Latency is not part of it
 * (it is never persisted). Read one with {@link Snapshots#snapshot}, write one with
 * {@link Snapshots#restore}; this is how a store is exported, imported and moved between
 * implementations without loss.
 *
 * <p>The constructor checks everything that does not depend on a store's configuration, so an
 * instance is always a state some store could hold: addresses normalised for the peer (no
 * {@code /p2p/} suffix), distinct, with a positive ttl; a record signed by the peer and only
 * alongside at least one address; keys that are the peer's; metadata values that are
 * well-formed encodings (see {@link MetadataValues#checkEncoding}). What depends on the target
 * store (protocol limit, address caps, registered metadata codecs) is checked by
 * {@link Snapshots#restore}.
 *
 * <p>Immutable and thread-safe: the collections are unmodifiable copies and the metadata
 * arrays are copied in and must not be modified by callers who read them. Equality compares
 * every book, metadata values by content. {@link #toString()} never shows the private key.
 *
 * @param peer the peer
 * @param addrs its stored addresses, in stored order
 * @param record its signed peer record, or null
 * @param pubKey its stored public key, or null (a key inlined in the peer id is not stored)
 * @param privKey its stored private key, or null
 * @param protocols its protocols, in stored order
 * @param metadata its metadata: key to value encoding ({@link MetadataValues} format)
 */
public record PeerSnapshot(
    PeerId peer,
    List<Addr> addrs,
    @Nullable Envelope record,
    @Nullable PubKey pubKey,
    @Nullable PrivKey privKey,
    Set<String> protocols,
    Map<String, byte[]> metadata) {

  /** The expiry of an address that never expires (a connected one). */
  public static final Instant NEVER = Instant.MAX;

  private static final MetadataValues FRAMING = MetadataValues.builtInsOnly();

  /**
   * One stored address.
   *
   * @param addr the address (normalised: no trailing {@code /p2p/} of the peer)
   * @param ttl the ttl it was last given; positive; {@link AddrTtl#CONNECTED} or more is
   *     connected
   * @param expiry the instant it expires (invisible from then on), or {@link #NEVER}
   */
  public record Addr(Multiaddr addr, Duration ttl, Instant expiry) {
    /**
     * Checks the entry.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the ttl is not positive
     */
    public Addr {
      Objects.requireNonNull(addr, "addr");
      Objects.requireNonNull(ttl, "ttl");
      Objects.requireNonNull(expiry, "expiry");
      if (ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException("address " + addr + " has a ttl that is not positive: "
            + ttl);
      }
    }

    /** Whether the address is expired at {@code now} ({@code now >= expiry}). */
    public boolean expiredAt(Instant now) {
      return !now.isBefore(expiry);
    }

    /** The ttl in nanoseconds (saturating), as stores keep it. */
    public long ttlNanos() {
      return Ttl.toNanos(ttl);
    }

    /** The expiry in epoch nanoseconds ({@link Ttl#NEVER} for {@link #NEVER}), as stores keep it. */
    public long expiryNanos() {
      return Ttl.fromExpiryInstant(expiry);
    }

    /** The entry for stored values in nanoseconds (the inverse of the two methods above). */
    public static Addr ofNanos(Multiaddr addr, long ttlNanos, long expiryNanos) {
      return new Addr(addr, Duration.ofNanos(ttlNanos), Ttl.toExpiryInstant(expiryNanos));
    }
  }

  /**
   * Checks and copies the books.
   *
   * @throws NullPointerException if {@code peer}, a collection, or an element, key or value of
   *     one is null
   * @throws IllegalArgumentException if an address is not normalised for the peer or occurs
   *     twice, a record is given without any address, or a metadata value is not a well-formed
   *     encoding
   * @throws InvalidRecordException if the record is not a peer record of {@code peer} signed by
   *     its key
   * @throws KeyMismatchException if a key is not {@code peer}'s
   */
  public PeerSnapshot {
    Objects.requireNonNull(peer, "peer");
    addrs = List.copyOf(Objects.requireNonNull(addrs, "addrs"));
    Set<Multiaddr> seen = new HashSet<>();
    for (Addr a : addrs) {
      if (!a.addr().equals(AddrNormalizer.normalize(peer, a.addr()))) {
        throw new IllegalArgumentException(
            "address " + a.addr() + " is not normalised for peer " + peer);
      }
      if (!seen.add(a.addr())) {
        throw new IllegalArgumentException("address " + a.addr() + " occurs twice");
      }
    }
    if (record != null) {
      PeerRecord rec = RecordRules.check(record);
      if (!rec.peerId().equals(peer)) {
        throw new InvalidRecordException(
            "signed record is peer " + rec.peerId() + "'s, not " + peer + "'s");
      }
      if (addrs.isEmpty()) {
        throw new IllegalArgumentException(
            "a signed record of " + peer + " needs at least one stored address");
      }
    }
    if (pubKey != null) {
      KeyRules.checkPubKey(peer, pubKey);
    }
    if (privKey != null) {
      KeyRules.checkPrivKey(peer, privKey);
    }
    Objects.requireNonNull(protocols, "protocols");
    Set<String> ps = new LinkedHashSet<>();
    for (String p : protocols) {
      ps.add(Objects.requireNonNull(p, "protocol"));
    }
    protocols = Collections.unmodifiableSet(ps);
    Objects.requireNonNull(metadata, "metadata");
    Map<String, byte[]> md = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> e : metadata.entrySet()) {
      String key = Objects.requireNonNull(e.getKey(), "metadata key");
      byte[] value = Objects.requireNonNull(e.getValue(), "metadata value").clone();
      try {
        FRAMING.checkEncoding(value);
      } catch (IllegalArgumentException bad) {
        throw new IllegalArgumentException(
            "metadata " + key + " of " + peer + ": " + bad.getMessage(), bad);
      }
      md.put(key, value);
    }
    metadata = Collections.unmodifiableMap(md);
  }

  /** A snapshot of {@code peer} with nothing stored (restoring it empties the peer). */
  public static PeerSnapshot empty(PeerId peer) {
    return new PeerSnapshot(peer, List.of(), null, null, null, Set.of(), Map.of());
  }

  /** Whether no book holds anything. */
  public boolean isEmpty() {
    return addrs.isEmpty() && record == null && pubKey == null && privKey == null
        && protocols.isEmpty() && metadata.isEmpty();
  }

  /** How many stored addresses are not connected (what the per-peer cap counts). */
  public int unconnectedCount() {
    int n = 0;
    for (Addr a : addrs) {
      if (!Ttl.isConnected(a.ttlNanos())) {
        n++;
      }
    }
    return n;
  }

  /**
   * Equal when every book is equal: addresses in order with ttl and expiry, record and keys by
   * bytes, protocols as sets, metadata by key and value bytes.
   */
  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof PeerSnapshot other)) {
      return false;
    }
    if (!peer.equals(other.peer) || !addrs.equals(other.addrs)
        || !Objects.equals(record, other.record) || !Objects.equals(pubKey, other.pubKey)
        || !Objects.equals(privKey, other.privKey) || !protocols.equals(other.protocols)
        || !metadata.keySet().equals(other.metadata.keySet())) {
      return false;
    }
    for (Map.Entry<String, byte[]> e : metadata.entrySet()) {
      if (!Arrays.equals(e.getValue(), other.metadata.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** Consistent with {@link #equals}. */
  @Override
  public int hashCode() {
    int h = Objects.hash(peer, addrs, record, pubKey, privKey, protocols);
    for (Map.Entry<String, byte[]> e : metadata.entrySet()) {
      h += e.getKey().hashCode() ^ Arrays.hashCode(e.getValue());
    }
    return h;
  }

  /** A summary: peer, addresses, record seq, key types, protocols, metadata keys. */
  @Override
  public String toString() {
    return "PeerSnapshot[peer=" + peer + ", addrs=" + addrs
        + ", record=" + (record == null ? "none" : "seq " + Long.toUnsignedString(
            record.peerRecord().seq()))
        + ", pubKey=" + (pubKey == null ? "none" : pubKey.type())
        + ", privKey=" + (privKey == null ? "none" : privKey.type() + " (hidden)")
        + ", protocols=" + protocols + ", metadata=" + metadata.keySet() + "]";
  }
}
