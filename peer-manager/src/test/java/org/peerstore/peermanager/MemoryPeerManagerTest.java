package org.peerstore.peermanager;

import org.peerstore.Peerstore;
import org.peerstore.memory.MemoryPeerstore;

/** The peer manager on the memory store. */
class MemoryPeerManagerTest extends PeerManagerContract {
  @Override
  Peerstore open() {
    return MemoryPeerstore.builder().clock(clock).build();
  }

  @Override
  Peerstore reopen(Peerstore s) {
    throw new UnsupportedOperationException("not persistent");
  }

  @Override
  boolean persistent() {
    return false;
  }
}
