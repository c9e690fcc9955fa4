package org.peerstore.internal;

/**
 * The open/closed state of a store: every public method calls {@link #checkOpen()} first, and
 * {@code close()} calls {@link #close()} to learn whether it is the first close.
 *
 * <p>Thread-safe. A call racing with {@code close()} may pass the check and still run.
 */
public final class OpenGuard {
  private volatile boolean closed;

  /** Creates an open guard. */
  public OpenGuard() {}

  /**
   * Returns normally while open.
   *
   * @throws IllegalStateException with message {@code peerstore is closed} once closed
   */
  public void checkOpen() {
    if (closed) {
      throw new IllegalStateException("peerstore is closed");
    }
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /** Marks closed; returns true only for the call that closed it (so close is idempotent). */
  public synchronized boolean close() {
    if (closed) {
      return false;
    }
    closed = true;
    return true;
  }
}
