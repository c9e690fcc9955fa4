/**
 * The peerstore contract: what a peer-to-peer node remembers about the peers it knows.
 *
 * <p>{@link org.peerstore.Peerstore} composes small books, each usable on its own:
 * {@link org.peerstore.AddrBook} (addresses with a time-to-live, see {@link org.peerstore.AddrTtl}),
 * {@link org.peerstore.CertifiedAddrBook} (signed peer records), {@link org.peerstore.KeyBook},
 * {@link org.peerstore.ProtoBook}, {@link org.peerstore.PeerMetadata},
 * {@link org.peerstore.Metrics} and {@link org.peerstore.BanBook} (bans of peers, addresses and
 * {@link org.peerstore.Subnet}s) and {@link org.peerstore.DialBook} (dial history, backoff and dial
 * candidates). The semantics are go-libp2p's peerstore, with the differences
 * listed in {@code docs/CONTRACT.md}. Every implementation (the in-memory
 * {@code MemoryPeerstore} and the persistent {@code RocksPeerstore}) passes the same conformance
 * suite, so one can be swapped for the other. Stores are built with a subclass of
 * {@link org.peerstore.PeerstoreBuilder}, which holds the options they share; time is read only
 * from the builder's {@link java.time.Clock}. Every exception thrown on purpose is a
 * {@link org.peerstore.PeerstoreException}; every public method of every store is thread-safe.
 */
@NullMarked
package org.peerstore;

import org.jspecify.annotations.NullMarked;
