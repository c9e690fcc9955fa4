package org.peerstore.bench.data;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.peerstore.crypto.PrivKey;
import org.peerstore.crypto.PubKey;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;
import org.peerstore.record.PeerRecord;

/**
 * A fixed population of peers for the benchmarks: {@link #size()} real Ed25519 identities,
 * deterministic addresses per peer (any count, typically 1, 10 or 100), one pre-sealed signed
 * peer record per peer (sequence 1, {@value #RECORD_ADDRS} addresses) and as many unknown peers
 * that are never stored (for lookups that miss).
 *
 * <p>Identities (public keys and peer ids) are made eagerly, with their public keys remembered
 * across JVMs by {@link IdentityCache}; everything else (private keys, addresses, records,
 * unknown peers) lazily on first use and then kept, so a benchmark that never reads records
 * never pays for signing them. Generation runs on all cores and always before a measurement
 * starts (from a {@code @Setup} method).
 *
 * <p>Thread-safe: all lazily built parts are published safely and never change afterwards; the
 * lists handed out are unmodifiable.
 */
public final class Dataset {
  /** Peers of the standard dataset. */
  public static final int PEERS = 10_000;
  /** Addresses in each pre-sealed peer record. */
  public static final int RECORD_ADDRS = 10;
  /**
   * System property that shrinks the standard dataset to that many peers, for the module's
   * smoke test only: the one-shot benchmarks still divide by {@value #PEERS}, so their scores
   * are meaningless in such a run.
   */
  public static final String SMOKE_PEERS_PROPERTY = "peerstore.bench.smokePeers";
  /** Seed of the standard dataset's identities and addresses. */
  public static final long SEED = 0x5EED_2026L;
  /** The metadata key the metadata benchmarks read and write. */
  public static final String AGENT_KEY = "AgentVersion";
  /** The two values the metadata benchmarks alternate between (so every put changes it). */
  public static final List<String> AGENT_VALUES = List.of("go-libp2p/0.36.2", "rust-libp2p/0.54.1");

  private static final List<String> PROTOCOLS =
      List.of(
          "/ipfs/id/1.0.0",
          "/ipfs/id/push/1.0.0",
          "/ipfs/ping/1.0.0",
          "/ipfs/kad/1.0.0",
          "/meshsub/1.1.0",
          "/meshsub/1.2.0",
          "/libp2p/circuit/relay/0.2.0/stop",
          "/libp2p/autonat/1.0.0");
  private static final List<String> PROTOCOL_QUERY =
      List.of("/ipfs/bitswap/1.2.0", "/meshsub/1.2.0", "/ipfs/kad/1.0.0", "/floodsub/1.0.0");

  private static volatile Dataset standard;

  private final long seed;
  private final PubKey[] publicKeys;
  private final PeerId[] peers;
  private final Object keysLock = new Object();
  private final Object unknownLock = new Object();
  private final Object envelopesLock = new Object();
  private volatile PrivKey[] keys;
  private final Map<Integer, List<List<Multiaddr>>> addrLists = new ConcurrentHashMap<>();
  private volatile PeerId[] unknown;
  private volatile Envelope[] envelopes;

  private Dataset(int size, long seed) {
    this.seed = seed;
    this.publicKeys = IdentityCache.publicKeys(seed, size);
    this.peers = new PeerId[size];
    for (int i = 0; i < size; i++) {
      peers[i] = PeerId.fromPublicKey(publicKeys[i]);
    }
  }

  /**
   * The standard dataset: {@value #PEERS} peers from {@link #SEED} (fewer only under
   * {@link #SMOKE_PEERS_PROPERTY}), generated once per JVM.
   */
  public static Dataset standard() {
    Dataset d = standard;
    if (d == null) {
      synchronized (Dataset.class) {
        d = standard;
        if (d == null) {
          d = new Dataset(Integer.getInteger(SMOKE_PEERS_PROPERTY, PEERS), SEED);
          standard = d;
        }
      }
    }
    return d;
  }

