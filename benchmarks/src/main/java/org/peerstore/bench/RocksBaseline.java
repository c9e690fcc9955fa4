package org.peerstore.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.peerstore.AddrTtl;
import org.peerstore.bench.data.Dataset;
import org.peerstore.internal.AddrEntry;
import org.peerstore.internal.AddrState;
import org.peerstore.internal.MetadataValues;
import org.peerstore.internal.Ttl;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.rocksdb.RawRocksAccess;
import org.peerstore.rocksdb.RawRocksAccess.Family;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * The RocksDB floor: for each operation, the RocksDB calls the store makes for it, by hand,
 * with the store's own database options, key layout and value encoders (through
 * {@link RawRocksAccess}), and with every value serialized before the measurement.
 *
 * <ul>
 *   <li>Address writes ({@code addAddrs}, {@code setAddrs}): one {@code WriteBatch} with the
 *       peer's {@code AddrSet} and its expiry-index entry (plus the delete of the previous
 *       index entry when there is one), as the store writes it; no read first.
 *   <li>{@code consumePeerRecord}: one batch with the envelope bytes, the {@code AddrSet} and
 *       the index entry.
 *   <li>Key, protocol and metadata writes: one batch with the one value (metadata values
 *       other than {@link Dataset#AGENT_VALUES} are encoded in the call, as the store does).
 *   <li>Reads: one {@code get} returning the raw bytes (no decoding).
 *   <li>{@code peersWithAddrs}: a scan of the address column family collecting its keys.
 * </ul>
 *
 * <p>Thread-safety: the database is; the per-peer bookkeeping of which index entry is stored
 * is not synchronised, so two threads writing the same peer at once may delete the wrong
 * (absent) index key. That costs the same and never matters to the timing.
 */
final class RocksBaseline implements Target {
  private static final byte[] EMPTY = new byte[0];
  private static final String AGENT = Dataset.AGENT_KEY;

  private final RawRocksAccess db;
  private final Path dir;
  private final Dataset data;
  private final byte[][] peerKeys;
  private final byte[][] unknownKeys;
  private final byte[][] addrValues;
  private final byte[][][] expiryKeys;
  /** 0: no index entry stored, 1 or 2: expiryKeys[peer][state - 1] is stored. */
  private final byte[] expiryState;
  private final byte[][] recordValues;
  private final byte[][] recordAddrValues;
  private final byte[][] pubKeyKeys;
  private final byte[][] pubKeyValues;
  private final byte[][] agentKeys;
  private final byte[] protocolValue;
  private final String[] agentValues;
  private final byte[][] agentValueBytes;
  private final MetadataValues metadataValues = MetadataValues.builtInsOnly();

  /**
   * Opens the database and serializes every value the benchmarks will write.
   *
   * @param needs which optional parts to serialize too (records, unknown peers' keys)
   */
  RocksBaseline(Dataset data, int addrCount, Clock clock, Path dir, Set<Need> needs) {
    boolean records = needs.contains(Need.RECORDS);
    boolean unknown = needs.contains(Need.UNKNOWN_PEERS);
    this.dir = dir;
    this.data = data;
    int n = data.size();
    long ttl = Ttl.toNanos(AddrTtl.ADDRESS);
    long expiry = Ttl.expiry(Ttl.nowNanos(clock), ttl);
    peerKeys = new byte[n][];
    unknownKeys = unknown ? new byte[n][] : null;
    addrValues = new byte[n][];
    expiryKeys = new byte[n][][];
    expiryState = new byte[n];
    recordValues = records ? new byte[n][] : null;
    recordAddrValues = records ? new byte[n][] : null;
    pubKeyKeys = new byte[n][];
    pubKeyValues = new byte[n][];
    agentKeys = new byte[n][];
    for (int i = 0; i < n; i++) {
      PeerId p = data.peer(i);
      peerKeys[i] = RawRocksAccess.peerKey(p);
      if (unknown) {
        unknownKeys[i] = RawRocksAccess.peerKey(data.unknownPeer(i));
      }
      addrValues[i] = encode(data.addrs(i, addrCount), ttl, expiry);
      expiryKeys[i] =
          new byte[][] {
            RawRocksAccess.expiryKey(expiry, p), RawRocksAccess.expiryKey(expiry + 1, p)
          };
      if (records) {
        recordValues[i] = data.envelope(i).marshal();
        recordAddrValues[i] = encode(data.addrs(i, Dataset.RECORD_ADDRS), ttl, expiry);
      }
      pubKeyKeys[i] = RawRocksAccess.publicKeyKey(p);
      pubKeyValues[i] = data.publicKey(i).marshal();
      agentKeys[i] = RawRocksAccess.metadataKey(p, AGENT);
    }
    protocolValue = RawRocksAccess.encodeProtocols(new LinkedHashSet<>(Dataset.protocols()));
    agentValues = Dataset.AGENT_VALUES.toArray(new String[0]);
    agentValueBytes = new byte[agentValues.length][];
    for (int i = 0; i < agentValues.length; i++) {
      agentValueBytes[i] = metadataValues.encode(agentValues[i]);
    }
    this.db = RawRocksAccess.open(dir);
  }

  private static byte[] encode(List<Multiaddr> addrs, long ttl, long expiry) {
    List<AddrEntry> entries = new ArrayList<>(addrs.size());
    for (Multiaddr a : addrs) {
      entries.add(new AddrEntry(a, ttl, expiry));
    }
    return RawRocksAccess.encodeAddrs(entries);
  }

  @Override
  public void addAddrs(int peer, Duration ttl) {
    writeAddrs(peer, addrValues[peer], null);
  }

  @Override
  public void setAddrs(int peer, Duration ttl) {
    writeAddrs(peer, addrValues[peer], null);
  }

  /** One batch: the AddrSet, the index entry moved, and the record if given. */
  private void writeAddrs(int peer, byte[] addrValue, byte[] recordValue) {
    try (WriteBatch batch = new WriteBatch()) {
      batch.put(db.handle(Family.ADDRS), peerKeys[peer], addrValue);
      int state = expiryState[peer];
      if (state != 0) {
        batch.delete(db.handle(Family.EXPIRY), expiryKeys[peer][state - 1]);
      }
      int next = state == 1 ? 2 : 1;
      batch.put(db.handle(Family.EXPIRY), expiryKeys[peer][next - 1], EMPTY);
      if (recordValue != null) {
        batch.put(db.handle(Family.RECORDS), peerKeys[peer], recordValue);
      }
      db.write(batch);
      expiryState[peer] = (byte) next;
    } catch (RocksDBException e) {
      throw new IllegalStateException("baseline batch failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void updateAddrs(int peer, Duration oldTtl, Duration newTtl) {
    throw new UnsupportedOperationException("the RocksDB baseline has no updateAddrs");
  }

  @Override
  public Object addrs(int peer) {
    return db.get(Family.ADDRS, peerKeys[peer]);
  }

  @Override
  public Object addrsOfUnknown(int peer) {
    if (unknownKeys == null) {
      throw new IllegalStateException("baseline opened without unknown peers");
    }
    return db.get(Family.ADDRS, unknownKeys[peer]);
  }

  @Override
  public void clearAddrs(int peer) {
    try (WriteBatch batch = new WriteBatch()) {
      batch.delete(db.handle(Family.ADDRS), peerKeys[peer]);
      int state = expiryState[peer];
      if (state != 0) {
        batch.delete(db.handle(Family.EXPIRY), expiryKeys[peer][state - 1]);
      }
      db.write(batch);
      expiryState[peer] = 0;
    } catch (RocksDBException e) {
      throw new IllegalStateException("baseline batch failed: " + e.getMessage(), e);
    }
  }

  @Override
  public Object peersWithAddrs() {
    List<byte[]> keys = new ArrayList<>();
    db.forEachKey(Family.ADDRS, keys::add);
    return keys;
  }

  @Override
  public boolean consumePeerRecord(int peer, Duration ttl) {
    if (recordValues == null) {
      throw new IllegalStateException("baseline opened without records");
    }
    writeAddrs(peer, recordAddrValues[peer], recordValues[peer]);
    return true;
  }

  @Override
  public Object peerRecord(int peer) {
    return db.get(Family.RECORDS, peerKeys[peer]);
  }

  @Override
  public Object pubKey(int peer) {
    return db.get(Family.KEYS, pubKeyKeys[peer]);
  }

  @Override
  public void addPubKey(int peer) {
    putOne(Family.KEYS, pubKeyKeys[peer], pubKeyValues[peer]);
  }

  @Override
  public Object protocols(int peer) {
    return db.get(Family.PROTOCOLS, peerKeys[peer]);
  }

  @Override
  public Object supportsProtocols(int peer, List<String> query) {
    return db.get(Family.PROTOCOLS, peerKeys[peer]);
  }

  @Override
  public void addProtocols(int peer) {
    putOne(Family.PROTOCOLS, peerKeys[peer], protocolValue);
  }

  @Override
  public Object metadata(int peer, String key) {
    return db.get(Family.METADATA, metadataKey(peer, key));
  }

  @Override
  public void putMetadata(int peer, String key, String value) {
    putOne(Family.METADATA, metadataKey(peer, key), metadataValue(value));
  }

  private byte[] metadataValue(String value) {
    for (int i = 0; i < agentValues.length; i++) {
      if (agentValues[i] == value) {
        return agentValueBytes[i];
      }
    }
    return metadataValues.encode(value);
  }

  private byte[] metadataKey(int peer, String key) {
    return AGENT.equals(key) ? agentKeys[peer] : RawRocksAccess.metadataKey(data.peer(peer), key);
  }

  private void putOne(Family family, byte[] key, byte[] value) {
    try (WriteBatch batch = new WriteBatch()) {
      batch.put(db.handle(family), key, value);
      db.write(batch);
    } catch (RocksDBException e) {
      throw new IllegalStateException("baseline batch failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void recordLatency(int peer, Duration sample) {
    throw new UnsupportedOperationException("latency is kept in memory; no RocksDB baseline");
  }

  @Override
  public void close() {
    try {
      db.close();
    } finally {
      BenchDirs.delete(dir);
    }
  }
}
