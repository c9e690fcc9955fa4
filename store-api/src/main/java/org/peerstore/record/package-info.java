/**
 * Signed peer records: the {@link org.peerstore.record.PeerRecord} (RFC 0003) and the
 * {@link org.peerstore.record.Envelope} (RFC 0002) that signs it (docs/WIRE.md §4, §5).
 *
 * <p>A peer announces its addresses in a {@code PeerRecord} with a sequence number, seals it in
 * an {@code Envelope} with its private key in the domain {@code libp2p-peer-record} with payload
 * type {@code 03 01}, and others {@link org.peerstore.record.Envelope#open open} the bytes,
 * which verifies the signature before decoding the record and checks that the record's peer id
 * is the signer's. An {@code Envelope} object therefore always holds a verified signature;
 * there is no way to build an unverified one. Bad bytes raise
 * {@link org.peerstore.InvalidRecordException} with a message naming the problem. All types
 * here are immutable and thread-safe.
 */
@NullMarked
package org.peerstore.record;

import org.jspecify.annotations.NullMarked;
