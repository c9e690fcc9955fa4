/**
 * Optional Micrometer binding of the RocksDB store's stats:
 * {@link org.peerstore.micrometer.RocksPeerstoreMetrics}, a {@code MeterBinder} that shows
 * {@link org.peerstore.rocksdb.RocksPeerstore#stats()} on a node's metrics endpoint. The store
 * itself depends on no metrics library; this module is the only one that depends on Micrometer.
 */
package org.peerstore.micrometer;
