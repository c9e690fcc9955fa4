/**
 * Multiaddrs (docs/WIRE.md §6): {@link org.peerstore.multiaddr.Multiaddr}, a self-describing
 * network address such as {@code /ip4/1.2.3.4/udp/4001/quic-v1/p2p/12D3Koo...}, its {@link
 * org.peerstore.multiaddr.Component}s and the {@link org.peerstore.multiaddr.Protocol} table.
 *
 * <p>Text and binary forms follow go-multiaddr v0.16.1, the reference other implementations test
 * against; the few deliberate differences are listed on {@code Multiaddr}. A multiaddr is always
 * valid and non-empty, compares by its bytes, and is immutable and thread-safe. Bad input throws
 * {@link org.peerstore.InvalidMultiaddrException} with a message naming what is wrong.
 */
@NullMarked
package org.peerstore.multiaddr;

import org.jspecify.annotations.NullMarked;
