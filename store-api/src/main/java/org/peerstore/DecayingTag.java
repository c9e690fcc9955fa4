package org.peerstore;

import java.time.Duration;
import org.peerstore.peer.PeerId;

/**
 * A registered decaying tag (go-libp2p's {@code connmgr.DecayingTag}; docs/CONTRACT.md §15),
 * returned by {@link TagBook#registerDecayingTag}. The registration is process-local: it ends
 * with {@link #close()} or with the store's close; the values it wrote stay stored.
 *
 * <p>Thread-safety: every method is thread-safe; each {@link #bump} and {@link #remove} is
 * atomic for its peer, as a tag write.
 */
public interface DecayingTag extends AutoCloseable {

  /** The tag's name. */
  String name();

  /** The decay interval. */
  Duration interval();

  /**
   * Sets the peer's value of this tag to {@code bump(current, delta)}, where {@code current}
   * is its decayed value now (0 if the peer does not hold the tag), stored with the time now.
   *
   * @return the new value
   * @throws LimitExceededException if the peer holds {@link TagBook#MAX_TAGS_PER_PEER} other
   *     tags (nothing is changed)
   * @throws IllegalStateException after {@link #close()} or the store's close
   * @throws StorageException if the store could not write (nothing is changed)
   * @throws NullPointerException if {@code peer} is null
   */
  int bump(PeerId peer, int delta);

  /**
   * Removes this tag from the peer.
   *
   * @return whether the peer held it
   * @throws IllegalStateException after {@link #close()} or the store's close
   * @throws StorageException if the store could not write (nothing is changed)
   * @throws NullPointerException if {@code peer} is null
   */
  boolean remove(PeerId peer);

  /**
   * Ends the registration and removes this tag from every peer holding it (a write per such
   * peer; cost: the peers holding a decaying tag). The name may then be registered again.
   * Idempotent.
   *
   * @throws StorageException if the store could not write (the registration has ended; peers
   *     not yet written keep the stored value, read undecayed)
   */
  @Override
  void close();
}
