package org.peerstore.rocksdb;

import java.util.List;
import org.peerstore.internal.AddrChange;
import org.peerstore.internal.AddrState;
import org.peerstore.internal.RecordRules;
import org.peerstore.internal.Ttl;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;
import org.jspecify.annotations.Nullable;

/**
 * A change of one peer's addresses (and, with it, its signed record) as a {@link PeerMutation}:
 * the change runs on a copy of the addresses; the result, the expiry index and the record are
 * put in the batch by {@link #putAddrs}. Also holds the address rules every address write of
 * the store shares ({@link #putAddrs}, {@link #after}), used by garbage collection and restore.
 */
final class AddrMutation implements PeerMutation {

  /** A {@code wanted} room: as many as the peer has addresses (a downgrade from connected). */
  static final long ROOM_FOR_STORED = -1;

  /** A change of a copy of the addresses; may read the peer's previous state. */
  @FunctionalInterface
  interface Change {
    AddrChange apply(AddrState state, PeerState old, long nowNanos, long globalRoom);
  }

  private final StoreDb db;
  private final PeerId peer;
  private final String what;
  private final long wanted;
  private final int books;
  private final Change change;
  private final @Nullable Envelope newRecord;
  private AddrChange done = AddrChange.NONE;

  /**
   * @param wanted how many new unconnected addresses the change may add, or
   *     {@link #ROOM_FOR_STORED}
   * @param books books the change reads besides the addresses (e.g. the record)
   * @param newRecord the record to store with the addresses, or null to keep the stored one
   */
  AddrMutation(StoreDb db, PeerId peer, String what, long wanted, int books, Change change,
      @Nullable Envelope newRecord) {
    this.db = db;
    this.peer = peer;
    this.what = what;
    this.wanted = wanted;
    this.books = books;
    this.change = change;
    this.newRecord = newRecord;
  }

  @Override
  public int books() {
    return PeerState.ADDRS | books;
  }

  @Override
  public String what() {
    return what;
  }

  @Override
  public long wantedRoom(PeerState old) {
    return wanted == ROOM_FOR_STORED ? old.addrs.size() : wanted;
  }

  @Override
  public boolean takesRecordSlot(PeerState old) {
    return newRecord != null && old.record == null;
  }

  @Override
  public @Nullable PeerState apply(
      PeerState old, Batch batch, long nowNanos, long room) {
    AddrState next = old.addrs.copy();
    done = change.apply(next, old, nowNanos, room);
    if (!done.modified()) {
      return null;
    }
    int addrBytes = putAddrs(batch, db, peer, old, next, newRecord);
    return after(old, next, newRecord, addrBytes);
  }

  @Override
  public List<Multiaddr> inserted() {
    return done.inserted();
  }

  /**
   * Adds to {@code batch} the change from {@code old}'s addresses (and record) to {@code next}
   * (and {@code nextRecord}): the {@code addrs} value (deleted when empty), the expiry index
   * entry keyed on the earliest finite expiry (old one deleted, new one put), and the record:
   * deleted when no address is left ({@link RecordRules#dropsRecord}), put when
   * {@code nextRecord} is given, else untouched.
   *
   * @param old the state before, holding at least the {@link PeerState#ADDRS} book (with the
   *     {@link PeerState#RECORD} book too, a delete of an absent record is skipped)
   * @param nextRecord a record to store with the addresses, or null to keep what is stored
   * @return the length of the encoded {@code addrs} value (0 when it is deleted), for
   *     {@link #after}
   * @throws org.peerstore.StorageException if RocksDB fails to take the changes
   */
  static int putAddrs(
      Batch batch, StoreDb db, PeerId p, PeerState old, AddrState next,
      @Nullable Envelope nextRecord) {
    byte[] id = p.toBytes();
    byte[] key = StoreKeys.peer(id);
    // When the stored value was corrupt its index entry is unknown; a stale one is dropped
    // by the garbage collector when it finds it does not match.
    long before = old.isCorrupt(PeerState.ADDRS) ? Ttl.NEVER : old.addrs.nextExpiry();
    byte[] value = next.isEmpty() ? null : ValueCodec.encodeAddrs(next);
    AddrWrites.put(batch, id, before, next, value);
    boolean knownAbsent =
        old.has(PeerState.RECORD) && old.record == null && !old.isCorrupt(PeerState.RECORD);
    if (RecordRules.dropsRecord(!knownAbsent, next)) {
      batch.delete(ColumnFamily.RECORDS, key);
    } else if (nextRecord != null && !next.isEmpty()) {
      batch.put(ColumnFamily.RECORDS, key, nextRecord.marshal());
    }
    return value == null ? 0 : value.length;
  }

  /**
   * The state after {@link #putAddrs} with the same arguments.
   *
   * @param addrBytes what {@link #putAddrs} returned
   */
  static PeerState after(
      PeerState old, AddrState next, @Nullable Envelope nextRecord, int addrBytes) {
    PeerState s = old.withAddrs(next, ValueCodec.addrsWeight(addrBytes, next.size()), false);
    if (next.isEmpty()) {
      // putAddrs deleted the record.
      return s.withRecord(null, 0, false);
    }
    if (nextRecord != null) {
      return s.withRecord(nextRecord, ValueCodec.recordWeight(nextRecord.size()), false);
    }
    // The record is unchanged: as loaded in old, or still not loaded.
    return s;
  }
}
