/**
 * The pre-generated data every benchmark runs on: peers with real Ed25519 identities, their
 * addresses (1, 10 or 100 per peer), pre-sealed signed peer records and protocol lists.
 *
 * <p>Generation is deterministic (fixed seeds), happens before any measurement, and is shared by
 * all benchmarks of one JVM, so no benchmark ever times key generation or signing. The same
 * seeds let the scale run regenerate any peer from its index instead of keeping a million of
 * them on the heap it measures.
 */
package org.peerstore.bench.data;
