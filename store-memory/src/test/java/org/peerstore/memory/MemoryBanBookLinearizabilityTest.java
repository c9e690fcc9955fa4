package org.peerstore.memory;

import org.peerstore.conformance.BanBookLinearizability;
import org.peerstore.conformance.Linearizability;

/** Lincheck: {@link MemoryPeerstore}'s ban book is linearizable (a fresh store each time). */
public class MemoryBanBookLinearizabilityTest extends BanBookLinearizability {

  /** A fresh store per Lincheck invocation (cheap: no threads without GC or streams). */
  public MemoryBanBookLinearizabilityTest() {
    super(Linearizability.configure(MemoryPeerstore.builder()).build());
  }
}
