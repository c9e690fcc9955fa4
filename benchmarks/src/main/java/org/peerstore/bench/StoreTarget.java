package org.peerstore.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.peerstore.Peerstore;
import org.peerstore.bench.data.Dataset;
import org.peerstore.multiaddr.Multiaddr;

/** A {@link Target} that is a real store: every operation is one public API call. */
final class StoreTarget implements Target {
  private final Peerstore store;
  private final Dataset data;
  private final List<List<Multiaddr>> addrs;
  private final List<String> protocols = Dataset.protocols();
  private final Path dir;

  /**
   * @param dir the store's directory, deleted on close (null for the memory store)
   */
  StoreTarget(Peerstore store, Dataset data, int addrCount, Path dir) {
    this.store = store;
    this.data = data;
    this.addrs = data.addrLists(addrCount);
    this.dir = dir;
  }

  @Override
  public void addAddrs(int peer, Duration ttl) {
    store.addAddrs(data.peer(peer), addrs.get(peer), ttl);
  }

  @Override
  public void setAddrs(int peer, Duration ttl) {
    store.setAddrs(data.peer(peer), addrs.get(peer), ttl);
  }

  @Override
  public void updateAddrs(int peer, Duration oldTtl, Duration newTtl) {
    store.updateAddrs(data.peer(peer), oldTtl, newTtl);
  }

  @Override
  public Object addrs(int peer) {
    return store.addrs(data.peer(peer));
  }

  @Override
  public Object addrsOfUnknown(int peer) {
    return store.addrs(data.unknownPeer(peer));
  }

  @Override
  public void clearAddrs(int peer) {
    store.clearAddrs(data.peer(peer));
  }

  @Override
  public Object peersWithAddrs() {
    return store.peersWithAddrs();
  }

  @Override
  public boolean consumePeerRecord(int peer, Duration ttl) {
    return store.consumePeerRecord(data.envelope(peer), ttl);
  }

  @Override
  public Object peerRecord(int peer) {
    return store.peerRecord(data.peer(peer));
  }

  @Override
  public Object pubKey(int peer) {
    return store.pubKey(data.peer(peer));
  }

  @Override
  public void addPubKey(int peer) {
    store.addPubKey(data.peer(peer), data.publicKey(peer));
  }

  @Override
  public Object protocols(int peer) {
    return store.protocols(data.peer(peer));
  }

  @Override
  public Object supportsProtocols(int peer, List<String> query) {
    return store.supportsProtocols(data.peer(peer), query);
  }

  @Override
  public void addProtocols(int peer) {
    store.addProtocols(data.peer(peer), protocols);
  }

  @Override
  public Object metadata(int peer, String key) {
    return store.get(data.peer(peer), key);
  }

  @Override
  public void putMetadata(int peer, String key, String value) {
    store.put(data.peer(peer), key, value);
  }

  @Override
  public void recordLatency(int peer, Duration sample) {
    store.recordLatency(data.peer(peer), sample);
  }

  @Override
  public void close() {
    try {
      store.close();
    } finally {
      if (dir != null) {
        BenchDirs.delete(dir);
      }
    }
  }
}
