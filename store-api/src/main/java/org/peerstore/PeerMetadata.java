package org.peerstore;

import java.util.Optional;
import org.peerstore.peer.PeerId;

/**
 * Free-form metadata per peer (docs/CONTRACT.md §7). Accepted value types: {@code String},
 * {@code Boolean}, {@code Integer}, {@code Long}, {@code Double}, {@code byte[]} (copied), and
 * types with a {@link MetadataCodec} registered on the builder. Thread-safe.
 */
public interface PeerMetadata {

  /** The value stored under {@code key}, with the type it was put with. */
  Optional<Object> get(PeerId peer, String key);

  /**
   * Stores {@code value} under {@code key}.
   *
   * @throws IllegalArgumentException if the value's type is not supported
   */
  void put(PeerId peer, String key, Object value);
}
