package org.peerstore.rocksdb;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;
import org.peerstore.StorageException;

/**
 * The pending changes and the single writer of {@link Durability.Mode#GROUPED} (docs/STORAGE.md,
 * "Durability"): a write records its {@link Batch} here and returns; one thread commits
 * everything pending as one RocksDB batch at most every window, or at once when the pending
 * bytes reach their bound or {@link #flush} asks.
 *
 * <p>Pending changes live in <em>layers</em>, one map per column family (sorted for the
 * families read by prefix scans, hashed for the others, see {@link #sorted}), last change per
 * key winning. Writes go into the <em>active</em> layer. A <em>cut</em> (under the write side of
 * a read-write lock every write holds the read side of while it records) makes the active layer
 * the <em>committing</em> one and opens a fresh one, so a committed layer holds every change of
 * the operations acknowledged before the cut and none of the others: each operation is
 * committed whole, and a crash loses a suffix of the acknowledged operations. A committed layer
 * is dropped only after RocksDB took it, so a reader that checks the active layer, then the
 * committing one, then RocksDB ({@link #lookup}, {@link #pendingRange}) sees every
 * acknowledged write.
 *
 * <p>Bounded: a write that finds the active layer at the bound waits (before it records) until
 * the writer has cut it; so the active layer exceeds the bound by at most one operation per
 * writing thread, and at most the layer being committed is held beside it.
 *
 * <p>A failed commit makes the group commit <em>failed</em>: the writer stops, the failed
 * layer stays readable, and every later {@link #add} and {@link #flush} throws the
 * {@link StorageException} that failed it.
 *
 * <p>Thread-safe: {@link #add}, {@link #lookup}, {@link #pendingRange} and {@link #flush} may be
 * called from any thread; {@link #close} once, when no write is in flight.
 */
final class GroupCommit implements AutoCloseable {

  /** The value a layer holds for a pending delete (compared by identity). */
  static final byte[] DELETED = new byte[0];

  /** RocksDB's default (bytewise) key order, which every column family of the store uses. */
  static final Comparator<byte[]> KEY_ORDER = Arrays::compareUnsigned;

  /** Where a cut layer goes: one atomic write of all its changes. */
  @FunctionalInterface
  interface Sink {
    /**
     * Writes every change of {@code layer} atomically.
     *
     * @throws StorageException if the write fails (then nothing of it was applied)
     */
    void write(Layer layer);
  }

  /** Receives the changes of a layer. */
  @FunctionalInterface
  interface ChangeVisitor {
    /** One change: {@code value} is null for a delete. */
    void change(ColumnFamily cf, byte[] key, byte @Nullable [] value);
  }

  /**
   * The column families whose pending changes are kept sorted: the ones read by prefix scans
   * on a read path (one peer's metadata, one peer's keys, one protocol's peers), so such a scan
   * costs its range, not the whole layer. The others (addresses, records, the expiry index,
   * bans, tags, dials, protocol sets) are read by key or scanned whole, and are kept hashed: a
   * write to them costs a hash insert instead of a skip-list insert.
   */
  static boolean sorted(ColumnFamily cf) {
    return cf == ColumnFamily.METADATA || cf == ColumnFamily.KEYS
        || cf == ColumnFamily.PROTOCOL_INDEX;
  }

  /** A key of a hashed column family: the bytes, compared by content. */
  private static final class HashedKey {
    final byte[] bytes;
    private final int hash;

    HashedKey(byte[] bytes) {
      this.bytes = bytes;
      this.hash = Arrays.hashCode(bytes);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof HashedKey k && k.hash == hash && Arrays.equals(k.bytes, bytes);
    }
  }

  /**
   * The pending changes of one generation: per column family, a sorted map ({@link #sorted})
   * or a hash map, last change per key winning.
   */
  static final class Layer {
    final long generation;
    @SuppressWarnings({"unchecked", "rawtypes"}) // no generic array creation in Java
    private final ConcurrentSkipListMap<byte[], byte[]>[] sortedMaps =
        new ConcurrentSkipListMap[ColumnFamily.values().length];
    @SuppressWarnings({"unchecked", "rawtypes"})
    private final ConcurrentHashMap<HashedKey, byte[]>[] hashedMaps =
        new ConcurrentHashMap[ColumnFamily.values().length];
    /** Bytes of the keys and values held (a replaced change no longer counts). */
    private final AtomicLong bytes = new AtomicLong();

