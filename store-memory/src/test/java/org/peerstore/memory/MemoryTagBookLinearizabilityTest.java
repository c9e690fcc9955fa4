package org.peerstore.memory;

import org.peerstore.conformance.TagBookLinearizability;
import org.peerstore.conformance.Linearizability;

/** Lincheck: {@link MemoryPeerstore}'s tag book is linearizable (a fresh store each time). */
public class MemoryTagBookLinearizabilityTest extends TagBookLinearizability {

  /** A fresh store per Lincheck invocation (cheap: no threads without GC or streams). */
  public MemoryTagBookLinearizabilityTest() {
    super(Linearizability.configure(MemoryPeerstore.builder()).build());
  }
}
