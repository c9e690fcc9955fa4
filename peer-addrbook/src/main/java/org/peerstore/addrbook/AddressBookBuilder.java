package org.peerstore.addrbook;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.peerstore.Peerstore;

/**
 * Builds an {@link AddressBook} over a store. Not thread-safe; the book it builds is.
 */
public final class AddressBookBuilder {
  private final Peerstore store;
  private Clock clock = Clock.systemUTC();
  private RandomGenerator random = new SecureRandom();
  private boolean strict = true;

  AddressBookBuilder(Peerstore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** The clock of attempts, successes and bans (default: system UTC). */
  public AddressBookBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * The randomness of the key of a new book and of every random choice (default: a
   * {@link SecureRandom}); a seeded generator makes a book deterministic for tests. Used only
   * under the book's lock.
   */
  public AddressBookBuilder random(RandomGenerator random) {
    this.random = Objects.requireNonNull(random, "random");
    return this;
  }

  /**
   * Strict routability (default true, CometBFT's {@code addr_book_strict}): non-routable
   * addresses are refused and grouped as {@code local} or {@code unroutable}.
   */
  public AddressBookBuilder strict(boolean strict) {
    this.strict = strict;
    return this;
  }

  /**
   * Loads the book from the store (creating its key if it has none) and rebuilds the buckets,
   * repairing what a crash or a bad entry left (docs/ADDRBOOK.md, "Loading").
   *
   * @throws IllegalStateException if the store is closed
   * @throws org.peerstore.StorageException if the store could not read or write
   */
  public AddressBook build() {
    return new StoredAddressBook(store, clock, random, strict);
  }
}
