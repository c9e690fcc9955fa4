package org.peerstore.bench;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.peerstore.bench.data.Dataset;
import org.peerstore.crypto.PubKey;
import org.peerstore.internal.Ttl;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;

/**
 * The memory floor: the storage work of each operation done by hand on
 * {@link ConcurrentHashMap}s of per-peer lists, with none of the contract's rules (no
 * normalisation, caps, streams, record checks or expiry index).
 *
 * <p>What it still does, because any correct store must: keep each address's ttl and expiry,
 * read the clock, copy-on-write each peer's list inside {@code compute} (so readers never see
 * a list being changed), and on {@code addrs} filter expired entries into a fresh copied list.
 *
 * <p>Thread-safe.
 */
final class MapBaseline implements Target {

  /** One stored address. */
  private record Entry(Multiaddr addr, long ttlNanos, long expiryNanos) {}

  /** Beyond this many entries a merge indexes the old list instead of scanning it. */
  private static final int LINEAR_MERGE_MAX = 16;

  private final Clock clock;
  private final Dataset data;
  private final List<List<Multiaddr>> addrs;
  private final List<String> standardProtocols = Dataset.protocols();
  private final ConcurrentHashMap<PeerId, List<Entry>> book = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<PeerId, Envelope> records = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<PeerId, PubKey> keys = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<PeerId, Set<String>> protocols = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<PeerId, Map<String, Object>> metadata = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<PeerId, Long> latency = new ConcurrentHashMap<>();

  MapBaseline(Dataset data, int addrCount, Clock clock) {
    this.clock = clock;
    this.data = data;
    this.addrs = data.addrLists(addrCount);
  }

  @Override
  public void addAddrs(int peer, Duration ttl) {
    put(data.peer(peer), addrs.get(peer), ttl, true);
  }

  @Override
  public void setAddrs(int peer, Duration ttl) {
    put(data.peer(peer), addrs.get(peer), ttl, false);
  }

  private void put(PeerId p, List<Multiaddr> as, Duration ttl, boolean extendOnly) {
    long ttlNanos = Ttl.toNanos(ttl);
    long expiry = Ttl.expiry(Ttl.nowNanos(clock), ttlNanos);
    book.compute(p, (k, old) -> merge(old, as, ttlNanos, expiry, extendOnly));
  }

  private static List<Entry> merge(
      List<Entry> old, List<Multiaddr> as, long ttlNanos, long expiry, boolean extendOnly) {
    if (old == null) {
      List<Entry> fresh = new ArrayList<>(as.size());
      for (Multiaddr a : as) {
        fresh.add(new Entry(a, ttlNanos, expiry));
      }
      return fresh;
    }
    List<Entry> out = new ArrayList<>(old.size() + as.size());
    out.addAll(old);
    Map<Multiaddr, Integer> index = null;
    if (out.size() > LINEAR_MERGE_MAX) {
      index = new HashMap<>(out.size() * 2);
      for (int i = 0; i < out.size(); i++) {
        index.put(out.get(i).addr(), i);
      }
    }
    for (Multiaddr a : as) {
      int at = index != null ? index.getOrDefault(a, -1) : linearIndexOf(out, a);
      if (at < 0) {
        out.add(new Entry(a, ttlNanos, expiry));
      } else if (extendOnly) {
        Entry e = out.get(at);
        out.set(at, new Entry(a, Math.max(e.ttlNanos(), ttlNanos), Math.max(e.expiryNanos(), expiry)));
      } else {
        out.set(at, new Entry(a, ttlNanos, expiry));
      }
    }
    return out;
  }

  private static int linearIndexOf(List<Entry> entries, Multiaddr a) {
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).addr().equals(a)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public void updateAddrs(int peer, Duration oldTtl, Duration newTtl) {
    throw new UnsupportedOperationException("the map baseline has no updateAddrs");
  }

  @Override
  public Object addrs(int peer) {
    return live(data.peer(peer));
  }

  @Override
  public Object addrsOfUnknown(int peer) {
    return live(data.unknownPeer(peer));
  }

  private List<Multiaddr> live(PeerId p) {
    List<Entry> entries = book.get(p);
    if (entries == null) {
      return List.of();
    }
    long now = Ttl.nowNanos(clock);
    List<Multiaddr> out = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      if (now < e.expiryNanos()) {
        out.add(e.addr());
      }
    }
    return out;
  }

  @Override
  public void clearAddrs(int peer) {
    PeerId p = data.peer(peer);
    book.remove(p);
    records.remove(p);
  }

  @Override
  public Object peersWithAddrs() {
    return new HashSet<>(book.keySet());
  }

  @Override
  public boolean consumePeerRecord(int peer, Duration ttl) {
    Envelope e = data.envelope(peer);
    PeerId p = data.peer(peer);
    records.put(p, e);
    put(p, data.addrs(peer, Dataset.RECORD_ADDRS), ttl, true);
    return true;
  }

  @Override
  public Object peerRecord(int peer) {
    return records.get(data.peer(peer));
  }

  @Override
  public Object pubKey(int peer) {
    return keys.get(data.peer(peer));
  }

  @Override
  public void addPubKey(int peer) {
    keys.put(data.peer(peer), data.publicKey(peer));
  }

  @Override
  public Object protocols(int peer) {
    return protocols.getOrDefault(data.peer(peer), Set.of());
  }

  @Override
  public Object supportsProtocols(int peer, List<String> query) {
    Set<String> known = protocols.getOrDefault(data.peer(peer), Set.of());
    List<String> out = new ArrayList<>(query.size());
    for (String q : query) {
      if (known.contains(q)) {
        out.add(q);
      }
    }
    return out;
  }

  @Override
  public void addProtocols(int peer) {
    protocols.compute(
        data.peer(peer),
        (k, old) -> {
          Set<String> next = old == null ? new HashSet<>() : new HashSet<>(old);
          next.addAll(standardProtocols);
          return Collections.unmodifiableSet(next);
        });
  }

  @Override
  public Object metadata(int peer, String key) {
    Map<String, Object> m = metadata.get(data.peer(peer));
    return m == null ? null : m.get(key);
  }

  @Override
  public void putMetadata(int peer, String key, String value) {
    metadata.computeIfAbsent(data.peer(peer), k -> new ConcurrentHashMap<>()).put(key, value);
  }

  @Override
  public void recordLatency(int peer, Duration sample) {
    long s = sample.toNanos();
    latency.merge(data.peer(peer), s, (old, x) -> (long) (0.9 * old + 0.1 * x));
  }

  @Override
  public void close() {
    book.clear();
    records.clear();
    keys.clear();
    protocols.clear();
    metadata.clear();
    latency.clear();
  }
}
