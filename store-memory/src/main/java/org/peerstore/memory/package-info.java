/**
 * The in-memory {@link org.peerstore.Peerstore}: {@link org.peerstore.memory.MemoryPeerstore}.
 *
 * <p>Everything a node knows about its peers lives in a concurrent map of per-peer state
 * objects. Writers lock one peer at a time, so every mutation is atomic per peer and writers of
 * different peers never wait for each other; readers take no lock at all and see immutable
 * snapshots that each write publishes. Address expiry is indexed by a priority queue of
 * (expiry, peer) entries, so garbage collection costs what expired rather than a scan of every
 * peer. The shared rules (ttl arithmetic, address caps, record acceptance, protocol limits,
 * metadata encoding, address streams) come from {@code org.peerstore.internal}, exactly as the
 * RocksDB store uses them, so both stores behave alike. Nothing survives {@code close()}.
 */
package org.peerstore.memory;
