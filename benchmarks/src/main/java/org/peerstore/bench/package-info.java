/**
 * The JMH benchmarks of the peerstore: every store configuration ({@code memory},
 * {@code rocksdb}, {@code rocksdb-nocache}) against each other and, where an operation has one,
 * against a hand-written floor ({@code baseline-map}: raw {@code ConcurrentHashMap}s;
 * {@code baseline-rocksdb}: raw RocksDB write batches and gets of the same bytes with the same
 * options), plus the churn macro benchmark.
 *
 * <p>Each benchmark class groups one book's operations; its JMH states open a
 * {@link org.peerstore.bench.Target} (a store or a baseline behind one interface) over the
 * shared {@link org.peerstore.bench.data.Dataset}. The README of the module explains how to
 * run the quick and the full profile and how the report is made.
 */
package org.peerstore.bench;
