package org.example.consumer;

import org.peerstore.conformance.PeerstoreConformanceSuite;
import org.peerstore.conformance.PeerstoreFactory;
import org.peerstore.memory.MemoryPeerstore;
import org.peerstore.memory.MemoryPeerstoreBuilder;

/** What another implementation writes to run the suite: one factory, nothing else. */
class ConsumerConformanceTest extends PeerstoreConformanceSuite {

  @Override
  protected PeerstoreFactory factory() {
    return options -> {
      MemoryPeerstoreBuilder builder = MemoryPeerstore.builder();
      options.accept(builder);
      return builder.build();
    };
  }
}
