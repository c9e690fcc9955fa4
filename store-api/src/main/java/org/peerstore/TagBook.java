package org.peerstore;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;
import org.peerstore.peer.PeerId;

/**
 * Tags and protections of peers, as go-libp2p's connection manager keeps them
 * (docs/CONTRACT.md §15): named integer values whose sum ranks a peer's worth, tags with an
 * expiry, decaying tags whose value falls with time, and named protections that exempt a peer
 * from trimming. Every write is idempotent and nothing is reference-counted: tagging twice sets
 * the value twice, protecting twice with one tag needs one unprotect. A persistent store keeps
 * tags and protections across restarts; decay functions are process-local and must be
 * registered again after a restart.
 *
 * <p>A peer's tag state begins with its first tag or protection (its {@code firstSeen}) and
 * ends when it holds neither. {@link Peerstore#removePeer} removes the peer's tags and keeps
 * its protections. Tag state is independent of the other books: tagging a peer stores nothing
 * else about it, and {@link Peerstore#peers()} does not list peers known only here.
 *
 * <p>Thread-safety: every method is thread-safe. Each write is atomic for its peer; reads
 * ({@link #tagInfo}, {@link #isProtected}) take no lock and, in the RocksDB store too, read only
 * memory. Expired and decayed-away tags are invisible at once, before garbage collection
 * removes them.
 */
public interface TagBook {

  /** Longest tag or protection name, in UTF-8 bytes. */
  int MAX_TAG_BYTES = 256;

  /** Most tags one peer holds (plain, expiring and decaying together). */
  int MAX_TAGS_PER_PEER = 256;

  /** Most protections one peer holds. */
  int MAX_PROTECTIONS_PER_PEER = 256;

  /** The ttl of a tag that never expires ({@code Duration.ofNanos(Long.MAX_VALUE)}). */
  Duration NO_EXPIRY = Duration.ofNanos(Long.MAX_VALUE);

  /**
   * Sets {@code peer}'s tag {@code tag} to {@code value}, without expiry, replacing any tag of
   * that name (its value and expiry; also a stored decaying tag whose name is not registered).
   *
   * @throws LimitExceededException if {@code tag} is longer than {@link #MAX_TAG_BYTES} UTF-8
   *     bytes, or it is new and the peer holds {@link #MAX_TAGS_PER_PEER} tags (nothing is
   *     changed)
   * @throws IllegalArgumentException if {@code tag} holds an unpaired surrogate or is a
   *     registered decaying tag (use its {@link DecayingTag}) (nothing is changed)
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if the store could not write (nothing is changed)
   * @throws NullPointerException if an argument is null
   */
  default void tagPeer(PeerId peer, String tag, int value) {
    tagPeer(peer, tag, value, NO_EXPIRY);
  }

  /**
   * Sets {@code peer}'s tag {@code tag} to {@code value} for {@code ttl} from now, replacing
   * any tag of that name. A ttl of at least {@code Long.MAX_VALUE - 1} nanoseconds
   * ({@link #NO_EXPIRY} included), or one ending past year 2262, makes a tag without expiry.
   *
   * @throws LimitExceededException as {@link #tagPeer(PeerId, String, int)}
   * @throws IllegalArgumentException as {@link #tagPeer(PeerId, String, int)}, or if
   *     {@code ttl} is zero or negative
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if the store could not write (nothing is changed)
   * @throws NullPointerException if an argument is null
   */
  void tagPeer(PeerId peer, String tag, int value, Duration ttl);

  /**
   * Removes {@code peer}'s tag {@code tag} of any kind (plain, expiring, decaying).
   *
   * @return whether a live tag was removed
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if the store could not write (nothing is changed)
   * @throws NullPointerException if an argument is null
   */
  boolean untagPeer(PeerId peer, String tag);

  /**
   * Sets {@code peer}'s tag {@code tag} to {@code upsert.applyAsInt(current)}, where
   * {@code current} is its value now or 0 if the peer does not hold it, atomically for the peer.
   * An existing tag keeps its expiry; a new one has none. {@code upsert} runs under the peer's
   * write lock: it must be quick and must not call the store.
   *
   * @return the new value
   * @throws LimitExceededException as {@link #tagPeer(PeerId, String, int)}
   * @throws IllegalArgumentException as {@link #tagPeer(PeerId, String, int)}
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if the store could not write (nothing is changed)
   * @throws NullPointerException if an argument is null; whatever {@code upsert} throws
   *     propagates (nothing is changed)
   */
  int upsertTag(PeerId peer, String tag, IntUnaryOperator upsert);

  /**
   * The peer's tag state now, or empty if it holds no live tag and no protection.
   *
   * @throws IllegalStateException after {@code close()}
   * @throws NullPointerException if {@code peer} is null; whatever a registered decay function
   *     throws propagates
   */
  Optional<TagInfo> tagInfo(PeerId peer);

