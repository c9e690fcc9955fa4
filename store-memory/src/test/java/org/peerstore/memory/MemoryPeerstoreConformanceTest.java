package org.peerstore.memory;

import org.peerstore.conformance.PeerstoreConformanceSuite;
import org.peerstore.conformance.PeerstoreFactory;

/** Runs the whole conformance suite of PEERSTORE.md against {@link MemoryPeerstore}. */
class MemoryPeerstoreConformanceTest extends PeerstoreConformanceSuite {

  @Override
  protected PeerstoreFactory factory() {
    return options -> {
      MemoryPeerstore.Builder b = MemoryPeerstore.builder();
      options.accept(b);
      return b.build();
    };
  }
}
