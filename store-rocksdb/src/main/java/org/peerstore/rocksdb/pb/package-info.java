/**
 * Protocol buffer messages of the RocksDB store's values (generated from
 * {@code src/main/proto/rocks_values.proto}): {@code StoreInfo} (schema version),
 * {@code AddrSet}/{@code AddrEntry} (a peer's addresses with ttl and absolute expiry) and
 * {@code ProtocolSet}. They are the on-disk format described in docs/STORAGE.md; they are
 * public only because generated code is, and are not part of the library's API.
 */
package org.peerstore.rocksdb.pb;
