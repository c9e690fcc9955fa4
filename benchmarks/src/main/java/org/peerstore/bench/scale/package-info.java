/**
 * The scale run: a million peers in the RocksDB store, measured by a plain main class
 * ({@link org.peerstore.bench.scale.ScaleRun}) rather than JMH, because each phase (load,
 * reopen, cold and warm reads, expiry of everything, compaction) happens once per database and
 * takes seconds to minutes.
 */
package org.peerstore.bench.scale;
