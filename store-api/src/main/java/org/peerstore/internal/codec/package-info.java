/**
 * Byte and text encodings shared by the wire types: unsigned varints, base16/32/36/58/64,
 * multibase, multihash and the peer-id rules (docs/WIRE.md §1, §3).
 *
 * <p>Internal: the classes are public so that every package of this library (and its stores) can
 * use one implementation, but they are not part of the supported API and may change. Decoders
 * throw the checked {@link org.peerstore.internal.codec.CodecException}; public callers translate
 * it into their own documented exception. Every class here is stateless or immutable and
 * thread-safe.
 */
package org.peerstore.internal.codec;
