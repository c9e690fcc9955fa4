package org.peerstore.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.peerstore.multiaddr.Multiaddr;

/**
 * The address set of one peer with the exact semantics of docs/CONTRACT.md §2–3: extend-only
 * {@link #add}, overriding {@link #set}, {@link #update} by exact ttl, and the per-peer cap.
 *
 * <p>Every address keeps its ttl and its expiry (both {@code long} nanoseconds, the expiry
 * since the epoch; see {@link Ttl}). An address is expired when {@code now >= expiry}; a
 * connected address (ttl {@code >= Ttl.CONNECTED}) has expiry {@link Ttl#NEVER}.
 *
 * <p><b>Per-peer cap</b> ({@link Limits#maxAddrsPerPeer()}, 0 = none): at most that many
 * unconnected addresses. When an address would become one more unconnected address (a new
 * insertion, or a connected address downgraded by {@code set}/{@code update}) while the peer
 * is at the cap, the stored unconnected address with the earliest expiry is evicted first
 * (ties: the one stored first), as go-libp2p does; if no unconnected address is stored, the
 * new one is dropped. Connected addresses are never counted or evicted.
 *
 * <p><b>Global room</b>: the mutators take {@code globalRoom}, how many more unconnected
 * addresses the store's global cap allows. A change that would add one more unconnected
 * address to the store without a per-peer eviction consumes one unit; with no room left a new
 * address is dropped and a downgraded connected address is deleted (go-libp2p pstoremem's
 * behaviour when full). Extending or refreshing a stored address never needs room.
 * Compare {@link #unconnectedCount()} before and after a call to learn the net change.
 *
 * <p>Addresses keep insertion order. Not thread-safe: the store holds the peer's lock around
 * every call. {@link #view()} returns an immutable view readers may use without the lock.
 */
public final class AddrState {

  /** Beyond this many addresses, lookups use a hash index instead of a linear scan. */
  private static final int INDEX_THRESHOLD = 16;

  private @Nullable Multiaddr[] addrs;
  private long[] ttls;
  private long[] expiries;
  private int size;
  private int unconnected;
  /** Address → position; null when absent or stale (rebuilt on demand above the threshold). */
  private @Nullable HashMap<Multiaddr, Integer> index;
  /** Cached view; null when stale. */
  private @Nullable AddrView view;

  // Per-call scratch of the mutators (the state is confined to one thread at a time).
  private long room;
  private @Nullable List<Multiaddr> inserted;
  private @Nullable List<Multiaddr> removed;
  private boolean modified;

  /** An empty set. */
  public AddrState() {
    this.addrs = new Multiaddr[4];
    this.ttls = new long[4];
    this.expiries = new long[4];
  }

  /**
   * A set holding {@code entries} as they are (a persistent store's decoded state).
   *
   * @throws IllegalArgumentException if two entries have the same address
   * @throws NullPointerException if {@code entries} or an element is null
   */
  public AddrState(Collection<AddrEntry> entries) {
    int n = Math.max(4, entries.size());
    this.addrs = new Multiaddr[n];
    this.ttls = new long[n];
    this.expiries = new long[n];
    for (AddrEntry e : entries) {
      if (indexOf(e.addr()) >= 0) {
        throw new IllegalArgumentException("duplicate address entry: " + e.addr());
      }
      append(e.addr(), e.ttlNanos(), e.expiryNanos());
    }
  }

  /** A deep copy of this set. */
  public AddrState copy() {
    AddrState c = new AddrState();
    c.addrs = Arrays.copyOf(addrs, Math.max(4, size));
    c.ttls = Arrays.copyOf(ttls, c.addrs.length);
    c.expiries = Arrays.copyOf(expiries, c.addrs.length);
    c.size = size;
    c.unconnected = unconnected;
    c.view = view;
    return c;
  }

  // ---------------------------------------------------------------------------------- mutators

  /** {@link #add(List, long, long, Limits, long)} without a global cap. */
  public AddrChange add(List<Multiaddr> normalized, long ttlNanos, long nowNanos, Limits limits) {
    return add(normalized, ttlNanos, nowNanos, limits, Long.MAX_VALUE);
  }

