package org.peerstore.memory;

import org.peerstore.conformance.PeerstoreConformanceSuite;
import org.peerstore.conformance.PeerstoreFactory;

/** Runs the conformance suite of store-api's test-jar against {@link MemoryPeerstore}. */
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
