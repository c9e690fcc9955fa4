package org.peerstore.rocksdb;

import java.time.Duration;
import java.util.Objects;

/**
 * When a write of a {@link RocksPeerstore} is durable relative to the call that made it
 * (docs/CONTRACT.md §18, docs/STORAGE.md "Durability"). Set with
 * {@link RocksPeerstoreBuilder#durability}; the default is {@link #WAL}.
 *
 * <ul>
 *   <li>{@link #SYNC}: the write batch is fsynced before the call returns; a returned call
 *       survives a killed process and a power loss.
 *   <li>{@link #WAL} (default): the write batch is in RocksDB's write-ahead log before the call
 *       returns (not fsynced); a returned call survives a killed process, not necessarily a
 *       power loss.
 *   <li>{@link #grouped(Duration, long)}: the call updates the cached state and returns; a
 *       single writer merges the pending changes into one batch at most every window. <b>Not
 *       implemented yet</b>: {@link RocksPeerstoreBuilder#build()} throws
 *       {@link UnsupportedOperationException} for it (the design is in docs/STORAGE.md).
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class Durability {
  /** The mode of a {@link Durability}. */
  public enum Mode {
    /** Every write batch fsynced before the call returns. */
    SYNC,
    /** Every write batch in the write-ahead log before the call returns. */
    WAL,
    /** Writes acknowledged from memory and committed in groups by one writer. */
    GROUPED
  }

  /** Default window of {@link #grouped()}: 10 ms. */
  public static final Duration DEFAULT_WINDOW = Duration.ofMillis(10);
  /** Default bound of the pending changes of {@link #grouped()}: 16 MiB of keys and values. */
  public static final long DEFAULT_PENDING_BYTES = 16L << 20;

  /** Every write fsynced before the call returns (was {@code syncWrites(true)}). */
  public static final Durability SYNC = new Durability(Mode.SYNC, Duration.ZERO, 0);
  /** Every write in the write-ahead log before the call returns: the default. */
  public static final Durability WAL = new Durability(Mode.WAL, Duration.ZERO, 0);

  private final Mode mode;
  private final Duration window;
  private final long pendingBytes;

  private Durability(Mode mode, Duration window, long pendingBytes) {
    this.mode = mode;
    this.window = window;
    this.pendingBytes = pendingBytes;
  }

  /** {@link #grouped(Duration, long)} with {@link #DEFAULT_WINDOW} and {@link #DEFAULT_PENDING_BYTES}. */
  public static Durability grouped() {
    return grouped(DEFAULT_WINDOW, DEFAULT_PENDING_BYTES);
  }

  /**
   * Grouped commits: at most every {@code window}, or when {@code pendingBytes} of pending keys
   * and values are reached (then writers block until the writer catches up).
   *
   * @throws NullPointerException if {@code window} is null
   * @throws IllegalArgumentException if {@code window} is not positive or longer than one
   *     minute, or {@code pendingBytes} is not positive
   */
  public static Durability grouped(Duration window, long pendingBytes) {
    Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero() || window.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException("window must be in (0, 1 min]: " + window);
    }
    if (pendingBytes <= 0) {
      throw new IllegalArgumentException("pendingBytes must be positive: " + pendingBytes);
    }
    return new Durability(Mode.GROUPED, window, pendingBytes);
  }

  /** The mode. */
  public Mode mode() {
    return mode;
  }

  /** The longest time between grouped commits ({@link Duration#ZERO} unless grouped). */
  public Duration window() {
    return window;
  }

  /** The bound of pending bytes before writers block (0 unless grouped). */
  public long pendingBytes() {
    return pendingBytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Durability d
        && d.mode == mode && d.window.equals(window) && d.pendingBytes == pendingBytes;
  }

  @Override
  public int hashCode() {
    return Objects.hash(mode, window, pendingBytes);
  }

  @Override
  public String toString() {
    return mode == Mode.GROUPED
        ? "GROUPED(" + window.toMillis() + " ms, " + pendingBytes + " bytes)"
        : mode.name();
  }
}