  /**
   * Adds addresses, only extending (docs/CONTRACT.md §3 {@code addAddrs}): {@code ttl <= 0} does
   * nothing; a stored address gets ttl max(old, ttl) and expiry max(old, now + ttl),
   * independently; a new address is inserted with ttl and expiry now + ttl, subject to the
   * per-peer cap and {@code globalRoom} (see the class comment).
   *
   * @param normalized addresses already passed through {@link AddrNormalizer}
   */
  public AddrChange add(
      List<Multiaddr> normalized, long ttlNanos, long nowNanos, Limits limits, long globalRoom) {
    if (ttlNanos <= 0 || normalized.isEmpty()) {
      return AddrChange.NONE;
    }
    begin(globalRoom);
    long exp = Ttl.expiry(nowNanos, ttlNanos);
    boolean connected = Ttl.isConnected(ttlNanos);
    int cap = limits.maxAddrsPerPeer();
    for (Multiaddr a : normalized) {
      int i = indexOf(a);
      if (i >= 0) {
        boolean wasConnected = Ttl.isConnected(ttls[i]);
        if (ttlNanos > ttls[i]) {
          ttls[i] = ttlNanos;
          modified = true;
        }
        if (exp > expiries[i]) {
          expiries[i] = exp;
          modified = true;
        }
        if (!wasConnected && Ttl.isConnected(ttls[i])) {
          unconnected--;
        }
      } else if (connected || makeRoom(cap)) {
        append(a, ttlNanos, exp);
        inserted.add(a);
        modified = true;
      }
    }
    return end();
  }

  /** {@link #set(List, long, long, Limits, long)} without a global cap. */
  public AddrChange set(List<Multiaddr> normalized, long ttlNanos, long nowNanos, Limits limits) {
    return set(normalized, ttlNanos, nowNanos, limits, Long.MAX_VALUE);
  }

  /**
   * Sets addresses, overriding (docs/CONTRACT.md §3 {@code setAddrs}): {@code ttl <= 0} deletes
   * exactly the listed addresses; otherwise each listed address gets exactly this ttl and
   * expiry now + ttl, even if shorter, and missing ones are inserted (and reported as inserted,
   * so they are published as go-libp2p does), subject to the per-peer cap and
   * {@code globalRoom}.
   *
   * @param normalized addresses already passed through {@link AddrNormalizer}
   */
  public AddrChange set(
      List<Multiaddr> normalized, long ttlNanos, long nowNanos, Limits limits, long globalRoom) {
    if (normalized.isEmpty()) {
      return AddrChange.NONE;
    }
    begin(globalRoom);
    if (ttlNanos <= 0) {
      removeAll(normalized);
      return end();
    }
    long exp = Ttl.expiry(nowNanos, ttlNanos);
    boolean connected = Ttl.isConnected(ttlNanos);
    int cap = limits.maxAddrsPerPeer();
    for (Multiaddr a : normalized) {
      int i = indexOf(a);
      if (i >= 0) {
        override(a, i, ttlNanos, exp, cap);
      } else if (connected || makeRoom(cap)) {
        append(a, ttlNanos, exp);
        inserted.add(a);
        modified = true;
      }
    }
    return end();
  }

  /** {@link #update(long, long, long, Limits, long)} without a global cap. */
  public AddrChange update(long oldTtlNanos, long newTtlNanos, long nowNanos, Limits limits) {
    return update(oldTtlNanos, newTtlNanos, nowNanos, limits, Long.MAX_VALUE);
  }

  /**
   * Every stored address whose ttl equals {@code oldTtl} gets {@code newTtl} and expiry
   * now + newTtl; {@code newTtl <= 0} deletes them (docs/CONTRACT.md §3 {@code updateAddrs}).
   * Addresses downgraded from connected are subject to the per-peer cap and
   * {@code globalRoom}, and expire like any other.
   */
  public AddrChange update(
      long oldTtlNanos, long newTtlNanos, long nowNanos, Limits limits, long globalRoom) {
    List<Multiaddr> matching = null;
    for (int i = 0; i < size; i++) {
      if (ttls[i] == oldTtlNanos) {
        if (matching == null) {
          matching = new ArrayList<>();
        }
        matching.add(addrs[i]);
      }
    }
    if (matching == null) {
      return AddrChange.NONE;
    }
    begin(globalRoom);
    if (newTtlNanos <= 0) {
      removeAll(matching);
      return end();
    }
    long exp = Ttl.expiry(nowNanos, newTtlNanos);
    int cap = limits.maxAddrsPerPeer();
    for (Multiaddr a : matching) {
      int i = indexOf(a);
      if (i >= 0) { // an earlier downgrade in this call may have evicted it
        override(a, i, newTtlNanos, exp, cap);
      }
    }
    return end();
  }

  /**
   * Removes the listed addresses (whatever their ttl); absent ones are ignored.
   */
  public AddrChange remove(Collection<Multiaddr> listed) {
    if (listed.isEmpty() || size == 0) {
      return AddrChange.NONE;
    }
    begin(0);
    removeAll(listed);
    return end();
  }

