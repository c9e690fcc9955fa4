package org.peerstore.rocksdb;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.peerstore.internal.AddrState;
import org.peerstore.internal.MetadataValues;
import org.peerstore.internal.Ttl;
import org.peerstore.peer.PeerId;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.jspecify.annotations.Nullable;

/**
 * The checks of {@link RocksMaintenance#verify} and the mending of
 * {@link RocksMaintenance#repair}: every key and value of every per-peer column family is
 * decoded as the store decodes it (docs/STORAGE.md, "Damaged data"), every signed record's
 * signature and peer id are verified, and the expiry index is checked against the address
 * values in both directions (invariant 1), and records against addresses (invariant 2); every
 * ban entry is decoded as the store decodes it at open.
 *
 * <p>Memory: one entry per peer with addresses (its expected index key). Not thread-safe.
 */
final class StoreVerifier {
  private static final HexFormat HEX = HexFormat.of();
  /** Checks metadata framing without the application's codecs (unknown type ids are fine). */
  private static final MetadataValues FRAMING = MetadataValues.builtInsOnly();
  private static final ColumnFamily[] PER_PEER = {
      ColumnFamily.ADDRS, ColumnFamily.RECORDS, ColumnFamily.KEYS, ColumnFamily.PROTOCOLS,
      ColumnFamily.METADATA};

  private final StoreDb db;
  /** The protocol index keys the protocol sets call for, not yet seen in the index. */
  private final Set<ByteBuffer> expectedProtocolIndex = new HashSet<>();
  /** Peer prefixes whose protocol value does not decode: their index entries are unknown. */
  private final Set<ByteBuffer> peersWithBadProtocols = new HashSet<>();

  StoreVerifier(StoreDb db) {
    this.db = db;
  }

  /** Checks everything; see {@link RocksMaintenance#verify}. */
  List<StoreProblem> verify(MaintenanceProgress progress) {
    long total = 0;
    for (ColumnFamily cf : ColumnFamily.values()) {
      total += Math.max(0, db.longProperty(cf, "rocksdb.estimate-num-keys"));
    }
    long work = total;
    long[] done = {0};
    List<StoreProblem> problems = new ArrayList<>();
    // Peer prefix -> the index key its addresses call for (null: none, all never expire).
    Map<ByteBuffer, byte[]> expectedIndex = new HashMap<>();
    Set<ByteBuffer> peersWithAddrs = new HashSet<>();
    Set<ByteBuffer> peersWithBadAddrs = new HashSet<>();

    for (ColumnFamily cf : PER_PEER) {
      db.scan(cf, null, null, (k, v) -> {
        progress.update(++done[0], work);
        PeerId p = peerOf(cf, k, problems);
        if (p == null) {
          return true;
        }
        try {
          checkEntry(cf, p, k, v, expectedIndex, peersWithAddrs, peersWithBadAddrs);
        } catch (CorruptValueException e) {
          problems.add(problem(cf, p, k, e.getMessage(), StoreProblem.Repair.DELETE_ENTRY));
          if (cf == ColumnFamily.ADDRS) {
            peersWithBadAddrs.add(ByteBuffer.wrap(k));
          }
          if (cf == ColumnFamily.PROTOCOLS) {
            peersWithBadProtocols.add(ByteBuffer.wrap(k));
          }
        }
        return true;
      });
    }
    db.scan(ColumnFamily.EXPIRY, null, null, (k, v) -> {
      progress.update(++done[0], work);
      checkIndexEntry(k, expectedIndex, peersWithBadAddrs, problems);
      return true;
    });
    db.scan(ColumnFamily.BANS, null, null, (k, v) -> {
      progress.update(++done[0], work);
      try {
        BanCodec.decode(k, v);
      } catch (CorruptValueException e) {
        problems.add(new StoreProblem(ColumnFamily.BANS.cfName(), null, HEX.formatHex(k),
            "unreadable ban: " + e.getMessage(), StoreProblem.Repair.DELETE_ENTRY));
      }
      return true;
    });
    db.scan(ColumnFamily.TAGS, null, null, (k, v) -> {
      progress.update(++done[0], work);
      try {
        TagCodec.decodeKey(k);
        TagCodec.decode(v);
      } catch (CorruptValueException e) {
        PeerId p = quietPeerOf(k);
        problems.add(new StoreProblem(ColumnFamily.TAGS.cfName(), p == null ? null
            : p.toString(), HEX.formatHex(k), "unreadable tags: " + e.getMessage(),
            StoreProblem.Repair.DELETE_ENTRY));
      }
      return true;
    });
    db.scan(ColumnFamily.DIALS, null, null, (k, v) -> {
      progress.update(++done[0], work);
      try {
        DialCodec.decode(k, v);
      } catch (CorruptValueException e) {
        PeerId p = quietPeerOf(k);
        problems.add(new StoreProblem(ColumnFamily.DIALS.cfName(), p == null ? null
            : p.toString(), HEX.formatHex(k), "unreadable dial history: " + e.getMessage(),
            StoreProblem.Repair.DELETE_ENTRY));
      }
      return true;
    });
    if (db.has(ColumnFamily.PROTOCOL_INDEX)) {
      db.scan(ColumnFamily.PROTOCOL_INDEX, null, null, (k, v) -> {
        progress.update(++done[0], work);
        checkProtocolIndexEntry(k, v, problems);
        return true;
      });
      for (ByteBuffer missing : expectedProtocolIndex) {
        byte[] k = missing.array();
        problems.add(new StoreProblem(ColumnFamily.PROTOCOL_INDEX.cfName(),
            quietProtocolIndexPeer(k), HEX.formatHex(k),
            "missing protocol index entry for protocol " + quietProtocol(k)
                + " (peersWithProtocol would not find the peer)",
            StoreProblem.Repair.ADD_INDEX_ENTRY));
      }
    }
    for (Map.Entry<ByteBuffer, byte[]> e : expectedIndex.entrySet()) {
      byte[] indexKey = e.getValue();
      if (indexKey != null) {
        PeerId p = quietPeerOf(e.getKey().array());
        problems.add(new StoreProblem(ColumnFamily.EXPIRY.cfName(), p == null ? null
            : p.toString(), HEX.formatHex(indexKey), "missing expiry index entry for the"
            + " earliest expiry " + expiryText(indexKey) + " (its addresses would never be"
            + " collected)", StoreProblem.Repair.ADD_INDEX_ENTRY));
      }
    }
    progress.update(Math.max(done[0], work), Math.max(done[0], work));
    return problems;
  }

