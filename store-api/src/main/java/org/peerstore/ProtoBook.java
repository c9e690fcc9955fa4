package org.peerstore;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.peerstore.peer.PeerId;

/**
 * Protocols each peer speaks (docs/CONTRACT.md §6). Thread-safe; every mutation is atomic per peer.
 */
public interface ProtoBook {

  /** The protocols of {@code p}; empty for an unknown peer. */
  Set<String> protocols(PeerId p);

  /**
   * Adds protocols.
   *
   * @throws TooManyProtocolsException if the resulting set would exceed the limit (nothing is
   *     changed); re-adding known protocols never fails
   */
  void addProtocols(PeerId p, Collection<String> ps);

  /**
   * Replaces the protocol set.
   *
   * @throws TooManyProtocolsException if the new set exceeds the limit (nothing is changed)
   */
  void setProtocols(PeerId p, Collection<String> ps);

  /** Removes the listed protocols. */
  void removeProtocols(PeerId p, Collection<String> ps);

  /** The listed protocols that {@code p} supports, in argument order. */
  List<String> supportsProtocols(PeerId p, Collection<String> ps);

  /** The first listed protocol that {@code p} supports, or empty. */
  Optional<String> firstSupportedProtocol(PeerId p, Collection<String> ps);
}
