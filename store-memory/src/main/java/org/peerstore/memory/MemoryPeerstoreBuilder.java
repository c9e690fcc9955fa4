package org.peerstore.memory;

import org.peerstore.PeerstoreBuilder;

/**
 * Builds {@link MemoryPeerstore}s. It adds no options to {@link PeerstoreBuilder}'s. Not
 * thread-safe.
 */
public final class MemoryPeerstoreBuilder
    extends PeerstoreBuilder<MemoryPeerstoreBuilder, MemoryPeerstore> {
  MemoryPeerstoreBuilder() {
    super(MemoryPeerstore.DEFAULT_MAX_UNCONNECTED_ADDRS, MemoryPeerstore.DEFAULT_MAX_SIGNED_RECORDS);
  }

  /**
   * Creates the store and starts its garbage-collection thread (unless the interval is zero).
   *
   * @throws IllegalArgumentException if a registered metadata type id is longer than 65535
   *     UTF-8 bytes
   */
  @Override
  public MemoryPeerstore build() {
    return new MemoryPeerstore(clock(), limits(), inputLimits(), metadataValues(), gcInterval(),
        dialRules(), eventBufferSize());
  }
}