  /** Applies the repair of every problem in one batch; see {@link RocksMaintenance#repair}. */
  RepairReport repair(List<StoreProblem> problems) {
    long deleted = 0;
    long added = 0;
    try (WriteBatch batch = new WriteBatch()) {
      for (StoreProblem pr : problems) {
        ColumnFamily cf = columnFamily(pr.columnFamily());
        byte[] key = HEX.parseHex(pr.key());
        switch (pr.repair()) {
          case DELETE_ENTRY -> {
            batch.delete(db.handle(cf), key);
            deleted++;
          }
          case ADD_INDEX_ENTRY -> {
            batch.put(db.handle(cf), key, new byte[0]);
            added++;
          }
          default -> throw new IllegalArgumentException("unknown repair " + pr.repair());
        }
      }
      if (batch.count() > 0) {
        db.write(batch, "repair the store");
      }
    } catch (RocksDBException e) {
      throw StorageErrors.of("prepare a repair", e);
    }
    return new RepairReport(deleted, added);
  }

  private static ColumnFamily columnFamily(String name) {
    for (ColumnFamily cf : ColumnFamily.values()) {
      if (cf.cfName().equals(name)) {
        return cf;
      }
    }
    throw new IllegalArgumentException("no column family " + name);
  }

  private void checkEntry(ColumnFamily cf, PeerId p, byte[] k, byte[] v,
      Map<ByteBuffer, byte[]> expectedIndex, Set<ByteBuffer> peersWithAddrs,
      Set<ByteBuffer> peersWithBadAddrs) throws CorruptValueException {
    byte[] suffix = StoreKeys.suffixOf(k);
    switch (cf) {
      case ADDRS -> {
        requireNoSuffix(suffix);
        AddrState state = ValueCodec.decodeAddrs(v);
        if (state.isEmpty()) {
          throw new CorruptValueException("address value holds no address (never written so)");
        }
        long next = state.nextExpiry();
        peersWithAddrs.add(ByteBuffer.wrap(k));
        expectedIndex.put(ByteBuffer.wrap(k),
            next == Ttl.NEVER ? null : StoreKeys.expiry(next, p.toBytes()));
      }
      case RECORDS -> {
        // addrs is scanned before records, so the peer's addresses are known here.
        requireNoSuffix(suffix);
        ValueCodec.decodeRecord(p, v);
        ByteBuffer prefix = ByteBuffer.wrap(k);
        if (!peersWithAddrs.contains(prefix) && !peersWithBadAddrs.contains(prefix)) {
          throw new CorruptValueException(
              "signed record without any stored address (orphaned; never visible)");
        }
      }
      case KEYS -> {
        if (StoreKeys.keyKindOf(k) == StoreKeys.KIND_PUBLIC) {
          ValueCodec.decodePubKey(p, v);
        } else {
          StoredPrivKey.decode(p, v);
        }
      }
      case PROTOCOLS -> {
        requireNoSuffix(suffix);
        for (String protocol : ValueCodec.decodeProtocols(v)) {
          expectedProtocolIndex.add(ByteBuffer.wrap(ProtocolIndex.key(protocol, p.toBytes())));
        }
      }
      case METADATA -> {
        String name = JavaStrings.decode(suffix, 0);
        try {
          FRAMING.checkEncoding(v);
        } catch (IllegalArgumentException e) {
          throw new CorruptValueException("metadata " + name + ": " + e.getMessage(), e);
        }
      }
      default -> throw new IllegalStateException("not a per-peer column family: " + cf);
    }
  }

