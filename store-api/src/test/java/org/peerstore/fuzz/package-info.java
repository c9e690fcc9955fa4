/**
 * Jazzer fuzz tests of every decoder that sees foreign bytes: multiaddr bytes and text, peer id
 * bytes and text, public and private key protobufs, envelopes and peer records, and stored
 * metadata values. Each target may throw only its documented exception, and whatever it
 * accepts must round-trip (re-encode to the same bytes or an equal value).
 *
 * <p>{@code mvn verify} runs them in Jazzer's regression mode: each target replays its seed and
 * regression inputs from {@code src/test/resources/org/peerstore/fuzz/<Class>Inputs/<method>/}
 * (seeded from the test vectors; every finding's reproducer is added there). To fuzz one
 * target for a chosen time (see {@code docs/RELIABILITY.md}):
 *
 * <pre>
 * JAZZER_FUZZ=1 mvn -B -o -pl store-api test -Dtest='MultiaddrFuzzTest#bytes' \
 *     -Djazzer.max_duration=10m
 * </pre>
 */
package org.peerstore.fuzz;
