package org.peerstore.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.peerstore.AddrTtl;
import org.peerstore.InvalidMultiaddrException;
import org.peerstore.InvalidPeerIdException;
import org.peerstore.InvalidRecordException;
import org.peerstore.LimitExceededException;
import org.peerstore.Peerstore;
import org.peerstore.PeerstoreBuilder;
import org.peerstore.crypto.KeyType;
import org.peerstore.crypto.Keys;
import org.peerstore.crypto.PrivKey;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;
import org.peerstore.record.PeerRecord;

/**
 * The hostile-gossip test: a stream of random and near-valid inputs, as a node receives them
 * from any peer of the network, is fed into a store, and the store's footprint must stay
 * bounded: the number of peers and addresses it holds, its heap (and, for a persistent store,
 * its disk) after the inputs stop being new. Every input either is stored or is refused with its
 * documented exception; anything else fails the test.
 *
 * <p>Input kinds (deterministic from a fixed seed): random bytes as an envelope; a valid signed
 * record with one byte flipped; a valid signed record of one of {@value #SIGNERS} peers with a
 * random seq and 1 to 8 random addresses; a record with more addresses than allowed; random
 * bytes as a multiaddr and as a peer id; addresses of a random new peer; an address longer than
 * allowed; a valid record of a brand-new peer (fresh key pair); random protocol names (some
 * oversized) for the signer peers. The clock advances
 * {@value #STEP_MILLIS} ms per input and gossiped addresses get {@link AddrTtl#TEMP} (2 min), so
 * at any moment only the last ~12,000 inputs can be live; garbage is collected every
 * {@value #GC_EVERY} inputs.
 *
 * <p>{@value #DEFAULT_COUNT} inputs by default; {@code -Dpeerstore.gossip.count=1000000} runs
 * the million (see docs/RELIABILITY.md). A store's test extends this class and implements
 * {@link #open}. Not thread-safe (one instance per test).
 */
public abstract class HostileGossip {

  /** Inputs of the default build. */
  public static final int DEFAULT_COUNT = 100_000;
  static final int SIGNERS = 200;
  static final long STEP_MILLIS = 10;
  static final int GC_EVERY = 5_000;
  private static final Duration TTL = AddrTtl.TEMP;

  private final MutableClock clock = new MutableClock(PeerstoreConformanceSuite.START);

  /**
   * A fresh store built with {@code options} (which set the clock, GC off and the bounds of
   * this test) applied to the store's builder.
   */
  protected abstract Peerstore open(Consumer<PeerstoreBuilder<?, ?>> options);

  /**
   * The heap a store may legitimately fill as it sees more distinct peers, by design (a cache
   * budget): the heap bounds below are raised by it. Zero by default.
   */
  protected long cacheBudgetBytes() {
    return 0;
  }

  /** Bytes the store occupies on disk, or -1 if it keeps nothing on disk. */
  protected long diskBytes(Peerstore store) {
    return -1;
  }

  /** How many inputs to gossip. */
  static int count() {
    return Integer.getInteger("peerstore.gossip.count", DEFAULT_COUNT);
  }

  enum Outcome { STORED, IGNORED, INVALID_RECORD, INVALID_MULTIADDR, INVALID_PEER_ID, LIMIT }

  @Test
  void footprintStaysBoundedUnderHostileGossip() {
    int n = count();
    Random random = new Random(0x90551e);
    List<PrivKey> signers = new ArrayList<>(SIGNERS);
    for (int i = 0; i < SIGNERS; i++) {
      signers.add(Keys.generate(KeyType.ED25519));
    }
    long[] seqs = new long[SIGNERS];
    Envelope template = Envelope.seal(new PeerRecord(PeerId.fromPublicKey(
        signers.get(0).publicKey()), 1, List.of(Addrs.addr(1))), signers.get(0));
    Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    try (Peerstore ps = open(b -> b.clock(clock).gcInterval(Duration.ZERO))) {
      long baseline = usedHeap(memory);
      long heapAtHalf = 0;
      long maxPeersWithAddrs = 0;
      for (int i = 1; i <= n; i++) {
        Outcome o = gossip(ps, random, signers, seqs, template);
        outcomes.merge(o, 1L, Long::sum);
        clock.advance(Duration.ofMillis(STEP_MILLIS));
        if (i % GC_EVERY == 0) {
          ps.collectGarbage();
          maxPeersWithAddrs = Math.max(maxPeersWithAddrs, ps.peersWithAddrs().size());
        }
        if (i == n / 2) {
          heapAtHalf = usedHeap(memory);
        }
      }
      ps.collectGarbage();
      long heapAtEnd = usedHeap(memory);
      long disk = diskBytes(ps);
      long live = TTL.toMillis() / STEP_MILLIS;
      System.out.printf("hostile gossip: %d inputs into %s: %s; peers=%d, peersWithAddrs max=%d;"
              + " heap MiB baseline=%d half=%d end=%d; disk MiB=%s%n",
          n, ps.getClass().getSimpleName(), outcomes, ps.peers().size(), maxPeersWithAddrs,
          baseline >> 20, heapAtHalf >> 20, heapAtEnd >> 20,
          disk < 0 ? "-" : Long.toString(disk >> 20));

      // Every kind of input occurred, and the valid ones were stored.
      assertThat(outcomes.keySet()).containsAll(List.of(Outcome.STORED, Outcome.INVALID_RECORD,
          Outcome.INVALID_MULTIADDR, Outcome.INVALID_PEER_ID, Outcome.LIMIT));
      // Held state is bounded by what can be live (one ttl of inputs), not by n.
      assertThat(maxPeersWithAddrs).isLessThanOrEqualTo(live + SIGNERS);
      assertThat((long) ps.peers().size()).isLessThanOrEqualTo(live + SIGNERS);
      // Heap: a generous absolute bound, and no growth worth the name in the second half
      // beyond what a cache may fill by design.
      assertThat(heapAtEnd - baseline).isLessThan((256L << 20) + cacheBudgetBytes());
      assertThat(heapAtEnd - heapAtHalf).isLessThan((64L << 20) + cacheBudgetBytes());
      if (disk >= 0) {
        assertThat(disk).isLessThan(512L << 20);
      }
    }
  }