  /**
   * Replaces the whole set with {@code entries} exactly as given (ttl and expiry included),
   * bypassing every rule of the mutators: for restoring a snapshot, whose entries were checked
   * by the caller. Entries keep the given order.
   *
   * @return inserted: addresses of {@code entries} not stored before; removed: stored addresses
   *     absent from {@code entries}; modified: whether any address, ttl or expiry differs
   * @throws IllegalArgumentException if two entries have the same address (nothing changes)
   * @throws NullPointerException if {@code entries} or an element is null
   */
  public AddrChange replaceAll(Collection<AddrEntry> entries) {
    AddrState next = new AddrState(entries);
    begin(0);
    for (int i = 0; i < next.size; i++) {
      int j = indexOf(next.addrs[i]);
      if (j < 0) {
        inserted.add(next.addrs[i]);
        modified = true;
      } else if (ttls[j] != next.ttls[i] || expiries[j] != next.expiries[i] || j != i) {
        modified = true;
      }
    }
    for (int i = 0; i < size; i++) {
      if (next.indexOf(addrs[i]) < 0) {
        removed.add(addrs[i]);
        modified = true;
      }
    }
    if (modified) {
      addrs = next.addrs;
      ttls = next.ttls;
      expiries = next.expiries;
      size = next.size;
      unconnected = next.unconnected;
      index = null;
    }
    return end();
  }

  /**
   * Removes every address, connected ones too.
   *
   * @return how many addresses were removed
   */
  public int clear() {
    int n = size;
    if (n == 0) {
      return 0;
    }
    Arrays.fill(addrs, 0, size, null);
    size = 0;
    unconnected = 0;
    index = null;
    view = null;
    return n;
  }

  /**
   * Removes every address expired at {@code nowNanos} ({@code now >= expiry}).
   *
   * @return how many were removed
   */
  public int removeExpired(long nowNanos) {
    int w = 0;
    for (int r = 0; r < size; r++) {
      if (nowNanos < expiries[r]) {
        if (w != r) {
          addrs[w] = addrs[r];
          ttls[w] = ttls[r];
          expiries[w] = expiries[r];
        }
        w++;
      } else if (!Ttl.isConnected(ttls[r])) {
        unconnected--;
      }
    }
    int removedCount = size - w;
    if (removedCount > 0) {
      Arrays.fill(addrs, w, size, null);
      size = w;
      index = null;
      view = null;
    }
    return removedCount;
  }

  // ----------------------------------------------------------------------------------- readers

  /** The addresses unexpired at {@code nowNanos}, in insertion order (unmodifiable). */
  public List<Multiaddr> live(long nowNanos) {
    return view().live(nowNanos);
  }

  /** Whether some address is unexpired at {@code nowNanos}. */
  public boolean hasLive(long nowNanos) {
    for (int i = 0; i < size; i++) {
      if (nowNanos < expiries[i]) {
        return true;
      }
    }
    return false;
  }

  /**
   * The earliest expiry other than {@link Ttl#NEVER}, or {@code Long.MAX_VALUE} if every
   * address is connected or none is stored. Expired but uncollected addresses count.
   */
  public long nextExpiry() {
    long min = Long.MAX_VALUE;
    for (int i = 0; i < size; i++) {
      if (expiries[i] != Ttl.NEVER && expiries[i] < min) {
        min = expiries[i];
      }
    }
    return min;
  }

  /** The stored entry of {@code addr}, or null. */
  public @Nullable AddrEntry find(Multiaddr addr) {
    int i = indexOf(addr);
    return i < 0 ? null : new AddrEntry(addrs[i], ttls[i], expiries[i]);
  }

  /**
   * The address of the {@code i}-th stored entry in insertion order (with {@link #ttlAt} and
   * {@link #expiryAt}: the entries without building {@link #entries()}, for encoders).
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= i < size()}
   */
  public Multiaddr addrAt(int i) {
    return addrs[Objects.checkIndex(i, size)];
  }

  /**
   * The ttl of the {@code i}-th stored entry in insertion order.
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= i < size()}
   */
  public long ttlAt(int i) {
    return ttls[Objects.checkIndex(i, size)];
  }

  /**
   * The expiry of the {@code i}-th stored entry in insertion order.
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= i < size()}
   */
  public long expiryAt(int i) {
    return expiries[Objects.checkIndex(i, size)];
  }

