package org.peerstore.addrbook;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.peerstore.Peerstore;

/**
 * CometBFT's PEX address book kept in a {@link Peerstore} (docs/ADDRBOOK.md). Addresses are in
 * 256 new buckets (up to 4 each) or in one of 64 old buckets, 64 entries a bucket, placed by
 * group under the book's keyed hash.
 *
 * <p>Atomicity: every change of one address is one atomic metadata write of the store, done
 * before the in-memory index changes; an operation that moves two or three addresses (an add
 * that expires an address from a full bucket, a {@link #markGood} that pushes an old address
 * back to new) writes them one after the other in an order whose every prefix is a valid book
 * (docs/ADDRBOOK.md, "Crashes"). A failed store write throws {@code StorageException} and
 * leaves the book as the writes before it made it.
 *
 * <p>Thread-safety: every method is thread-safe; operations are serialised by one lock.
 * The book needs no closing: it holds only memory besides the store.
 */
public interface AddressBook {

  /** {@link #needMoreAddrs()} is true below this many addresses: 1,000. */
  int NEED_ADDRESS_THRESHOLD = 1000;

  /** A builder of a book over {@code store}. */
  static AddressBookBuilder builder(Peerstore store) {
    return new AddressBookBuilder(store);
  }

  /**
   * Adds {@code addr}, heard of from {@code src}, to a new bucket (CometBFT's rules: see
   * {@link AddResult}).
   *
   * @throws IllegalStateException after the store is closed
   * @throws org.peerstore.StorageException if the store could not write
   */
  AddResult addAddress(NetAddress addr, NetAddress src);

  /**
   * Removes the address of {@code addr}'s node id from every bucket (a bad, banned one is kept
   * for {@link #reinstateBadPeers()}).
   *
   * @return whether it was in the book
   */
  boolean removeAddress(NetAddress addr);

  /**
   * Records a successful connection to node {@code id}: attempts to 0, last attempt and success
   * now, and a new address moves to its old bucket (a full one pushes its oldest address back to
   * a new bucket).
   *
   * @return whether the id was in the book
   */
  boolean markGood(String id);

  /**
   * Records a dial attempt of {@code addr}'s node: one more attempt, last attempt now.
   *
   * @return whether it was in the book
   */
  boolean markAttempt(NetAddress addr);

  /**
   * Bans {@code addr}'s node for {@code banDuration} in the store's ban book (reason
   * {@code addrbook: marked bad}) and takes it out of the buckets, held for
   * {@link #reinstateBadPeers()}. A node already held as bad is not banned again.
   *
   * @return whether it was in the book
   * @throws IllegalArgumentException if {@code banDuration} is zero or negative
   */
  boolean markBad(NetAddress addr, Duration banDuration);

  /** Puts every held bad address whose ban is no longer in force back in a new bucket. */
  void reinstateBadPeers();

  /**
   * A random address: from the old buckets with weight {@code sqrt(old)·(100 - bias)}, from the
   * new ones with weight {@code sqrt(new)·bias}; empty if the book (or the chosen side) is empty.
   *
   * @param biasTowardsNewAddrs 0 to 100 (clamped)
   */
  Optional<NetAddress> pickAddress(int biasTowardsNewAddrs);

  /**
   * A random selection of distinct addresses for a PEX response: 23% of the book, at least 32
   * (or the whole book if smaller), at most 250.
   */
  List<NetAddress> getSelection();

  /**
   * As {@link #getSelection()}, {@code bias}% of it (at least what the old addresses cannot
   * fill) from the new buckets and the rest from the old ones.
   *
   * @param biasTowardsNewAddrs 0 to 100 (clamped)
   */
  List<NetAddress> getSelectionWithBias(int biasTowardsNewAddrs);

  /** Whether the book holds fewer than {@link #NEED_ADDRESS_THRESHOLD} addresses. */
  boolean needMoreAddrs();

  /** Whether node {@code id} is in an old bucket. */
  boolean isGood(String id);

  /** Whether node {@code id} is held as bad or banned in the store's ban book. */
  boolean isBanned(String id);

  /** Whether node {@code id} is in a bucket. */
  boolean hasAddress(String id);

  /** The known address of node {@code id}, if in a bucket. */
  Optional<KnownAddress> knownAddress(String id);

  /** Addresses in buckets (new plus old). */
  int size();

  /** Addresses in new buckets. */
  int newCount();

  /** Addresses in old buckets. */
  int oldCount();

  /** Bad addresses held for {@link #reinstateBadPeers()}. */
  int badCount();

  /** Marks {@code addr} as one of ours: never added. Process-local, not stored. */
  void addOurAddress(NetAddress addr);

  /** Node ids never added, nor accepted as a source. Process-local, not stored. */
  void addPrivateIds(Collection<String> ids);

  /**
   * Every address in a bucket with the book's key, ordered by node id: CometBFT's
   * {@code addrbook.json} content (held bad addresses are not in it, as in CometBFT).
   */
  AddrBookFile exportFile();

  /**
   * Imports the addresses of {@code file} keeping their buckets; an entry replaces the book's
   * entry of the same node id. An empty book takes the file's key; a non-empty one keeps its
   * own (placements are stored, never recomputed). A bucket already full is left out of an
   * entry; an entry left without a bucket is skipped.
   *
   * @throws MalformedAddrBookException if an entry's buckets are not valid for its type, or
   *     two entries have the same node id (nothing is imported)
   */
  ImportResult importFile(AddrBookFile file);
}
