package org.peerstore.memory;

import org.peerstore.conformance.Linearizability;
import org.peerstore.conformance.ProtoBookLinearizability;

/** Lincheck: {@link MemoryPeerstore}'s protocol book is linearizable (a fresh store each time). */
public class MemoryProtoBookLinearizabilityTest extends ProtoBookLinearizability {

  /** A fresh store per Lincheck invocation (cheap: no threads without GC or streams). */
  public MemoryProtoBookLinearizabilityTest() {
    super(Linearizability.configure(MemoryPeerstore.builder()).build());
  }
}