  /**
   * A dataset of {@code size} peers from {@code seed} (tests use small ones).
   *
   * @throws IllegalArgumentException if {@code size} is not positive
   */
  public static Dataset generate(int size, long seed) {
    if (size <= 0) {
      throw new IllegalArgumentException("size must be positive: " + size);
    }
    return new Dataset(size, seed);
  }

  /** Number of peers (and of unknown peers). */
  public int size() {
    return peers.length;
  }

  /** The id of peer {@code i} ({@code 0 <= i < size()}). */
  public PeerId peer(int i) {
    return peers[i];
  }

  /** The public key of peer {@code i}. */
  public PubKey publicKey(int i) {
    return publicKeys[i];
  }

  /** The private key of peer {@code i} (all are derived on the first call). */
  public PrivKey key(int i) {
    return keys()[i];
  }

  private PrivKey[] keys() {
    PrivKey[] k = keys;
    if (k == null) {
      synchronized (keysLock) {
        k = keys;
        if (k == null) {
          PrivKey[] made = new PrivKey[peers.length];
          IntStream.range(0, made.length).parallel().forEach(j -> made[j] = Identities.key(seed, j));
          keys = made;
          k = made;
        }
      }
    }
    return k;
  }

  /** Unknown peer {@code i}: a real identity no benchmark ever stores anything for. */
  public PeerId unknownPeer(int i) {
    PeerId[] u = unknown;
    if (u == null) {
      synchronized (unknownLock) {
        u = unknown;
        if (u == null) {
          PubKey[] keys = IdentityCache.publicKeys(~seed, peers.length);
          PeerId[] made = new PeerId[peers.length];
          for (int j = 0; j < made.length; j++) {
            made[j] = PeerId.fromPublicKey(keys[j]);
          }
          unknown = made;
          u = made;
        }
      }
    }
    return u[i];
  }

  /**
   * The first {@code count} addresses of peer {@code i} (an unmodifiable list).
   *
   * @throws IllegalArgumentException if {@code count} is negative
   */
  public List<Multiaddr> addrs(int i, int count) {
    return addrLists(count).get(i);
  }

  /**
   * Every peer's list of {@code count} addresses, indexed by peer (generated on first use).
   *
   * @throws IllegalArgumentException if {@code count} is negative
   */
  public List<List<Multiaddr>> addrLists(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
    return addrLists.computeIfAbsent(count, this::makeAddrLists);
  }

  private List<List<Multiaddr>> makeAddrLists(int count) {
    @SuppressWarnings({"unchecked", "rawtypes"})
    List<Multiaddr>[] lists = new List[peers.length];
    IntStream.range(0, peers.length)
        .parallel()
        .forEach(i -> lists[i] = Addresses.of(seed, i, count));
    return List.copyOf(Arrays.asList(lists));
  }

  /**
   * Peer {@code i}'s signed peer record: sequence 1, its first {@value #RECORD_ADDRS}
   * addresses, sealed with its key (all records are sealed on the first call).
   */
  public Envelope envelope(int i) {
    Envelope[] e = envelopes;
    if (e == null) {
      // Made before taking the lock: the parallel workers below must not need it.
      PrivKey[] k = keys();
      List<List<Multiaddr>> lists = addrLists(RECORD_ADDRS);
      synchronized (envelopesLock) {
        e = envelopes;
        if (e == null) {
          Envelope[] made = new Envelope[peers.length];
          IntStream.range(0, made.length)
              .parallel()
              .forEach(
                  j -> made[j] = Envelope.seal(new PeerRecord(peers[j], 1, lists.get(j)), k[j]));
          envelopes = made;
          e = made;
        }
      }
    }
    return e[i];
  }

  /** The protocols every peer announces (a typical identify set of eight). */
  public static List<String> protocols() {
    return PROTOCOLS;
  }

  /**
   * The protocols a node asks {@code supportsProtocols} about: two announced, two not, so the
   * answer is neither all nor nothing.
   */
  public static List<String> protocolQuery() {
    return PROTOCOL_QUERY;
  }
}