    /**
     * @param previous the layer this one follows, or null: a hashed map starts at the size the
     *     previous layer reached, so a steady write rate does not resize it over and over
     */
    Layer(long generation, @Nullable Layer previous) {
      this.generation = generation;
      for (ColumnFamily cf : ColumnFamily.values()) {
        int i = cf.ordinal();
        if (sorted(cf)) {
          sortedMaps[i] = new ConcurrentSkipListMap<>(KEY_ORDER);
        } else {
          hashedMaps[i] = new ConcurrentHashMap<>(
              previous == null ? 16 : Math.max(16, previous.hashedMaps[i].size()));
        }
      }
    }

    /** The bytes of keys and values held. */
    long bytes() {
      return bytes.get();
    }

    /** Records {@code value} (or {@link #DELETED}) under {@code key}; returns the replaced one. */
    private byte @Nullable [] put(ColumnFamily cf, byte[] key, byte[] value) {
      int i = cf.ordinal();
      return sortedMaps[i] != null
          ? sortedMaps[i].put(key, value) : hashedMaps[i].put(new HashedKey(key), value);
    }

    /** The pending change of {@code key}, or null. */
    private byte @Nullable [] get(ColumnFamily cf, byte[] key) {
      int i = cf.ordinal();
      return sortedMaps[i] != null
          ? sortedMaps[i].get(key) : hashedMaps[i].get(new HashedKey(key));
    }

    /** Copies the changes of {@code cf} with {@code from <= key < to} into {@code into}. */
    private void copyRange(ColumnFamily cf, byte @Nullable [] from, byte @Nullable [] to,
        NavigableMap<byte[], byte[]> into) {
      int i = cf.ordinal();
      if (sortedMaps[i] != null) {
        into.putAll(range(sortedMaps[i], from, to));
        return;
      }
      for (Map.Entry<HashedKey, byte[]> e : hashedMaps[i].entrySet()) {
        byte[] k = e.getKey().bytes;
        if ((from == null || KEY_ORDER.compare(k, from) >= 0)
            && (to == null || KEY_ORDER.compare(k, to) < 0)) {
          into.put(k, e.getValue());
        }
      }
    }

    /**
     * Visits every change, column family by column family, each in key order (a hashed family
     * is sorted here, on the writer's thread, not on every write).
     */
    void forEach(ChangeVisitor visitor) {
      for (ColumnFamily cf : ColumnFamily.values()) {
        int i = cf.ordinal();
        if (sortedMaps[i] != null) {
          for (Map.Entry<byte[], byte[]> e : sortedMaps[i].entrySet()) {
            byte[] v = e.getValue();
            visitor.change(cf, e.getKey(), v == DELETED ? null : v);
          }
        } else {
          ConcurrentHashMap<HashedKey, byte[]> m = hashedMaps[i];
          byte[][] keys = new byte[m.size()][];
          byte[][] values = new byte[keys.length][];
          int n = 0;
          // A layer is visited once it is cut, when no write changes it any more.
          for (Map.Entry<HashedKey, byte[]> e : m.entrySet()) {
            keys[n] = e.getKey().bytes;
            values[n++] = e.getValue();
          }
          for (int j : KeySort.order(keys)) {
            byte[] v = values[j];
            visitor.change(cf, keys[j], v == DELETED ? null : v);
          }
        }
      }
    }

    /** How many keys the layer changes. */
    int size() {
      int n = 0;
      for (int i = 0; i < sortedMaps.length; i++) {
        n += sortedMaps[i] != null ? sortedMaps[i].size() : hashedMaps[i].size();
      }
      return n;
    }
  }

  /** The layers a reader consults, newest first; swapped whole, read with one volatile read. */
  private record Layers(Layer active, @Nullable Layer committing) {}

  private final Sink sink;
  private final long windowNanos;
  private final long boundBytes;
  private final ReentrantReadWriteLock cutLock = new ReentrantReadWriteLock();
  private final ReentrantLock monitor = new ReentrantLock();
  /** Signalled to wake the writer (a flush, the bound reached, close). */
  private final Condition wake = monitor.newCondition();
  /** Signalled after every commit attempt. */
  private final Condition done = monitor.newCondition();
  private final Thread writer;

