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
  EXPIRY("expiry"),
  /**
   * Per ban: its target (key) and reason, creation time and expiry (value; {@link BanCodec}).
   * Since schema version 2: a directory of schema 1 may lack it (see {@link #since()}).
   */
  BANS("bans", 2),
  /** Tag book: tags and protections of one peer per entry (docs/STORAGE.md "Tags"). */
  TAGS("tags", 3),
  /**
   * Per peer: its dial history (value; {@link DialCodec}). Since schema version 3: a directory
   * of an older schema may lack it.
   */
  DIALS("dials", 3),
  /**
   * The protocol index: per protocol and peer with that protocol, an empty value (keys in
   * {@link ProtocolIndex}). Since schema version 3: a directory of an older schema lacks it,
   * and the store builds it when it opens one (docs/STORAGE.md, "Opening a directory").
   */
  PROTOCOL_INDEX("protocol_index", 3);

  private final String cfName;
  private final int since;

  ColumnFamily(String cfName) {
    this(cfName, 1);
  }

  ColumnFamily(String cfName, int since) {
    this.cfName = cfName;
    this.since = since;
  }

  /**
   * The schema version that added this column family: a store directory of an older schema
   * lacks it. The store creates it when it opens such a directory; offline maintenance, which
   * creates nothing, treats it as empty (docs/STORAGE.md, "Opening a directory").
   */
  int since() {
    return since;
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
