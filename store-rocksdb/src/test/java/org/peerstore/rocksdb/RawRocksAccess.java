package org.peerstore.rocksdb;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.peerstore.internal.AddrEntry;
import org.peerstore.internal.AddrState;
import org.peerstore.peer.PeerId;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.WriteBatch;

/**
 * The raw RocksDB baseline's window into the store's own storage layer, so that the baseline
 * writes "the same serialized bytes with the same options" by construction rather than by a
 * copy that could drift: the database is opened by {@link StoreOpen#live} with
 * {@link RocksPeerstoreBuilder}'s default tuning, keys come from {@link StoreKeys} and values
 * from {@link ValueCodec}.
 *
 * <p>A test fixture of the store module, not API: it is compiled with the store's tests (it
 * needs package-private classes, which should not become API for a benchmark) and published
 * alone in the store's {@code test-jar}, which the benchmarks module depends on
 * (docs/ARCHITECTURE.md, "Modules"). Nothing in the store depends on it. If the store's
 * internals change, this class stops compiling with the store's tests, which is the point.
 *
 * <p>Thread-safe for reads and writes while open, like {@link StoreDb}; {@link #close} must not
 * race with them.
 */
public final class RawRocksAccess implements AutoCloseable {

  /** The column families a baseline reads and writes. */
  public enum Family {
    /** Per peer: its {@code AddrSet}. */
    ADDRS(ColumnFamily.ADDRS),
    /** Per peer: its signed record's envelope bytes. */
    RECORDS(ColumnFamily.RECORDS),
    /** Per peer and kind: key protobufs. */
    KEYS(ColumnFamily.KEYS),
    /** Per peer: its {@code ProtocolSet}. */
    PROTOCOLS(ColumnFamily.PROTOCOLS),
    /** Per peer and name: metadata values. */
    METADATA(ColumnFamily.METADATA),
    /** The expiry index: earliest expiry and peer id, empty value. */
    EXPIRY(ColumnFamily.EXPIRY),
    /** The protocol index: protocol and peer, empty value. */
    PROTOCOL_INDEX(ColumnFamily.PROTOCOL_INDEX);

    private final ColumnFamily cf;

    Family(ColumnFamily cf) {
      this.cf = cf;
    }
  }

  private final StoreDb db;

  private RawRocksAccess(StoreDb db) {
    this.db = db;
  }

  /**
   * Opens (or creates) a database in {@code dir} exactly as {@code
   * RocksPeerstore.builder(dir).build()} does with its default tuning (block cache, bloom
   * filters, memtable size, compression, WAL, no fsync per write).
   *
   * @throws org.peerstore.StorageException if RocksDB cannot open it
   */
  public static RawRocksAccess open(Path dir) {
    return new RawRocksAccess(
        StoreOpen.live(
            dir,
            new StoreTuning(
                RocksPeerstoreBuilder.DEFAULT_BLOCK_CACHE_SIZE,
                RocksPeerstoreBuilder.DEFAULT_BLOOM_BITS_PER_KEY,
                RocksPeerstoreBuilder.DEFAULT_WRITE_BUFFER_SIZE,
                false)));
  }

  /** The handle of {@code family}, for building write batches. */
  public ColumnFamilyHandle handle(Family family) {
    return db.handle(family.cf);
  }

  /**
   * The stored value, or null (one RocksDB {@code get} with the store's read options).
   *
   * @throws org.peerstore.StorageException if RocksDB fails
   */
  public byte[] get(Family family, byte[] key) {
    return db.get(family.cf, key);
  }

  /**
   * Writes {@code batch} with the store's write options.
   *
   * @throws org.peerstore.StorageException if RocksDB fails
   */
  public void write(WriteBatch batch) {
    db.write(batch, "baseline write");
  }

  /**
   * Visits every key of {@code family} in order, as the store's full scans do (a fresh
   * iterator, no block cache fill).
   *
   * @throws org.peerstore.StorageException if RocksDB fails
   */
  public void forEachKey(Family family, Consumer<byte[]> visitor) {
    db.scan(family.cf, null, null, false, (k, v) -> {
      visitor.accept(k);
      return true;
    });
  }

  /** The key of {@code p}'s addresses, record and protocols. */
  public static byte[] peerKey(PeerId p) {
    return StoreKeys.peer(p.toBytes());
  }

  /** The protocol index key of ({@code protocol}, {@code p}). */
  public static byte[] protocolIndexKey(String protocol, PeerId p) {
    return ProtocolIndex.key(protocol, p.toBytes());
  }

  /** The start of every protocol index key of {@code protocol}. */
  public static byte[] protocolIndexPrefix(String protocol) {
    return ProtocolIndex.prefix(protocol);
  }

  /** The key of {@code p}'s public key. */
  public static byte[] publicKeyKey(PeerId p) {
    return StoreKeys.key(p.toBytes(), StoreKeys.KIND_PUBLIC);
  }

  /** The key of {@code p}'s metadata entry {@code name}. */
  public static byte[] metadataKey(PeerId p, String name) {
    return StoreKeys.metadata(p.toBytes(), name);
  }

  /** The expiry index key of {@code p} at {@code expiryNanos}. */
  public static byte[] expiryKey(long expiryNanos, PeerId p) {
    return StoreKeys.expiry(expiryNanos, p.toBytes());
  }

  /** The {@code AddrSet} bytes the store writes for these entries. */
  public static byte[] encodeAddrs(List<AddrEntry> entries) {
    return ValueCodec.encodeAddrs(new AddrState(entries));
  }

  /** The {@code ProtocolSet} bytes the store writes for {@code protocols}. */
  public static byte[] encodeProtocols(Set<String> protocols) {
    return ValueCodec.encodeProtocols(protocols);
  }

  /**
   * Closes the database and releases its native resources.
   *
   * @throws org.peerstore.StorageException if RocksDB reports a failed shutdown
   */
  @Override
  public void close() {
    db.close();
  }
}
