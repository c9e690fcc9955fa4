package org.peerstore.memory;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.peerstore.internal.InputLimits;
import org.peerstore.internal.MetadataValues;
import org.peerstore.peer.PeerId;

/**
 * The metadata book of the memory store (docs/CONTRACT.md §7): values are kept encoded by
 * {@link MetadataValues}, exactly as in the RocksDB store. Thread-safe.
 */
final class MetadataBook {
  private final PeerWrites writes;
  private final InputLimits inputLimits;
  private final MetadataValues metadataValues;

  MetadataBook(PeerWrites writes, InputLimits inputLimits, MetadataValues metadataValues) {
    this.writes = writes;
    this.inputLimits = inputLimits;
    this.metadataValues = metadataValues;
  }

  Optional<Object> get(PeerId peer, String key) {
    writes.checkOpen();
    Objects.requireNonNull(key, "key");
    MemoryPeer state = writes.get(peer);
    byte[] bytes = state == null ? null : state.metadata.get(key);
    return bytes == null ? Optional.empty() : Optional.of(metadataValues.decode(bytes));
  }

  void put(PeerId peer, String key, Object value) {
    writes.checkOpen();
    Objects.requireNonNull(peer, "peer id");
    inputLimits.checkMetadataKey(key);
    byte[] encoded = metadataValues.encode(value);
    inputLimits.checkMetadataValue(encoded);
    writes.write(peer, state -> {
      Map<String, byte[]> next = new HashMap<>(state.metadata);
      next.put(key, encoded);
      state.metadata = Collections.unmodifiableMap(next);
      return null;
    });
  }
}
