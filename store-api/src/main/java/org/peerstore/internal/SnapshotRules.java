package org.peerstore.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.peerstore.PeerSnapshot;
import org.peerstore.PeerstoreException;
import org.peerstore.TooManyProtocolsException;
import org.peerstore.crypto.PrivKey;
import org.peerstore.crypto.PubKey;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;

/**
 * The rules of {@link org.peerstore.Snapshots} that both stores share: turning a peer's stored
 * state into a {@link PeerSnapshot} and back, and what a store checks before restoring one.
 *
 * <pre>{@code
 * SnapshotRules.check(s, limits, metadataValues);          // before locking
 * List<AddrEntry> entries = SnapshotRules.entries(s);
 * // under the lock of s.peer():
 * SnapshotRules.checkAddrRoom(unconnectedDelta, room);
 * if (!hadRecord && s.record() != null) RecordRules.checkRecordRoom(limits, recordCount);
 * AddrChange c = state.replaceAll(entries);          // then the other books
 * publish c.inserted()
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class SnapshotRules {
  private SnapshotRules() {}

  /** Message of the exception thrown when a restore would exceed the global address cap. */
  public static final String TOO_MANY_ADDRS = "too many unconnected addresses in the store";

  /**
   * Checks what a store's configuration decides about {@code s}: the protocol limit, the
   * per-peer cap of unconnected addresses, and metadata payloads of the registered types that
   * {@code values} has codecs for.
   *
   * @throws TooManyProtocolsException if {@code s} has more than {@code maxProtocols}
   * @throws IllegalArgumentException if {@code s} has more unconnected addresses than the
   *     per-peer cap, or a codec rejects a metadata value
   */
  public static void check(PeerSnapshot s, Limits limits, MetadataValues values) {
    if (s.protocols().size() > limits.maxProtocols()) {
      throw new TooManyProtocolsException(ProtocolRules.TOO_MANY);
    }
    int cap = limits.maxAddrsPerPeer();
    int unconnected = s.unconnectedCount();
    if (cap > 0 && unconnected > cap) {
      throw new IllegalArgumentException("snapshot of " + s.peer() + " has " + unconnected
          + " unconnected addresses, more than this store's maxAddrsPerPeer " + cap);
    }
    for (Map.Entry<String, byte[]> e : s.metadata().entrySet()) {
      try {
        values.checkEncoding(e.getValue());
      } catch (IllegalArgumentException bad) {
        throw new IllegalArgumentException(
            "metadata " + e.getKey() + " of " + s.peer() + ": " + bad.getMessage(), bad);
      }
    }
  }

  /**
   * Checks the global address cap for a restore, under the peer's lock (the record cap is
   * {@link RecordRules#checkRecordRoom}).
   *
   * @param unconnectedDelta how many more unconnected addresses the store holds afterwards
   * @param addrRoom how many more the global cap allows now ({@code Long.MAX_VALUE}: no cap)
   * @throws PeerstoreException with {@value #TOO_MANY_ADDRS} when the cap would be exceeded
   */
  public static void checkAddrRoom(long unconnectedDelta, long addrRoom) {
    if (unconnectedDelta > 0 && unconnectedDelta > addrRoom) {
      throw new PeerstoreException(TOO_MANY_ADDRS);
    }
  }

  /** The address entries of {@code s} in the stores' nanosecond form. */
  public static List<AddrEntry> entries(PeerSnapshot s) {
    List<AddrEntry> out = new ArrayList<>(s.addrs().size());
    for (PeerSnapshot.Addr a : s.addrs()) {
      out.add(new AddrEntry(a.addr(), a.ttlNanos(), a.expiryNanos()));
    }
    return out;
  }

  /**
   * The snapshot of a stored state, or null when nothing is stored.
   *
   * @param addrs the stored address entries, expired ones included
   * @param metadata metadata value encodings by key
   */
  public static @Nullable PeerSnapshot of(PeerId p, List<AddrEntry> addrs,
      @Nullable Envelope record, @Nullable PubKey pubKey, @Nullable PrivKey privKey,
      Set<String> protocols, Map<String, byte[]> metadata) {
    if (addrs.isEmpty() && record == null && pubKey == null && privKey == null
        && protocols.isEmpty() && metadata.isEmpty()) {
      return null;
    }
    List<PeerSnapshot.Addr> out = new ArrayList<>(addrs.size());
    for (AddrEntry e : addrs) {
      out.add(PeerSnapshot.Addr.ofNanos(e.addr(), e.ttlNanos(), e.expiryNanos()));
    }
    // A record is stored only while an address is; a store that somehow holds one alone
    // (never written so) shows the record as absent, as its reads do.
    return new PeerSnapshot(p, out, out.isEmpty() ? null : record, pubKey, privKey, protocols,
        metadata);
  }
}