  /** Every stored entry, expired ones included, in insertion order (a new list). */
  public List<AddrEntry> entries() {
    List<AddrEntry> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(new AddrEntry(addrs[i], ttls[i], expiries[i]));
    }
    return out;
  }

  /** An immutable view of the current addresses; cached until the next change. */
  public AddrView view() {
    AddrView s = view;
    if (s == null) {
      s = size == 0
          ? AddrView.EMPTY
          : new AddrView(Arrays.copyOf(addrs, size), Arrays.copyOf(expiries, size));
      view = s;
    }
    return s;
  }

  /** Whether no address is stored (expired ones count as stored). */
  public boolean isEmpty() {
    return size == 0;
  }

  /** How many addresses are stored, expired ones included. */
  public int size() {
    return size;
  }

  /** How many stored addresses are not connected. */
  public int unconnectedCount() {
    return unconnected;
  }

  // ---------------------------------------------------------------------------------- helpers

  private void begin(long globalRoom) {
    room = globalRoom;
    inserted = new ArrayList<>(2);
    removed = new ArrayList<>(0);
    modified = false;
  }

  private AddrChange end() {
    AddrChange c = modified ? new AddrChange(inserted, removed, true) : AddrChange.NONE;
    inserted = null;
    removed = null;
    if (modified) {
      view = null;
    }
    return c;
  }

  /** Gives stored address {@code a} at {@code i} exactly this ttl and expiry (set/update). */
  private void override(Multiaddr a, int i, long ttl, long exp, int cap) {
    boolean wasConnected = Ttl.isConnected(ttls[i]);
    boolean connected = Ttl.isConnected(ttl);
    if (wasConnected && !connected) {
      if (!makeRoom(cap)) {
        removeAt(indexOf(a));
        removed.add(a);
        modified = true;
        return;
      }
      i = indexOf(a); // an eviction may have shifted it
      unconnected++;
    } else if (!wasConnected && connected) {
      unconnected--;
    }
    if (ttls[i] != ttl || expiries[i] != exp) {
      ttls[i] = ttl;
      expiries[i] = exp;
      modified = true;
    }
  }

  /**
   * Makes room for one more unconnected address: evicts the earliest-expiring unconnected
   * address when the peer is at its cap (no global room needed, the store's count does not
   * grow), else consumes one unit of global room. Returns false when neither is possible.
   */
  private boolean makeRoom(int cap) {
    if (cap > 0 && unconnected >= cap) {
      int victim = -1;
      for (int i = 0; i < size; i++) {
        if (!Ttl.isConnected(ttls[i]) && (victim < 0 || expiries[i] < expiries[victim])) {
          victim = i;
        }
      }
      if (victim < 0) {
        return false;
      }
      Multiaddr gone = addrs[victim];
      removeAt(victim);
      if (!inserted.remove(gone)) {
        removed.add(gone);
      }
      modified = true;
      return true;
    }
    if (room <= 0) {
      return false;
    }
    room--;
    return true;
  }

  private void append(Multiaddr a, long ttl, long exp) {
    if (size == addrs.length) {
      int n = size * 2;
      addrs = Arrays.copyOf(addrs, n);
      ttls = Arrays.copyOf(ttls, n);
      expiries = Arrays.copyOf(expiries, n);
    }
    addrs[size] = a;
    ttls[size] = ttl;
    expiries[size] = exp;
    if (index != null) {
      index.put(a, size);
    }
    size++;
    if (!Ttl.isConnected(ttl)) {
      unconnected++;
    }
    view = null;
  }

  private void removeAt(int i) {
    if (!Ttl.isConnected(ttls[i])) {
      unconnected--;
    }
    int tail = size - i - 1;
    if (tail > 0) {
      System.arraycopy(addrs, i + 1, addrs, i, tail);
      System.arraycopy(ttls, i + 1, ttls, i, tail);
      System.arraycopy(expiries, i + 1, expiries, i, tail);
    }
    addrs[--size] = null;
    index = null;
    view = null;
  }

  /** Removes the listed addresses in one compaction pass, recording them as removed. */
  private void removeAll(Collection<Multiaddr> listed) {
    boolean[] drop = new boolean[size];
    int count = 0;
    for (Multiaddr a : listed) {
      int i = indexOf(a);
      if (i >= 0 && !drop[i]) {
        drop[i] = true;
        count++;
      }
    }
    if (count == 0) {
      return;
    }
    int w = 0;
    for (int r = 0; r < size; r++) {
      if (drop[r]) {
        removed.add(addrs[r]);
        if (!Ttl.isConnected(ttls[r])) {
          unconnected--;
        }
      } else {
        if (w != r) {
          addrs[w] = addrs[r];
          ttls[w] = ttls[r];
          expiries[w] = expiries[r];
        }
        w++;
      }
    }
    Arrays.fill(addrs, w, size, null);
    size = w;
    index = null;
    view = null;
    modified = true;
  }

  private int indexOf(Multiaddr a) {
    if (size > INDEX_THRESHOLD) {
      if (index == null) {
        index = new HashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
          index.put(addrs[i], i);
        }
      }
      Integer i = index.get(a);
      return i == null ? -1 : i;
    }
    for (int i = 0; i < size; i++) {
      if (addrs[i].equals(a)) {
        return i;
      }
    }
    return -1;
  }
}
