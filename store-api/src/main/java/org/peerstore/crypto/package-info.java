/**
 * libp2p keys: the four {@link org.peerstore.crypto.KeyType}s, their public and private halves,
 * and the {@code PublicKey}/{@code PrivateKey} protobuf encodings byte for byte as go-libp2p
 * writes them (docs/WIRE.md §2).
 *
 * <p>{@link org.peerstore.crypto.Keys} is the entry point: it generates keys and unmarshals
 * them. The implementations behind {@link org.peerstore.crypto.PubKey} and
 * {@link org.peerstore.crypto.PrivKey} are package-private, one per key type, built on Bouncy
 * Castle's lightweight API (no JCA provider is registered, nothing global changes). RSA keys
 * are PKIX/PKCS#1 DER with 2048 to 8192 bits and PKCS#1 v1.5 SHA-256 signatures; Ed25519 keys
 * are raw RFC 8032 keys; secp256k1 keys are compressed SEC1 points with low-S, RFC 6979, strict
 * DER ECDSA signatures (verification also accepts high-S); ECDSA keys are P-256 only, as SPKI
 * and SEC1 DER with DER signatures. Decoding is strict so that marshalling reproduces the input
 * (peer ids hash these bytes); malformed input always raises
 * {@link org.peerstore.InvalidKeyDataException}, and {@code verify} answers false for any bad
 * signature instead of throwing. Keys are immutable and thread-safe; private keys never print
 * their material.
 */
@NullMarked
package org.peerstore.crypto;

import org.jspecify.annotations.NullMarked;
