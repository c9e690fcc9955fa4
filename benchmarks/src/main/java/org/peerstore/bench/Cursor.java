package org.peerstore.bench;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;
import org.peerstore.bench.data.Dataset;

/**
 * Each benchmark thread's walk over the standard dataset's peers: one peer after the other,
 * wrapping around. With several threads each starts in its own slice of the population, so
 * threads touch different peers (as connections of a real node do).
 *
 * <p>One instance per thread (JMH {@link Scope#Thread}); not thread-safe.
 */
@State(Scope.Thread)
public class Cursor {
  private int size;
  private int next;
  private int passes;

  /** Places this thread's start: slice {@code index} of {@code count}. */
  @Setup(Level.Trial)
  public void place(ThreadParams thread) {
    size = Dataset.standard().size();
    next = (int) ((long) size * thread.getThreadIndex() / thread.getThreadCount());
  }

  /** The next peer index. */
  int next() {
    int i = next;
    if (++next == size) {
      next = 0;
      passes++;
    }
    return i;
  }

  /** How many times this thread has wrapped around the population. */
  int passes() {
    return passes;
  }
}
