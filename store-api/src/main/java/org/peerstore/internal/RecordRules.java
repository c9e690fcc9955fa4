package org.peerstore.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.peerstore.InvalidRecordException;
import org.peerstore.LimitExceededException;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.record.Envelope;
import org.peerstore.record.PeerRecord;

/**
 * The rules of the certified address book (docs/CONTRACT.md §4), for a store to apply under the
 * peer's lock:
 *
 * <pre>{@code
 * PeerRecord rec = RecordRules.check(envelope);                  // before locking
 * List<Multiaddr> addrs = AddrNormalizer.normalize(rec.peerId(), rec.addrs());
 * // under the lock of rec.peerId():
 * boolean visible = RecordRules.visible(hasStoredRecord, state, now);
 * if (visible && !RecordRules.accepts(storedSeq, rec.seq())) return false;
 * if (!hasStoredRecord) RecordRules.checkRecordRoom(limits, recordCount);
 * Change c = RecordRules.apply(state, hasStoredRecord ? previousRecord : null, addrs, ttl, now,
 *     limits, globalRoom);
 * store the envelope unless state.isEmpty(); publish c.inserted()
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class RecordRules {
  private RecordRules() {}

  /** Message of the exception thrown when the signed-record cap is reached. */
  public static final String TOO_MANY_RECORDS = "too many signed peer records";

  /**
   * The record of {@code e}, after checking that its peer id is the id of the signing key.
   *
   * @throws InvalidRecordException if the record's peer id is not the signer's
   * @throws NullPointerException if {@code e} is null
   */
  public static PeerRecord check(Envelope e) {
    Objects.requireNonNull(e, "envelope");
    PeerRecord rec = e.peerRecord();
    if (rec == null) {
      throw new InvalidRecordException("envelope does not carry a peer record");
    }
    if (!rec.peerId().matchesPublicKey(e.publicKey())) {
      throw new InvalidRecordException(
          "peer record is for " + rec.peerId() + " but the envelope is signed by another key");
    }
    return rec;
  }

  /**
   * Whether a stored record counts: it exists and its peer has an unexpired address (a record
   * lives exactly as long as its peer has some address).
   */
  public static boolean visible(boolean hasStoredRecord, AddrState state, long nowNanos) {
    return hasStoredRecord && state.hasLive(nowNanos);
  }

  /** {@link #visible(boolean, AddrState, long)} on an {@link AddrView}, for lock-free readers. */
  public static boolean visible(boolean hasStoredRecord, AddrView view, long nowNanos) {
    return hasStoredRecord && view.hasLive(nowNanos);
  }

  /**
   * Whether a stored record must go: a record lives only while its peer has some stored
   * address, so the change that removes a peer's last address removes its record too (and
   * gives back its slot of the record cap).
   */
  public static boolean dropsRecord(boolean hasStoredRecord, AddrState state) {
    return hasStoredRecord && state.isEmpty();
  }

  /**
   * Whether a record with {@code newSeq} replaces a visible stored one with {@code storedSeq}:
   * unless the stored seq is higher, compared as unsigned 64-bit values (an equal seq is
   * accepted, refreshing the ttl).
   */
  public static boolean accepts(long storedSeq, long newSeq) {
    return Long.compareUnsigned(storedSeq, newSeq) <= 0;
  }

  /**
   * Checks the global signed-record cap before a peer without a stored record gets one
   * (go-libp2p pstoremem rejects the record, and its addresses, when full).
   *
   * @throws LimitExceededException with message {@value #TOO_MANY_RECORDS} when
   *     {@code currentRecords} records fill the cap
   */
  public static void checkRecordRoom(Limits limits, long currentRecords) {
    if (!limits.recordRoom(currentRecords)) {
      throw new LimitExceededException(TOO_MANY_RECORDS);
    }
  }

  /**
   * Addresses of the previous record to delete when a new record is accepted: those absent
   * from the new record and stored unconnected. Addresses stored from elsewhere are untouched;
   * a previous address that is not stored any more is ignored.
   *
   * @param previous the previous record, or null when none is stored
   * @param normalizedNew the new record's normalised addresses
   */
  public static List<Multiaddr> staleAddrs(
      @Nullable PeerRecord previous, List<Multiaddr> normalizedNew, AddrState state) {
    if (previous == null) {
      return List.of();
    }
    List<Multiaddr> prev = AddrNormalizer.normalize(previous.peerId(), previous.addrs());
    Set<Multiaddr> keep = new HashSet<>(normalizedNew);
    List<Multiaddr> stale = new ArrayList<>();
    for (Multiaddr a : prev) {
      if (keep.contains(a)) {
        continue;
      }
      AddrEntry e = state.find(a);
      if (e != null && !e.connected()) {
        stale.add(a);
      }
    }
    return stale;
  }

  /**
   * Steps 3 and 4 of {@code consumePeerRecord}: deletes {@link #staleAddrs} and adds the new
   * record's addresses with {@code addAddrs} semantics at {@code ttl}. The caller has already
   * checked the seq and the record cap, and stores the envelope afterwards unless the state is
   * then empty.
   */
  public static AddrChange apply(AddrState state, @Nullable PeerRecord previous,
      List<Multiaddr> normalizedNew, long ttlNanos, long nowNanos, Limits limits,
      long globalRoom) {
    AddrChange removal = state.remove(staleAddrs(previous, normalizedNew, state));
    return removal.then(state.add(normalizedNew, ttlNanos, nowNanos, limits, globalRoom));
  }
}
