package org.peerstore.memory;

import org.peerstore.conformance.AddrBookLinearizability;
import org.peerstore.conformance.Linearizability;

/** Lincheck: {@link MemoryPeerstore}'s address book is linearizable (a fresh store each time). */
public class MemoryAddrBookLinearizabilityTest extends AddrBookLinearizability {

  /** A fresh store per Lincheck invocation (cheap: no threads without GC or streams). */
  public MemoryAddrBookLinearizabilityTest() {
    super(Linearizability.configure(MemoryPeerstore.builder()).build());
  }
}
