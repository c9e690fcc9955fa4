package org.peerstore.memory;

import org.peerstore.conformance.PeerstoreConformanceSuite;
import org.peerstore.conformance.PeerstoreFactory;

/** Runs the conformance suite (peerstore-conformance) against {@link MemoryPeerstore}. */
class MemoryPeerstoreConformanceTest extends PeerstoreConformanceSuite {

  @Override
  protected PeerstoreFactory factory() {
    return options -> {
      MemoryPeerstoreBuilder builder = MemoryPeerstore.builder();
      options.accept(builder);
      return builder.build();
    };
  }
}