  private static void requireNoSuffix(byte[] suffix) throws CorruptValueException {
    if (suffix.length != 0) {
      throw new CorruptValueException("key has " + suffix.length + " bytes after the peer id");
    }
  }

  private static void checkIndexEntry(byte[] k, Map<ByteBuffer, byte[]> expectedIndex,
      Set<ByteBuffer> peersWithBadAddrs, List<StoreProblem> problems) {
    byte[] id;
    PeerId p;
    try {
      StoreKeys.expiryOf(k);
      id = StoreKeys.expiryPeerIdOf(k);
      p = PeerId.fromBytes(id);
    } catch (CorruptValueException | RuntimeException e) {
      problems.add(new StoreProblem(ColumnFamily.EXPIRY.cfName(), null, HEX.formatHex(k),
          "expiry index key holds no valid expiry and peer id", StoreProblem.Repair.DELETE_ENTRY));
      return;
    }
    ByteBuffer prefix = ByteBuffer.wrap(StoreKeys.peer(id));
    if (peersWithBadAddrs.contains(prefix)) {
      return; // checked once the damaged address value is mended
    }
    byte[] expected = expectedIndex.get(prefix);
    if (expected != null && java.util.Arrays.equals(expected, k)) {
      expectedIndex.put(prefix, null);
      return;
    }
    String why = !expectedIndex.containsKey(prefix)
        ? "the peer has no stored addresses"
        : "the peer's earliest expiry is " + (expected == null ? "not this one"
            : expiryText(expected));
    problems.add(problem(ColumnFamily.EXPIRY, p, k,
        "dangling expiry index entry " + expiryText(k) + ": " + why,
        StoreProblem.Repair.DELETE_ENTRY));
  }

  /**
   * Checks one protocol index entry against the protocol sets (docs/STORAGE.md,
   * "Protocol index"): it must be a well-formed key with an empty value that a protocol set
   * calls for.
   */
  private void checkProtocolIndexEntry(byte[] k, byte[] v, List<StoreProblem> problems) {
    String cf = ColumnFamily.PROTOCOL_INDEX.cfName();
    byte[] id;
    String protocol;
    try {
      protocol = ProtocolIndex.protocolOf(k);
      id = ProtocolIndex.peerIdOf(k);
      PeerId.fromBytes(id);
    } catch (CorruptValueException | RuntimeException e) {
      problems.add(new StoreProblem(cf, null, HEX.formatHex(k),
          "protocol index key holds no valid protocol and peer id",
          StoreProblem.Repair.DELETE_ENTRY));
      return;
    }
    if (peersWithBadProtocols.contains(ByteBuffer.wrap(StoreKeys.peer(id)))) {
      return; // checked once the damaged protocol value is mended
    }
    if (expectedProtocolIndex.remove(ByteBuffer.wrap(k)) && v.length == 0) {
      return;
    }
    problems.add(new StoreProblem(cf, quietProtocolIndexPeer(k), HEX.formatHex(k),
        v.length != 0 ? "protocol index entry with a non-empty value"
            : "dangling protocol index entry for protocol " + protocol
                + ": the peer's protocol set does not hold it",
        StoreProblem.Repair.DELETE_ENTRY));
  }

  private static @Nullable String quietProtocolIndexPeer(byte[] k) {
    try {
      return PeerId.fromBytes(ProtocolIndex.peerIdOf(k)).toString();
    } catch (CorruptValueException | RuntimeException e) {
      return null;
    }
  }

  private static String quietProtocol(byte[] k) {
    try {
      return ProtocolIndex.protocolOf(k);
    } catch (CorruptValueException e) {
      return "(unreadable)";
    }
  }

  /** The peer of a per-peer key, or null after reporting a key that holds none. */
  private static @Nullable PeerId peerOf(ColumnFamily cf, byte[] k, List<StoreProblem> problems) {
    try {
      return PeerId.fromBytes(StoreKeys.peerIdOf(k));
    } catch (CorruptValueException | RuntimeException e) {
      problems.add(new StoreProblem(cf.cfName(), null, HEX.formatHex(k),
          "key holds no valid peer id: " + e.getMessage(), StoreProblem.Repair.DELETE_ENTRY));
      return null;
    }
  }

  private static @Nullable PeerId quietPeerOf(byte[] framedKey) {
    try {
      return PeerId.fromBytes(StoreKeys.peerIdOf(framedKey));
    } catch (CorruptValueException | RuntimeException e) {
      return null;
    }
  }

  private static String expiryText(byte[] indexKey) {
    try {
      return Ttl.toInstant(StoreKeys.expiryOf(indexKey)).toString();
    } catch (CorruptValueException e) {
      return "(unreadable)";
    }
  }

  private static StoreProblem problem(ColumnFamily cf, PeerId p, byte[] k, String description,
      StoreProblem.Repair repair) {
    return new StoreProblem(cf.cfName(), p.toString(), HEX.formatHex(k), description, repair);
  }
}