  /** One hostile input; returns what became of it. */
  private Outcome gossip(Peerstore ps, Random r, List<PrivKey> signers, long[] seqs,
      Envelope template) {
    int kind = r.nextInt(11);
    try {
      switch (kind) {
        case 0 -> {
          byte[] junk = new byte[r.nextInt(300)];
          r.nextBytes(junk);
          ps.consumePeerRecord(Envelope.open(junk), TTL);
        }
        case 1 -> {
          byte[] bytes = template.marshal();
          bytes[r.nextInt(bytes.length)] ^= (byte) (1 + r.nextInt(255));
          ps.consumePeerRecord(Envelope.open(bytes), TTL);
        }
        case 2, 3 -> {
          int s = r.nextInt(SIGNERS);
          PrivKey key = signers.get(s);
          List<Multiaddr> addrs = new ArrayList<>();
          for (int i = 1 + r.nextInt(8); i > 0; i--) {
            addrs.add(randomAddr(r));
          }
          // Mostly newer records, sometimes a replay of an older seq.
          seqs[s] += r.nextInt(4) == 0 ? -1 : 1;
          Envelope e = Envelope.seal(
              new PeerRecord(PeerId.fromPublicKey(key.publicKey()), seqs[s], addrs), key);
          return ps.consumePeerRecord(e, TTL) ? Outcome.STORED : Outcome.IGNORED;
        }
        case 4 -> {
          PrivKey key = signers.get(r.nextInt(SIGNERS));
          List<Multiaddr> many = new ArrayList<>();
          for (int i = 0; i < 200; i++) {
            many.add(randomAddr(r));
          }
          ps.consumePeerRecord(Envelope.seal(
              new PeerRecord(PeerId.fromPublicKey(key.publicKey()), 1, many), key), TTL);
        }
        case 5 -> {
          byte[] junk = new byte[r.nextInt(64)];
          r.nextBytes(junk);
          ps.addAddr(newPeer(r), Multiaddr.fromBytes(junk), TTL);
        }
        case 6 -> {
          byte[] junk = new byte[1 + r.nextInt(64)];
          r.nextBytes(junk);
          ps.addAddr(PeerId.fromBytes(junk), randomAddr(r), TTL);
        }
        case 7 -> {
          List<Multiaddr> addrs = List.of(randomAddr(r), randomAddr(r), randomAddr(r));
          ps.addAddrs(newPeer(r), addrs, TTL);
        }
        case 8 -> {
          StringBuilder sb = new StringBuilder("/ip4/1.2.3.4");
          for (int i = 0; i < 400; i++) {
            sb.append("/tcp/").append(r.nextInt(65536));
          }
          ps.addAddr(newPeer(r), Multiaddr.fromString(sb.toString()), TTL);
        }
        case 9 -> {
          // A record of a brand-new peer: cheap for an attacker (one key pair), and the store
          // has no record of it to compare seqs with.
          PrivKey fresh = Keys.generate(KeyType.ED25519);
          Envelope e = Envelope.seal(new PeerRecord(PeerId.fromPublicKey(fresh.publicKey()),
              1, List.of(randomAddr(r), randomAddr(r))), fresh);
          return ps.consumePeerRecord(e, TTL) ? Outcome.STORED : Outcome.IGNORED;
        }
        default -> {
          PeerId p = PeerId.fromPublicKey(signers.get(r.nextInt(SIGNERS)).publicKey());
          int len = r.nextInt(4) == 0 ? 2000 : 1 + r.nextInt(40);
          String word = Long.toString(r.nextLong() & Long.MAX_VALUE, 36);
          String proto = "/" + word.repeat(len / 12 + 1);
          try {
            ps.addProtocols(p, List.of(proto));
          } catch (LimitExceededException full) {
            // The per-peer count is full: the peer churns its protocols, as identify does.
            if (proto.length() > 1024) {
              throw full;
            }
            ps.setProtocols(p, List.of(proto));
          }
        }
      }
      return Outcome.STORED;
    } catch (InvalidRecordException e) {
      return Outcome.INVALID_RECORD;
    } catch (InvalidMultiaddrException e) {
      return Outcome.INVALID_MULTIADDR;
    } catch (InvalidPeerIdException e) {
      return Outcome.INVALID_PEER_ID;
    } catch (LimitExceededException e) {
      return Outcome.LIMIT;
    }
  }

  /** A random identity peer id (an Ed25519 public key needs no key pair: any 32 bytes do). */
  private static PeerId newPeer(Random r) {
    byte[] id = new byte[38];
    id[0] = 0x00; // identity multihash
    id[1] = 36;
    id[2] = 0x08;
    id[3] = 0x01; // KeyType Ed25519
    id[4] = 0x12;
    id[5] = 32;
    byte[] key = new byte[32];
    r.nextBytes(key);
    System.arraycopy(key, 0, id, 6, 32);
    return PeerId.fromBytes(id);
  }

  private static Multiaddr randomAddr(Random r) {
    return Multiaddr.fromString("/ip4/" + r.nextInt(256) + "." + r.nextInt(256) + "."
        + r.nextInt(256) + "." + r.nextInt(256) + "/tcp/" + r.nextInt(65536));
  }

  private static long usedHeap(MemoryMXBean memory) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
