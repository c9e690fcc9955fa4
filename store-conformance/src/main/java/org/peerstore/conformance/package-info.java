/**
 * The peerstore conformance suite: the behaviour contract of docs/CONTRACT.md written once against
 * the {@link org.peerstore.Peerstore} interfaces and run by every implementation.
 *
 * <p>An implementation's test module depends on the artifact peerstore-conformance (test scope)
 * and declares one class,
 * e.g. {@code class MemoryPeerstoreConformanceTest extends PeerstoreConformanceSuite}, whose
 * {@link org.peerstore.conformance.PeerstoreConformanceSuite#factory()} returns a
 * {@link org.peerstore.conformance.PeerstoreFactory} that opens fresh stores with the options the
 * suite asks for. The suite's {@code @Nested} classes (one per book, plus streams, concurrency
 * and persistence) then run against it. Time comes from a
 * {@link org.peerstore.conformance.MutableClock} that tests advance; no test sleeps to let a TTL
 * pass, and background garbage collection is off unless a test is about it.
 */
package org.peerstore.conformance;