  /**
   * Protects {@code peer} with {@code tag} (idempotent: a second protect with the same tag
   * changes nothing, and one {@link #unprotect} lifts it).
   *
   * @throws LimitExceededException if {@code tag} is longer than {@link #MAX_TAG_BYTES} UTF-8
   *     bytes, or it is new and the peer holds {@link #MAX_PROTECTIONS_PER_PEER} protections
   *     (nothing is changed)
   * @throws IllegalArgumentException if {@code tag} holds an unpaired surrogate
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if the store could not write (nothing is changed)
   * @throws NullPointerException if an argument is null
   */
  void protect(PeerId peer, String tag);

  /**
   * Lifts {@code peer}'s protection by {@code tag}.
   *
   * @return whether another tag still protects the peer (go-libp2p's {@code Unprotect})
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if the store could not write (nothing is changed)
   * @throws NullPointerException if an argument is null
   */
  boolean unprotect(PeerId peer, String tag);

  /**
   * Whether {@code tag} protects {@code peer}.
   *
   * @throws IllegalStateException after {@code close()}
   * @throws NullPointerException if an argument is null
   */
  boolean isProtected(PeerId peer, String tag);

  /**
   * Whether any tag protects {@code peer} (go-libp2p's {@code IsProtected(p, "")}).
   *
   * @throws IllegalStateException after {@code close()}
   * @throws NullPointerException if {@code peer} is null
   */
  boolean isProtected(PeerId peer);

  /**
   * Up to {@code n} peers a connection manager would drop first: peers holding a live tag and
   * no protection, by total value ascending, then first seen ascending (the oldest first), then
   * peer id bytes (unsigned). Answered from an index, not a scan of every tagged peer
   * (docs/CONTRACT.md §15 gives the cost).
   *
   * @return an unmodifiable list
   * @throws IllegalArgumentException if {@code n} is negative
   * @throws IllegalStateException after {@code close()}
   */
  List<PeerId> trimCandidates(int n);

  /**
   * Registers a decaying tag in this process (go-libp2p's {@code Decayer.RegisterDecayingTag}).
   * Its values are stored as a value and the time it was written; what a read returns is
   * {@code decay(value, ticks)}, {@code ticks} being the interval boundaries (multiples of
   * {@code interval} since the epoch) passed since that time. After a restart the stored values
   * remain and read undecayed until the name is registered again; then they decay from their
   * stored time.
   *
   * @param bump the new value from the current (decayed) value and a delta
   * @return the handle that bumps, removes and closes the tag
   * @throws IllegalArgumentException if {@code name} is registered already, holds an unpaired
   *     surrogate, or {@code interval} is shorter than one millisecond
   * @throws LimitExceededException if {@code name} is longer than {@link #MAX_TAG_BYTES} UTF-8
   *     bytes
   * @throws IllegalStateException after {@code close()}
   * @throws NullPointerException if an argument is null
   */
  DecayingTag registerDecayingTag(String name, Duration interval, TagDecay decay,
      IntBinaryOperator bump);

  /**
   * Every peer with tag state now: a live tag or a protection (a walk of the in-memory index;
   * for export and operators). A peer whose tags all expired or decayed away and that holds no
   * protection is left out even before garbage collection removes its state.
   *
   * @return an unmodifiable set
   * @throws IllegalStateException after {@code close()}
   */
  Set<PeerId> peersWithTags();

  /**
   * The stored tag state of {@code peer} (for export): its first seen time, every live tag with
   * its kind, stored (undecayed) value and time, and its protections; empty if it holds no live
   * tag and no protection. Expired tags, and decaying tags decayed away under a registered
   * decay function, are left out. Reads memory only and takes no lock.
   *
   * @throws IllegalStateException after {@code close()}
   * @throws NullPointerException if {@code peer} is null; whatever a registered decay function
   *     throws propagates
   */
  Optional<StoredTags> storedTags(PeerId peer);

  /**
   * Replaces {@code tags.peer()}'s whole tag state with {@code tags} (for import) in one atomic
   * write for the peer: its first seen time, every tag with its kind, stored value and time, and
   * its protections, as given. An expiring tag already expired now is dropped (if nothing is
   * left, the peer's tag state ends). Other peers and the registrations of decaying tags are
   * not changed.
   *
   * @throws LimitExceededException if a name is longer than {@link #MAX_TAG_BYTES} UTF-8 bytes,
   *     or there are more than {@link #MAX_TAGS_PER_PEER} tags or more than
   *     {@link #MAX_PROTECTIONS_PER_PEER} protections (nothing is changed)
   * @throws IllegalArgumentException if a name holds an unpaired surrogate, a time lies outside
   *     the epoch nanoseconds a {@code long} holds (years 1677 to 2262), or a plain or expiring
   *     tag has the name of a registered decaying tag (nothing is changed)
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if the store could not write (nothing is changed)
   * @throws NullPointerException if {@code tags} is null
   */
  void restoreTags(StoredTags tags);
}
