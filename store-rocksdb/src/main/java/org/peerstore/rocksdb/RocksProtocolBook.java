package org.peerstore.rocksdb;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.peerstore.internal.InputLimits;
import org.peerstore.internal.Limits;
import org.peerstore.internal.ProtocolRules;
import org.peerstore.peer.PeerId;
import org.jspecify.annotations.Nullable;

/**
 * The protocol book of the RocksDB store (docs/CONTRACT.md §6): one value per peer, the
 * protocols in stored order. The rules are {@link ProtocolRules}'. Thread-safe.
 */
final class RocksProtocolBook {
  private final UseGuard guard;
  private final PeerWrites writes;
  private final StoreDb db;
  private final Limits limits;
  private final InputLimits inputLimits;

  RocksProtocolBook(UseGuard guard, PeerWrites writes, StoreDb db, Limits limits,
      InputLimits inputLimits) {
    this.guard = guard;
    this.writes = writes;
    this.db = db;
    this.limits = limits;
    this.inputLimits = inputLimits;
  }

  Set<String> protocols(PeerId peer) {
    guard.checkOpen();
    Objects.requireNonNull(peer, "peer id");
    return writes.states().read(peer, PeerState.PROTOCOLS).protocols;
  }

  void addProtocols(PeerId peer, Collection<String> protocols) {
    guard.checkOpen();
    Objects.requireNonNull(peer, "peer id");
    inputLimits.checkProtocols(protocols);
    write(peer, current -> ProtocolRules.add(current, protocols, limits.maxProtocols()));
  }

  void setProtocols(PeerId peer, Collection<String> protocols) {
    guard.checkOpen();
    Objects.requireNonNull(peer, "peer id");
    inputLimits.checkProtocols(protocols);
    Set<String> next = ProtocolRules.set(protocols, limits.maxProtocols());
    write(peer, current -> next);
  }

  void removeProtocols(PeerId peer, Collection<String> protocols) {
    guard.checkOpen();
    Objects.requireNonNull(peer, "peer id");
    Objects.requireNonNull(protocols, "protocols");
    write(peer, current -> ProtocolRules.remove(current, protocols));
  }

  /** {@code change} throws (before anything is written) when over the limit. */
  private void write(PeerId peer, UnaryOperator<Set<String>> change) {
    byte[] key = StoreKeys.peer(peer.toBytes());
    writes.write(peer, new PeerMutation() {
      @Override
      public int books() {
        return PeerState.PROTOCOLS;
      }

      @Override
      public String what() {
        return "write protocols";
      }

      @Override
      public @Nullable PeerState apply(PeerState old, Batch batch, long nowNanos, long room) {
        Set<String> next = change.apply(old.protocols);
        // Order counts: protocols are kept in stored order (snapshots list them so), and
        // setProtocols of the same names in another order stores the new order.
        if (sameInOrder(next, old.protocols) && !old.isCorrupt(PeerState.PROTOCOLS)) {
          return null;
        }
        // The index changes in the same batch (docs/STORAGE.md, "Protocol index").
        ProtocolIndex.update(db, batch, peer.toBytes(), old, next);
        byte[] bytes = null;
        if (next.isEmpty()) {
          batch.delete(ColumnFamily.PROTOCOLS, key);
        } else {
          bytes = ValueCodec.encodeProtocols(next);
          batch.put(ColumnFamily.PROTOCOLS, key, bytes);
        }
        int weight = bytes == null ? 0 : ValueCodec.protocolsWeight(bytes.length, next.size());
        return old.withProtocols(next, weight, false);
      }
    });
  }

  /** Whether {@code a} and {@code b} hold the same protocols in the same order. */
  private static boolean sameInOrder(Set<String> a, Set<String> b) {
    if (a.size() != b.size()) {
      return false;
    }
    Iterator<String> other = b.iterator();
    for (String s : a) {
      if (!s.equals(other.next())) {
        return false;
      }
    }
    return true;
  }
}
