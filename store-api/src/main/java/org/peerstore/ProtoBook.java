package org.peerstore;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.peerstore.internal.ProtocolRules;
import org.peerstore.peer.PeerId;

/**
 * Protocols each peer speaks (docs/CONTRACT.md §6). Thread-safe; every mutation is atomic per peer.
 */
public interface ProtoBook {

  /** The protocols of {@code peer}; empty for an unknown peer. */
  Set<String> protocols(PeerId peer);

  /**
   * Adds protocols.
   *
   * @throws TooManyProtocolsException if the resulting set would exceed the limit (nothing is
   *     changed); re-adding known protocols never fails
   */
  void addProtocols(PeerId peer, Collection<String> protocols);

  /**
   * Replaces the protocol set.
   *
   * @throws TooManyProtocolsException if the new set exceeds the limit (nothing is changed)
   */
  void setProtocols(PeerId peer, Collection<String> protocols);

  /** Removes the listed protocols. */
  void removeProtocols(PeerId peer, Collection<String> protocols);

  /** The listed protocols that {@code peer} supports, in argument order. */
  default List<String> supportsProtocols(PeerId peer, Collection<String> protocols) {
    Objects.requireNonNull(protocols, "protocols");
    return ProtocolRules.supports(protocols(peer), protocols);
  }

  /** The first listed protocol that {@code peer} supports, or empty. */
  default Optional<String> firstSupportedProtocol(PeerId peer, Collection<String> protocols) {
    Objects.requireNonNull(protocols, "protocols");
    return ProtocolRules.firstSupported(protocols(peer), protocols);
  }
}
