/**
 * Peer identity: {@link org.peerstore.peer.PeerId}, the multihash of a peer's public key, with
 * its binary form, its base58btc and CIDv1 text forms and its link to the key (docs/WIRE.md §3).
 * Every type here is immutable and thread-safe.
 */
@NullMarked
package org.peerstore.peer;

import org.jspecify.annotations.NullMarked;
