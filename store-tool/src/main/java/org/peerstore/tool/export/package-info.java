/**
 * The export format of {@code peerstore-tool export} and {@code import}: a versioned,
 * line-oriented JSON file holding every book of every peer exactly (addresses with ttl and
 * absolute expiry, signed records as raw envelope bytes, keys, protocols, metadata encodings),
 * documented in {@code docs/EXPORT-FORMAT.md}.
 *
 * <p>{@link org.peerstore.tool.export.Exporter} writes a store (any store implementing
 * {@link org.peerstore.Snapshots}: the RocksDB store or the in-memory one) to a file;
 * {@link org.peerstore.tool.export.Importer} checks a whole file first and then restores it
 * peer by peer, so a bad line stops the import before anything is written. Moving a store
 * between machines, or between the in-memory and the persistent store, goes through these two.
 */
package org.peerstore.tool.export;