  private volatile Layers layers = new Layers(new Layer(1, null), null);
  /** The newest generation RocksDB has taken; every older one was taken before it. */
  private volatile long committed;
  private volatile @Nullable StorageException failure;
  /** Guarded by {@link #monitor}. */
  private boolean cutWanted;
  /** Guarded by {@link #monitor}. */
  private boolean stopping;
  private volatile boolean closed;
  /** Operations and commits, for tests and stats. */
  private final AtomicLong commits = new AtomicLong();

  /**
   * Starts the writer thread.
   *
   * @param window the longest time a change waits for its commit when nothing hurries it
   * @param boundBytes the pending bytes at which the writer cuts at once and writers wait
   * @param threadName the writer thread's name
   */
  GroupCommit(Sink sink, Duration window, long boundBytes, String threadName) {
    this.sink = sink;
    this.windowNanos = window.toNanos();
    this.boundBytes = boundBytes;
    this.writer = new Thread(this::run, threadName);
    writer.setDaemon(true);
    writer.start();
  }

  /**
   * Records every change of {@code batch} as one operation, visible to {@link #lookup} when
   * this returns, committed whole with the next cut. Waits first while the pending bytes are at
   * the bound.
   *
   * @throws StorageException if an earlier commit failed (nothing is recorded)
   * @throws IllegalStateException after {@link #close}
   */
  void add(Batch batch) {
    if (closed) {
      throw new IllegalStateException("group commit closed");
    }
    throwIfFailed();
    if (layers.active.bytes() >= boundBytes) {
      awaitRoom();
    }
    Layer layer;
    cutLock.readLock().lock();
    try {
      throwIfFailed();
      layer = layers.active;
      long delta = 0;
      for (int i = 0, n = batch.count(); i < n; i++) {
        byte[] key = batch.key(i);
        byte[] v = batch.value(i);
        byte[] value = v == null ? DELETED : v;
        byte[] before = layer.put(batch.cf(i), key, value);
        delta += value.length + (before == null ? key.length : -before.length);
      }
      layer.bytes.addAndGet(delta);
    } finally {
      cutLock.readLock().unlock();
    }
    if (layer.bytes() >= boundBytes) {
      wakeWriter();
    }
  }

  /**
   * The pending change of {@code key}: null when none is pending, {@link #DELETED} for a
   * pending delete, else the pending value (not to be modified).
   */
  byte @Nullable [] lookup(ColumnFamily cf, byte[] key) {
    Layers ls = layers;
    byte[] v = ls.active.get(cf, key);
    if (v == null && ls.committing != null) {
      v = ls.committing.get(cf, key);
    }
    return v;
  }

  /**
   * Copies the pending changes of {@code cf} with {@code from <= key < to} (null bounds are
   * open), newest winning, then runs {@code then} (which opens the RocksDB iterator) before any
   * cut can happen: so what RocksDB shows {@code then} lacks nothing the copy lacks.
   *
   * @return the copy; values are {@link #DELETED} for pending deletes
   */
  NavigableMap<byte[], byte[]> pendingRange(
      ColumnFamily cf, byte @Nullable [] from, byte @Nullable [] to, Runnable then) {
    cutLock.readLock().lock();
    try {
      Layers ls = layers;
      TreeMap<byte[], byte[]> copy = new TreeMap<>(KEY_ORDER);
      if (ls.committing != null) {
        ls.committing.copyRange(cf, from, to, copy);
      }
      ls.active.copyRange(cf, from, to, copy);
      then.run();
      return copy;
    } finally {
      cutLock.readLock().unlock();
    }
  }

  private static NavigableMap<byte[], byte[]> range(
      ConcurrentSkipListMap<byte[], byte[]> m, byte @Nullable [] from, byte @Nullable [] to) {
    if (from != null && to != null) {
      return m.subMap(from, true, to, false);
    }
    if (from != null) {
      return m.tailMap(from, true);
    }
    return to != null ? m.headMap(to, false) : m;
  }

