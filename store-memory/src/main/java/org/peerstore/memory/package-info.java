/**
 * The in-memory {@link org.peerstore.Peerstore}: {@link org.peerstore.memory.MemoryPeerstore}.
 *
 * <p>Everything a node knows about its peers lives in a concurrent map of per-peer state
 * objects. Writers lock one peer at a time, so every mutation is atomic per peer and writers of
 * different peers never wait for each other; readers take no lock at all and see immutable
 * snapshots that each write publishes. Address expiry is indexed by a priority queue of
 * (expiry, peer) entries, so garbage collection costs what expired rather than a scan of every
 * peer. The shared rules (ttl arithmetic, address caps, record acceptance, protocol limits,
 * metadata encoding, address streams, the global caps' accounting) come from
 * {@code org.peerstore.internal}, exactly as the RocksDB store uses them, so both stores behave
 * alike. Nothing survives {@code close()}.
 *
 * <p><b>Parts and the one write path.</b> {@code MemoryPeerstore} is a thin facade over
 * package-private parts: one per book ({@code AddrBook}, {@code RecordBook} for certified
 * records, {@code KeyBook}, {@code ProtocolBook}, {@code MetadataBook}, {@code LatencyBook}),
 * each of which checks its input and says what changes; {@code MemoryPeer}, the state of one
 * peer; {@code ExpiryQueue}, the expiry index (the shared {@code GcLoop} runs the background
 * collection).
 * Every mutation of every book, garbage collection, {@code restore} and {@code removePeer} goes
 * through {@code PeerWrites}, the only writer: it checks that the store is open, runs the
 * change under the peer's lock (creating the state, retrying when a concurrent write retired
 * it, retiring it when left empty; {@code PeerWrites.locked} is the only place a peer is
 * locked), keeps the global caps, and after an address change drops the record with the last
 * address, publishes the view and queues the next expiry, then publishes inserted addresses to
 * the address streams once the lock is released.
 */
@NullMarked
package org.peerstore.memory;

import org.jspecify.annotations.NullMarked;
