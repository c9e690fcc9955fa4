package org.peerstore.rocksdb;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.peerstore.BanTarget;
import org.peerstore.StorageException;
import org.peerstore.crypto.PubKey;
import org.peerstore.internal.AddrEntry;
import org.peerstore.internal.AddrState;
import org.peerstore.internal.BanEntry;
import org.peerstore.internal.BanRules;
import org.peerstore.internal.MetadataValues;
import org.peerstore.internal.PeerTags;
import org.peerstore.internal.Ttl;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;
import org.peerstore.record.PeerRecord;
import org.peerstore.rocksdb.pb.RocksValues;
import org.peerstore.rocksdb.pb.RocksValues.AddrSet;
import org.peerstore.rocksdb.pb.RocksValues.ProtocolSet;
import org.rocksdb.CompactRangeOptions;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * Offline maintenance of a {@link RocksPeerstore} directory through the raw RocksDB API: counts
 * ({@link #stats}), garbage collection now ({@link #collectGarbage}), full compaction
 * ({@link #compact}), consistency checks and their repair ({@link #verify}, {@link #repair}),
 * and a raw dump of one peer ({@link #dump}). The operator tool {@code peerstore-tool} is built
 * on it; the key and value formats are those of docs/STORAGE.md, decoded by the store's own
 * codecs.
 *
 * <pre>{@code
 * try (RocksMaintenance m = RocksMaintenance.open(Path.of("peerstore-data"))) {
 *   List<StoreProblem> problems = m.verify(MaintenanceProgress.NONE);
 *   m.repair(problems);
 * }
 * }</pre>
 *
 * <p>It opens the directory exactly as the store does (taking RocksDB's lock, so it refuses a
 * directory a running store holds) with the options the store persisted, creates nothing, and
 * releases every native object in reverse order on {@link #close()}. Writes (garbage
 * collection, repair) are fsynced before the call returns.
 *
 * <p>Not thread-safe: use one instance from one thread at a time.
 */
public final class RocksMaintenance implements AutoCloseable {

  private final StoreDb db;
  private boolean closed;

  private RocksMaintenance(StoreDb db) {
    this.db = db;
  }

  /**
   * Checks that {@code dir} holds a peerstore store (a RocksDB database with the store's column
   * families) without opening it, so that a caller can refuse a wrong path before a
   * {@link RocksPeerstoreBuilder} would create a new store there.
   *
   * @throws StorageException naming what is missing
   * @throws NullPointerException if {@code dir} is null
   */
  public static void requireStore(Path dir) {
    StoreDirectory.diagnose(Objects.requireNonNull(dir, "dir"));
    StoreOpen.requireStore(dir);
  }

  /**
   * Opens the store in {@code dir} for maintenance.
   *
   * @throws StorageException if {@code dir} is not a store, is in use by another process (a
   *     running store holds RocksDB's lock), was written by a newer schema, or cannot be opened
   * @throws NullPointerException if {@code dir} is null
   */
  public static RocksMaintenance open(Path dir) {
    StoreDirectory.diagnose(Objects.requireNonNull(dir, "dir"));
    return new RocksMaintenance(StoreOpen.existing(dir));
  }

  /**
   * Opens the store in {@code dir} read-only (docs/STORAGE.md, "Read-only open"): nothing in
   * the directory is written and no lock is taken, so {@link #stats}, {@link #verify} and
   * {@link #dump} work on a read-only mount, a full disk, a backup, and the directory of a
   * running store (seen as of the open). {@link #repair}, {@link #collectGarbage},
   * {@link #releaseConnections} and {@link #compact} then fail with a
   * {@link StorageException}.
   *
   * @throws StorageException if {@code dir} is not a store, was written by a newer schema, or
   *     cannot be opened
   * @throws NullPointerException if {@code dir} is null
   */
  public static RocksMaintenance openReadOnly(Path dir) {
    StoreDirectory.diagnose(Objects.requireNonNull(dir, "dir"));
    return new RocksMaintenance(StoreOpen.existing(dir, true));
  }

  /** The store directory. */
  public Path directory() {
    return db.dir();
  }

  /**
   * What write-ahead log recovery dropped when this handle opened the directory (see
   * {@link RocksPeerstore#walRecovery()}).
   */
  public WalRecovery walRecovery() {
    return db.walRecovery();
  }

  /**
   * Counts what the store holds in one pass over every column family.
   *
   * @param now the instant that decides which addresses count as expired
   * @throws StorageException if RocksDB fails
   * @throws IllegalStateException after {@link #close()}
   */
  public StoreStats stats(Instant now) {
    checkOpen();
    long nowNanos = Ttl.toEpochNanos(Objects.requireNonNull(now, "now"));
    Set<ByteBuffer> peers = new HashSet<>();
    // live, expired, connected, records, pub, priv, protos, meta, idx, bad; banned peers, ips,
    // subnets, expired bans; tagged peers, protected peers; dial peers, in backoff
    long[] n = new long[18];
    List<StoreStats.ColumnFamilyStats> cfs = new ArrayList<>();
    for (ColumnFamily cf : ColumnFamily.values()) {
      long[] entries = {0};
      long[] bytes = {0};
      db.scan(cf, null, null, (k, v) -> {
        entries[0]++;
        bytes[0] += k.length + v.length;
        countEntry(cf, k, v, nowNanos, peers, n);
        return true;
      });
      cfs.add(new StoreStats.ColumnFamilyStats(cf.cfName(), entries[0], bytes[0],
          db.longProperty(cf, "rocksdb.total-sst-files-size"),
          db.longProperty(cf, "rocksdb.cur-size-all-mem-tables"),
          db.longProperty(cf, "rocksdb.estimate-num-keys"),
          db.longProperty(cf, "rocksdb.estimate-live-data-size"),
          db.longProperty(cf, "rocksdb.estimate-pending-compaction-bytes")));
    }
    return new StoreStats(peers.size(), n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7], n[8],
        n[10], n[11], n[12], n[13], n[14], n[15], n[16], n[17], n[9], sizeOnDisk(), cfs);
  }

  private static void countEntry(ColumnFamily cf, byte[] k, byte[] v, long nowNanos,
      Set<ByteBuffer> peers, long[] n) {
    try {
      switch (cf) {
        case DEFAULT -> {
          return;
        }
        case EXPIRY -> {
          StoreKeys.expiryPeerIdOf(k);
          n[8]++;
          return;
        }
        case TAGS -> {
          TagCodec.decodeKey(k);
          PeerTags tags = TagCodec.decode(v);
          n[14] += tags.tags().isEmpty() ? 0 : 1;
          n[15] += tags.protections().isEmpty() ? 0 : 1;
          return;
        }
        case PROTOCOL_INDEX -> {
          ProtocolIndex.peerIdOf(k); // derived data: its peers are counted from protocols
          return;
        }
        case BANS -> {
          BanEntry ban = BanCodec.decode(k, v);
          n[ban.inForce(nowNanos) ? 10 + BanRules.kind(ban.target()) : 13]++;
          return;
        }
        case DIALS -> {
          // Dial history does not make a peer known (docs/CONTRACT.md §16).
          org.peerstore.internal.PeerDials d = DialCodec.decode(k, v);
          n[16]++;
          if (org.peerstore.internal.DialRules.DEFAULT.inBackoff(
              org.peerstore.internal.DialRules.key(d.peer()), d.record(), nowNanos)) {
            n[17]++;
          }
          return;
        }
        default -> {
          byte[] id = StoreKeys.peerIdOf(k);
          peers.add(ByteBuffer.wrap(Arrays.copyOf(k, 1 + id.length)));
        }
      }
      switch (cf) {
        case ADDRS -> {
          for (RocksValues.AddrEntry e : AddrSet.parseFrom(v).getEntriesList()) {
            if (nowNanos < e.getExpiryNanos()) {
              n[0]++;
            } else {
              n[1]++;
            }
            if (Ttl.isConnected(e.getTtlNanos())) {
              n[2]++;
            }
          }
        }
        case RECORDS -> n[3]++;
        case KEYS -> {
          // An unknown kind throws and counts as corrupt (n[9]) below.
          n[StoreKeys.keyKindOf(k) == StoreKeys.KIND_PUBLIC ? 4 : 5]++;
        }
        case PROTOCOLS -> n[6] += ProtocolSet.parseFrom(v).getProtocolsCount();
        case METADATA -> n[7]++;
        default -> throw new IllegalStateException("unexpected column family " + cf);
      }
    } catch (CorruptValueException | InvalidProtocolBufferException e) {
      n[9]++;
    }
  }

  /**
   * Treats every address at exactly the connected ttl as disconnected at {@code now}, as a
   * store opening the directory does (docs/CONTRACT.md §11): the store is closed, so no process
   * holds those connections. Each gets {@link org.peerstore.AddrTtl#RECENTLY_CONNECTED} and
   * expires that long after {@code now}; one fsynced batch per peer. Run it before
   * {@link #collectGarbage} so that the offline collector sees what a reopened store would.
   *
   * @return how many peers had such addresses
   * @throws StorageException if RocksDB fails
   * @throws IllegalStateException after {@link #close()}
   */
  public long releaseConnections(Instant now) {
    checkOpen();
    return StaleConnections.releaseOffline(db, Ttl.toEpochNanos(Objects.requireNonNull(now,
        "now")));
  }

  /**
   * Removes every address expired at {@code now} through the expiry index (as the store's
   * collector does: the record goes with a peer's last address, the index entry moves to the
   * new earliest expiry), drops index entries that no longer match their peer, and removes
   * signed records whose peer has no address value at all. Entries that do not decode are
   * skipped and left for {@link #verify}.
   *
   * @throws StorageException if RocksDB fails
   * @throws IllegalStateException after {@link #close()}
   */
  public GcReport collectGarbage(Instant now, MaintenanceProgress progress) {
    checkOpen();
    long nowNanos = Ttl.toEpochNanos(Objects.requireNonNull(now, "now"));
    GcReport r = new OfflineCollector(db).collect(nowNanos,
        Objects.requireNonNull(progress, "progress"));
    return new GcReport(r.expiredAddrs(), r.peersCollected(), r.peersEmptied(), r.records(),
        r.orphanedRecords(), r.staleIndexEntries(), r.unreadableSkipped(),
        collectBans(nowNanos));
  }

  /**
   * Deletes the bans expired at {@code nowNanos} in one fsynced batch. Offline there is no ban
   * index, so this scans the {@code bans} column family (small: one entry per ban); entries that
   * do not decode are skipped and left for {@link #verify}.
   */
  private long collectBans(long nowNanos) {
    List<byte[]> expired = new ArrayList<>();
    db.scan(ColumnFamily.BANS, null, null, (k, v) -> {
      try {
        if (!BanCodec.decode(k, v).inForce(nowNanos)) {
          expired.add(k);
        }
      } catch (CorruptValueException e) {
        // left for verify
      }
      return true;
    });
    if (expired.isEmpty()) {
      return 0;
    }
    try (WriteBatch batch = new WriteBatch()) {
      for (byte[] k : expired) {
        batch.delete(db.handle(ColumnFamily.BANS), k);
      }
      db.write(batch, "collect expired bans");
    } catch (RocksDBException e) {
      throw StorageErrors.of("prepare a ban collection", e);
    }
    return expired.size();
  }

  /**
   * Flushes every memtable and compacts every column family fully (the bottommost level too),
   * with the store's own table options, so that deleted and overwritten data leaves the disk.
   * Progress counts column families.
   *
   * @throws StorageException if RocksDB fails
   * @throws IllegalStateException after {@link #close()}
   */
  public CompactionReport compact(MaintenanceProgress progress) {
    checkOpen();
    Objects.requireNonNull(progress, "progress");
    long diskBefore = sizeOnDisk();
    ColumnFamily[] all =
        Arrays.stream(ColumnFamily.values()).filter(db::has).toArray(ColumnFamily[]::new);
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    for (ColumnFamily cf : all) {
      handles.add(db.handle(cf));
    }
    try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
      db.rocks().flush(flush, handles);
    } catch (RocksDBException e) {
      throw StorageErrors.of("flush the memtables", e);
    }
    long[] before = new long[all.length];
    for (int i = 0; i < all.length; i++) {
      before[i] = db.longProperty(all[i], "rocksdb.total-sst-files-size");
    }
    progress.update(0, all.length);
    try (CompactRangeOptions options = new CompactRangeOptions()
        .setExclusiveManualCompaction(true)
        .setBottommostLevelCompaction(CompactRangeOptions.BottommostLevelCompaction.kForce)) {
      for (int i = 0; i < all.length; i++) {
        db.rocks().compactRange(db.handle(all[i]), null, null, options);
        progress.update(i + 1, all.length);
      }
    } catch (RocksDBException e) {
      throw StorageErrors.of("compact the store", e);
    }
    List<CompactionReport.ColumnFamilySize> sizes = new ArrayList<>();
    for (int i = 0; i < all.length; i++) {
      sizes.add(new CompactionReport.ColumnFamilySize(all[i].cfName(), before[i],
          db.longProperty(all[i], "rocksdb.total-sst-files-size")));
    }
    return new CompactionReport(diskBefore, sizeOnDisk(), sizes);
  }

  /**
   * Checks every entry of every column family: keys frame a valid peer id, values decode as
   * the store decodes them, every signed record verifies and belongs to its peer, every record
   * has addresses beside it, and every expiry index entry matches its peer's earliest address
   * expiry and vice versa. Nothing is changed.
   *
   * <p>Metadata values are checked for framing only: values of application types registered
   * on a store's builder are opaque here. Private keys stored encrypted are checked for
   * structure only (format version, Argon2 parameters within bounds, lengths): without the
   * passphrase the GCM tag cannot be checked, so an altered ciphertext, salt or nonce is found
   * only when a store opened with the passphrase reads the key.
   *
   * @return each problem found, with the repair {@link #repair} would apply
   * @throws StorageException if RocksDB fails
   * @throws IllegalStateException after {@link #close()}
   */
  public List<StoreProblem> verify(MaintenanceProgress progress) {
    checkOpen();
    return new StoreVerifier(db).verify(Objects.requireNonNull(progress, "progress"));
  }

  /**
   * Applies the repair of each problem in one fsynced batch: deletes the entries that are
   * provably broken (undecodable, failing verification, orphaned records, dangling index
   * entries) and adds missing expiry index entries. Nothing else is touched. Mending one
   * problem can reveal another (a deleted corrupt address value leaves its record orphaned),
   * so run {@link #verify} again until it finds nothing.
   *
   * @param problems problems returned by {@link #verify} on this store
   * @throws StorageException if RocksDB fails (nothing was changed)
   * @throws IllegalArgumentException if a problem names a column family or key this store
   *     cannot have
   * @throws IllegalStateException after {@link #close()}
   */
  public RepairReport repair(List<StoreProblem> problems) {
    checkOpen();
    return new StoreVerifier(db).repair(List.copyOf(problems));
  }

  /**
   * Everything stored about {@code p}, entry by entry, decoded for people: addresses with ttl
   * and expiry (relative to {@code now}), the signed record and whether it verifies, the key
   * types (never private key material; for a private key stored encrypted only that it exists
   * and its encryption parameters: it is not decrypted), protocols, metadata values, and the
   * expiry index entries naming the peer. Entries that do not decode are included as problems.
   *
   * @throws StorageException if RocksDB fails
   * @throws IllegalStateException after {@link #close()}
   */
  public PeerDump dump(PeerId p, Instant now) {
    checkOpen();
    return new PeerDumper(db).dump(p, now);
  }

  private long sizeOnDisk() {
    long[] total = {0};
    try {
      Files.walkFileTree(db.dir(), new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          total[0] += attrs.size();
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE; // deleted meanwhile by RocksDB (an obsolete file)
        }
      });
    } catch (IOException e) {
      throw new StorageException("cannot measure store directory " + db.dir() + ": " + e, e);
    }
    return total[0];
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("maintenance handle is closed");
    }
  }

  /**
   * Releases every RocksDB object in reverse order of creation. Idempotent.
   *
   * @throws StorageException if RocksDB reports a failure while closing (resources are
   *     released anyway)
   */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      db.close();
    }
  }
}
