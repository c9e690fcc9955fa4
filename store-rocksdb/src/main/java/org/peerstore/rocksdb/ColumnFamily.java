package org.peerstore.rocksdb;

import java.nio.charset.StandardCharsets;

/**
 * The column families of a store directory, one per book plus the expiry index and the
 * schema metadata (docs/STORAGE.md describes the key and value format of each).
 *
 * <p>The declaration order is the order in which handles are opened; it is part of nothing on
 * disk (RocksDB names column families), so new ones may be added anywhere.
 */
enum ColumnFamily {
  /** RocksDB's own default column family; holds the {@code schema} entry. */
  DEFAULT("default"),
  /** Per peer: all of its stored addresses ({@code AddrSet}). */
  ADDRS("addrs"),
  /** Per peer: its signed peer record (raw envelope bytes). */
  RECORDS("records"),
  /** Per peer and key kind: the libp2p key protobuf. */
  KEYS("keys"),
  /** Per peer: its protocol set ({@code ProtocolSet}). */
  PROTOCOLS("protocols"),
  /** Per peer and metadata key: the metadata value bytes. */
  METADATA("metadata"),
  /** Per peer with a finite expiry: its earliest address expiry (empty value). */
  EXPIRY("expiry");

  private final String cfName;

  ColumnFamily(String cfName) {
    this.cfName = cfName;
  }

  /** The column family's name in the database. */
  String cfName() {
    return cfName;
  }

  /** The name as RocksDB takes it. */
  byte[] nameBytes() {
    return cfName.getBytes(StandardCharsets.UTF_8);
  }
}
