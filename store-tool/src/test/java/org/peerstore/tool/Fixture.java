package org.peerstore.tool;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.peerstore.AddrTtl;
import org.peerstore.PeerSnapshot;
import org.peerstore.Peerstore;
import org.peerstore.Snapshots;
import org.peerstore.conformance.MutableClock;
import org.peerstore.conformance.TestPeer;
import org.peerstore.crypto.KeyType;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.rocksdb.RocksPeerstore;

/**
 * Stores the tool tests run on: real RocksDB directories (and memory stores) filled with peers
 * that use every book and every kind of ttl, on a test clock the tool shares.
 */
final class Fixture {
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration HOUR = Duration.ofHours(1);
  /** The ttl of each peer's short-lived address. */
  static final Duration SHORT = Duration.ofMinutes(1);

  final MutableClock clock = new MutableClock(START);

  /** A RocksDB store in {@code dir} on the fixture's clock, without background GC. */
  RocksPeerstore open(Path dir) {
    return RocksPeerstore.builder(dir).clock(clock).gcInterval(Duration.ZERO)
        .blockCacheSize(1L << 20).writeBufferSize(256L << 10).build();
  }

  /** Address {@code n} of peer number {@code i}. */
  static Multiaddr addr(int i, int n) {
    return Multiaddr.fromString("/ip4/10.0." + (i / 250) + "." + (i % 250) + "/tcp/" + (4000 + n));
  }

  /**
   * Fills {@code ps} with {@code n} peers. Peer {@code i} has: an address at one hour, a
   * connected one, a permanent one (every third peer), one that expires after {@link #SHORT};
   * a signed record (seq {@code i + 1}); its public key, and its private key for every third;
   * protocols; metadata of several types. Every fourth peer has an ECDSA key (not inlined in
   * its id), the others Ed25519.
   */
  List<TestPeer> populate(Peerstore ps, int n) {
    List<TestPeer> peers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      TestPeer t = TestPeer.generate(i % 4 == 3 ? KeyType.ECDSA : KeyType.ED25519);
      PeerId p = t.id();
      ps.addAddr(p, addr(i, 1), HOUR);
      ps.addAddr(p, addr(i, 2), AddrTtl.CONNECTED);
      if (i % 3 == 0) {
        ps.addAddr(p, addr(i, 3), AddrTtl.PERMANENT);
      }
      ps.addAddr(p, addr(i, 4), SHORT);
      ps.consumePeerRecord(t.record(i + 1, List.of(addr(i, 1))), HOUR);
      ps.addPubKey(p, t.pubKey());
      if (i % 3 == 0) {
        ps.addPrivKey(p, t.privKey());
      }
      ps.addProtocols(p, List.of("/ipfs/id/1.0.0", "/ipfs/kad/1.0.0", "/p/" + i));
      ps.put(p, "AgentVersion", "agent/" + i);
      ps.put(p, "n", i);
      ps.put(p, "bytes", new byte[] {(byte) i, 1, 2});
      peers.add(t);
    }
    return peers;
  }

  /**
   * Every peer's snapshot in the store in {@code dir} as a reopened store holds it: addresses a
   * previous process left at the connected ttl come back disconnected (docs/CONTRACT.md §11).
   */
  Map<PeerId, PeerSnapshot> reopenedSnapshots(Path dir) {
    try (RocksPeerstore ps = open(dir)) {
      return snapshots(ps);
    }
  }

  /**
   * {@code snapshots} as a store reopened at {@code at} holds them: every address at the
   * connected ttl becomes recently connected, expiring {@link AddrTtl#RECENTLY_CONNECTED} after
   * {@code at} (docs/CONTRACT.md §11).
   */
  static Map<PeerId, PeerSnapshot> disconnected(Map<PeerId, PeerSnapshot> snapshots, Instant at) {
    Map<PeerId, PeerSnapshot> out = new TreeMap<>();
    snapshots.forEach((p, s) -> {
      List<PeerSnapshot.Addr> addrs = new ArrayList<>();
      for (PeerSnapshot.Addr a : s.addrs()) {
        addrs.add(a.ttl().equals(AddrTtl.CONNECTED)
            ? new PeerSnapshot.Addr(a.addr(), AddrTtl.RECENTLY_CONNECTED,
                at.plus(AddrTtl.RECENTLY_CONNECTED))
            : a);
      }
      out.put(p, new PeerSnapshot(p, addrs, s.record(), s.pubKey(), s.privKey(), s.protocols(),
          s.metadata()));
    });
    return out;
  }

  /** Every peer's snapshot, by peer id. */
  static <S extends Peerstore & Snapshots> Map<PeerId, PeerSnapshot> snapshots(S store) {
    TreeSet<PeerId> ids = new TreeSet<>(store.peers());
    ids.addAll(store.peersWithAddrs());
    Map<PeerId, PeerSnapshot> out = new TreeMap<>();
    for (PeerId p : ids) {
      store.snapshot(p).ifPresent(s -> out.put(p, s));
    }
    return out;
  }
}