  /**
   * Returns once every operation {@link #add}ed before this call is in RocksDB (and its
   * write-ahead log).
   *
   * @throws StorageException if a commit failed (before or while waiting)
   * @throws IllegalStateException if the group commit was closed with changes this call waits
   *     for uncommitted (cannot happen while the store's use guard holds close back)
   */
  void flush() {
    throwIfFailed();
    Layers ls = layers;
    long target = ls.active.bytes() > 0 ? ls.active.generation
        : ls.committing != null ? ls.committing.generation : 0;
    if (committed >= target) {
      return;
    }
    monitor.lock();
    try {
      cutWanted = true;
      wake.signal();
      while (committed < target && failure == null) {
        if (!writer.isAlive()) {
          throw new IllegalStateException("group commit closed");
        }
        done.awaitUninterruptibly();
      }
    } finally {
      monitor.unlock();
    }
    throwIfFailed();
  }

  /** The bytes of keys and values in the active layer (not yet cut). */
  long activeBytes() {
    return layers.active.bytes();
  }

  /** The bytes of keys and values pending (active and committing layers). */
  long pendingBytes() {
    Layers ls = layers;
    return ls.active.bytes() + (ls.committing == null ? 0 : ls.committing.bytes());
  }

  /** How many layers were committed. */
  long commitCount() {
    return commits.get();
  }

  /** The failure that stopped the writer, or null. */
  @Nullable StorageException failure() {
    return failure;
  }

  /**
   * Commits everything pending and stops the writer.
   *
   * @throws StorageException if the last commit (or an earlier one) failed: the changes it
   *     lacked are lost
   */
  @Override
  public void close() {
    closed = true;
    monitor.lock();
    try {
      stopping = true;
      wake.signal();
    } finally {
      monitor.unlock();
    }
    boolean interrupted = false;
    while (writer.isAlive()) {
      try {
        writer.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    throwIfFailed();
  }

  private void throwIfFailed() {
    StorageException f = failure;
    if (f != null) {
      throw new StorageException("an earlier grouped commit failed: " + f.getMessage(), f);
    }
  }

  private void wakeWriter() {
    monitor.lock();
    try {
      cutWanted = true;
      wake.signal();
    } finally {
      monitor.unlock();
    }
  }

  private void awaitRoom() {
    monitor.lock();
    try {
      while (layers.active.bytes() >= boundBytes && failure == null && writer.isAlive()) {
        cutWanted = true;
        wake.signal();
        done.awaitUninterruptibly();
      }
    } finally {
      monitor.unlock();
    }
  }

  private void run() {
    while (true) {
      boolean stop;
      monitor.lock();
      try {
        if (!cutWanted && !stopping) {
          wake.awaitNanos(windowNanos);
        }
        cutWanted = false;
        stop = stopping;
      } catch (InterruptedException e) {
        stop = true; // only close stops the writer; an interrupt ends it after one last commit
      } finally {
        monitor.unlock();
      }
      Layer cut = cut();
      boolean ok = cut == null || commit(cut);
      monitor.lock();
      try {
        done.signalAll();
      } finally {
        monitor.unlock();
      }
      if (!ok || (stop && layers.active.bytes() == 0)) {
        return;
      }
    }
  }

  private @Nullable Layer cut() {
    cutLock.writeLock().lock();
    try {
      Layers ls = layers;
      if (ls.active.bytes() == 0) {
        return null;
      }
      layers = new Layers(new Layer(ls.active.generation + 1, ls.active), ls.active);
      return ls.active;
    } finally {
      cutLock.writeLock().unlock();
    }
  }

  private boolean commit(Layer cut) {
    try {
      sink.write(cut);
    } catch (RuntimeException e) {
      // The layer stays readable (acknowledged writes remain visible here), never dropped.
      failure = e instanceof StorageException s
          ? s : new StorageException("grouped commit failed: " + e, e);
      return false;
    }
    committed = cut.generation;
    commits.incrementAndGet();
    Layers ls = layers;
    // Only this thread replaces the layers after the cut; the active layer is unchanged.
    layers = new Layers(ls.active, null);
    return true;
  }

  /** Waits at most {@code timeout} for the writer to end (tests). */
  boolean awaitStopped(long timeout, TimeUnit unit) throws InterruptedException {
    writer.join(unit.toMillis(timeout));
    return !writer.isAlive();
  }
}
