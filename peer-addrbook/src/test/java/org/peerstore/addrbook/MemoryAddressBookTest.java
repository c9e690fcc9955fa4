package org.peerstore.addrbook;

import org.peerstore.Peerstore;
import org.peerstore.memory.MemoryPeerstore;

/** The address book contract on the memory store. */
class MemoryAddressBookTest extends AddressBookContract {
  @Override
  Peerstore open() {
    return MemoryPeerstore.builder().clock(clock).build();
  }

  @Override
  Peerstore reopen(Peerstore s) {
    throw new UnsupportedOperationException("the memory store is not persistent");
  }

  @Override
  boolean persistent() {
    return false;
  }
}
