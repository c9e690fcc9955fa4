package org.peerstore.conformance;

import java.util.function.Consumer;
import org.peerstore.Peerstore;
import org.peerstore.PeerstoreBuilder;

/**
 * How the conformance suite gets stores of the implementation under test.
 *
 * <p>Implementations need not be thread-safe: the suite calls a factory from one test thread at a
 * time.
 */
public interface PeerstoreFactory {

  /**
   * Creates a fresh, empty store. The factory creates the store's builder, hands it to
   * {@code options} (which sets the clock, limits, GC interval, metadata codecs...) and builds it.
   * A persistent factory uses new, empty storage for every call.
   *
   * @param options applied to the builder before {@code build()}
   * @return an open store the suite will close
   */
  Peerstore open(Consumer<PeerstoreBuilder<?, ?>> options);

  /** Whether the stores this factory opens keep their data across {@link #reopen}. */
  default boolean persistent() {
    return false;
  }

  /**
   * Closes {@code closedOrOpen} if it is still open and opens the same storage again with
   * {@code options} applied to a new builder.
   *
   * @param closedOrOpen a store this factory opened (or reopened)
   * @param options applied to the builder before {@code build()}
   * @return the reopened store, holding what the old one persisted
   * @throws UnsupportedOperationException if the factory is not {@link #persistent()}
   */
  default Peerstore reopen(Peerstore closedOrOpen, Consumer<PeerstoreBuilder<?, ?>> options) {
    throw new UnsupportedOperationException("this factory's stores are not persistent");
  }
}
