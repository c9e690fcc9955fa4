/**
 * The rules every store shares, written once: time-to-live arithmetic, address normalisation,
 * the per-peer address set with its extend/override/update and eviction semantics, signed-record
 * acceptance, address-stream fan-out, latency averaging, protocol-set limits, the metadata
 * value codec (docs/CONTRACT.md §2–8), and the ban rules with the in-memory ban index both
 * stores check against ({@link org.peerstore.internal.BanIndex}, §14), and the dial history
 * rules, index and write sequence ({@link org.peerstore.internal.DialRules},
 * {@link org.peerstore.internal.DialIndex}, {@link org.peerstore.internal.DialLedger}, §16).
 *
 * <p>A store adds only how it keeps state (memory maps, RocksDB column families) and its
 * locking; it never restates a rule found here. This package is <em>not</em> public API: its
 * types are public only so that the store modules can use them, and they may change without
 * notice. Unless a type says otherwise it is either immutable and thread-safe, or mutable and
 * confined to the caller (who holds the peer's lock).
 */
@NullMarked
package org.peerstore.internal;

import org.jspecify.annotations.NullMarked;
