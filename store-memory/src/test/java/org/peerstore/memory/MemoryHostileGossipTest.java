package org.peerstore.memory;

import java.util.function.Consumer;
import org.peerstore.Peerstore;
import org.peerstore.PeerstoreBuilder;
import org.peerstore.conformance.HostileGossip;

/** The hostile-gossip test on {@link MemoryPeerstore} with its default caps. */
class MemoryHostileGossipTest extends HostileGossip {

  @Override
  protected Peerstore open(Consumer<PeerstoreBuilder<?, ?>> options) {
    MemoryPeerstoreBuilder b = MemoryPeerstore.builder();
    options.accept(b);
    return b.build();
  }
}
