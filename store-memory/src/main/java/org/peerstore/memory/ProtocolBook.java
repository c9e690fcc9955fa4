package org.peerstore.memory;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.peerstore.internal.InputLimits;
import org.peerstore.internal.Limits;
import org.peerstore.internal.ProtocolRules;
import org.peerstore.peer.PeerId;

/**
 * The protocol book of the memory store (docs/CONTRACT.md §6). Thread-safe.
 */
final class ProtocolBook {
  private final PeerWrites writes;
  private final Limits limits;
  private final InputLimits inputLimits;

  ProtocolBook(PeerWrites writes, Limits limits, InputLimits inputLimits) {
    this.writes = writes;
    this.limits = limits;
    this.inputLimits = inputLimits;
  }

  Set<String> protocols(PeerId peer) {
    writes.checkOpen();
    return protocolsOf(peer);
  }

  void addProtocols(PeerId peer, Collection<String> protocols) {
    writes.checkOpen();
    Objects.requireNonNull(peer, "peer id");
    inputLimits.checkProtocols(protocols);
    writes.write(peer, state ->
        state.protocols = ProtocolRules.add(state.protocols, protocols, limits.maxProtocols()));
  }

  void setProtocols(PeerId peer, Collection<String> protocols) {
    writes.checkOpen();
    Objects.requireNonNull(peer, "peer id");
    inputLimits.checkProtocols(protocols);
    Set<String> next = ProtocolRules.set(protocols, limits.maxProtocols());
    if (next.isEmpty() && !writes.contains(peer)) {
      return;
    }
    writes.write(peer, state -> state.protocols = next);
  }

  void removeProtocols(PeerId peer, Collection<String> protocols) {
    writes.checkOpen();
    Objects.requireNonNull(peer, "peer id");
    Objects.requireNonNull(protocols, "protocols");
    if (protocolsOf(peer).isEmpty()) {
      return;
    }
    writes.write(peer, state ->
        state.protocols = ProtocolRules.remove(state.protocols, protocols));
  }

  private Set<String> protocolsOf(PeerId peer) {
    MemoryPeer state = writes.get(peer);
    return state == null ? Set.of() : state.protocols;
  }
}
