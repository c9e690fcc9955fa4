package org.peerstore.internal;

import java.util.concurrent.atomic.AtomicLong;
import org.peerstore.LimitExceededException;

/**
 * The store-wide counts behind the optional global caps ({@code maxUnconnectedAddrs},
 * {@code maxSignedRecords}; docs/CONTRACT.md §3 and §4), kept the same way by every store.
 *
 * <p>A write that may add unconnected addresses first {@linkplain #reserveUnconnected reserves}
 * room, applies its change within that room, and then {@linkplain #settleUnconnected settles}
 * the reservation with the change's real effect (0 if the write failed). Reservations are taken
 * by compare-and-set, so writers of different peers never wait for each other and the cap is
 * never exceeded, not even briefly; under concurrent writers near the cap an address may be
 * refused although room is about to be freed. A signed record takes one slot the same way
 * ({@link #reserveRecord}) and gives it back when its peer's last address goes
 * ({@link #releaseRecord}). Writes that only remove use {@link #adjustUnconnected}.
 *
 * <p>A cap of 0 is off: its count is not kept, reservations are unlimited and cost nothing.
 * A persistent store {@linkplain #load loads} the counts once when it opens.
 *
 * <p>Thread-safe.
 */
public final class GlobalCaps {
  private final Limits limits;
  private final boolean addrCap;
  private final boolean recordCap;
  private final AtomicLong unconnected = new AtomicLong();
  private final AtomicLong records = new AtomicLong();

  /** Counts for {@code limits}. */
  public GlobalCaps(Limits limits) {
    this.limits = limits;
    this.addrCap = limits.maxUnconnectedAddrs() > 0;
    this.recordCap = limits.maxSignedRecords() > 0;
  }

  /** Whether any global cap is set (and so whether a store needs to {@link #load} counts). */
  public boolean counting() {
    return addrCap || recordCap;
  }

  /** Sets the counts, as found in a store's data when it opens. */
  public void load(long unconnectedAddrs, long signedRecords) {
    unconnected.set(unconnectedAddrs);
    records.set(signedRecords);
  }

  /**
   * Reserves room for up to {@code wanted} new unconnected addresses; returns how many may be
   * added ({@code Long.MAX_VALUE} without an address cap). Settle it with
   * {@link #settleUnconnected} whatever happens next.
   */
  public long reserveUnconnected(long wanted) {
    if (!addrCap) {
      return Long.MAX_VALUE;
    }
    while (true) {
      long current = unconnected.get();
      long room = Math.min(wanted, limits.unconnectedRoom(current));
      if (room <= 0) {
        return 0;
      }
      if (unconnected.compareAndSet(current, current + room)) {
        return room;
      }
    }
  }

  /**
   * Settles a reservation of {@code reserved} once the write's real change of the unconnected
   * count, {@code delta} (0 when the write did not happen), is known.
   */
  public void settleUnconnected(long reserved, long delta) {
    if (addrCap) {
      unconnected.addAndGet(delta - reserved);
    }
  }

  /** Applies a change of the unconnected count made without a reservation (removals). */
  public void adjustUnconnected(long delta) {
    if (addrCap && delta != 0) {
      unconnected.addAndGet(delta);
    }
  }

  /**
   * Takes one slot of the signed-record cap for a peer that has no stored record.
   *
   * @throws LimitExceededException with message {@value RecordRules#TOO_MANY_RECORDS} when
   *     the cap is full (nothing is taken)
   */
  public void reserveRecord() {
    if (!recordCap) {
      return;
    }
    while (true) {
      long current = records.get();
      RecordRules.checkRecordRoom(limits, current);
      if (records.compareAndSet(current, current + 1)) {
        return;
      }
    }
  }

  /** Gives back one slot of the signed-record cap (a record was removed, or not stored). */
  public void releaseRecord() {
    if (recordCap) {
      records.decrementAndGet();
    }
  }

  /** Applies a change of the signed-record count made without a reservation. */
  public void adjustRecords(long delta) {
    if (recordCap && delta != 0) {
      records.addAndGet(delta);
    }
  }

  /** The unconnected addresses counted (0 without an address cap). */
  public long unconnected() {
    return addrCap ? unconnected.get() : 0;
  }

  /** The signed records counted (0 without a record cap). */
  public long records() {
    return recordCap ? records.get() : 0;
  }
}
