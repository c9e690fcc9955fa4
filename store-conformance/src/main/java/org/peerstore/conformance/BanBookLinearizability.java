package org.peerstore.conformance;

import static org.peerstore.conformance.LincheckPeers.peer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;
import org.peerstore.Ban;
import org.peerstore.BanBook;
import org.peerstore.BanTarget;
import org.peerstore.Peerstore;
import org.peerstore.Subnet;
import org.peerstore.multiaddr.Multiaddr;

/**
 * Linearizability of the ban book (docs/CONTRACT.md §14) under Lincheck: bans and unbans of two
 * peers, one address and two overlapping subnets, racing with every check and with
 * {@code bans()}. The clock is fixed, so nothing expires and results depend on order only.
 * Used like {@link ProtoBookLinearizability}.
 */
@Param(name = "peer", gen = IntGen.class, conf = "0:1")
@Param(name = "net", gen = IntGen.class, conf = "0:1")
@Param(name = "probe", gen = IntGen.class, conf = "0:2")
@Param(name = "duration", gen = IntGen.class, conf = "0:1")
public abstract class BanBookLinearizability {

  private static final Subnet[] NETS = {Subnet.parse("10.0.0.0/8"), Subnet.parse("10.1.0.0/16")};
  private static final InetAddress BANNED_IP = address("10.1.2.3");
  /** Addresses checked: in both subnets and the banned one, in the /8 only, in neither. */
  private static final InetAddress[] PROBES = {BANNED_IP, address("10.2.0.1"),
      address("192.0.2.1")};
  private static final Multiaddr[] PROBE_ADDRS = {Multiaddr.fromString("/ip4/10.1.2.3/tcp/1"),
      Multiaddr.fromString("/ip4/10.2.0.1/tcp/1"), Multiaddr.fromString("/dns4/a.example/tcp/1")};
  private static final Duration[] DURATIONS = {Duration.ofHours(1), BanBook.PERMANENT};

  private final Peerstore store;

  /** Takes {@code store} and lifts every ban the operations can make in it. */
  protected BanBookLinearizability(Peerstore store) {
    this.store = Objects.requireNonNull(store, "store");
    reset(store);
  }

  /** Lifts every ban of the targets used here (for a store shared between invocations). */
  static void reset(Peerstore store) {
    for (TestPeer p : LincheckPeers.PEERS) {
      store.unbanPeer(p.id());
    }
    for (Subnet s : NETS) {
      store.unbanSubnet(s);
    }
    store.unbanIp(BANNED_IP);
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /** Bans a peer; returns whether the ban is permanent. */
  @Operation
  public boolean banPeer(@Param(name = "peer") int p, @Param(name = "duration") int d) {
    return store.banPeer(peer(p), "r" + d, DURATIONS[d]).isPermanent();
  }

  /** Lifts a peer's ban. */
  @Operation
  public boolean unbanPeer(@Param(name = "peer") int p) {
    return store.unbanPeer(peer(p));
  }

  /** Checks a peer. */
  @Operation
  public boolean isBannedPeer(@Param(name = "peer") int p) {
    return store.isBanned(peer(p));
  }

  /** Bans one of the two overlapping subnets. */
  @Operation
  public void banNet(@Param(name = "net") int n, @Param(name = "duration") int d) {
    store.banSubnet(NETS[n], "net" + d, DURATIONS[d]);
  }

  /** Lifts one subnet's ban. */
  @Operation
  public boolean unbanNet(@Param(name = "net") int n) {
    return store.unbanSubnet(NETS[n]);
  }

  /** Bans the one address. */
  @Operation
  public void banIp() {
    store.banIp(BANNED_IP, "ip", DURATIONS[0]);
  }

  /** Lifts the address's ban. */
  @Operation
  public boolean unbanIp() {
    return store.unbanIp(BANNED_IP);
  }

  /** Checks an address. */
  @Operation
  public boolean isBannedIp(@Param(name = "probe") int i) {
    return store.isBanned(PROBES[i]);
  }

  /** Checks a multiaddr. */
  @Operation
  public boolean isBannedAddr(@Param(name = "probe") int i) {
    return store.isBanned(PROBE_ADDRS[i]);
  }

  /** Every ban in force, as target text and reason, in the documented order. */
  @Operation
  public List<String> bans() {
    return store.bans().stream().map(BanBookLinearizability::text).toList();
  }

  private static String text(Ban b) {
    BanTarget t = b.target();
    // Peer ids are random per run; name them by index so results compare across runs.
    String target = t instanceof BanTarget.PeerTarget pt
        ? "peer" + (pt.peer().equals(peer(0)) ? 0 : 1) : t.toString();
    return target + ":" + b.reason();
  }

  /** Random concurrent scenarios, checked for linearizability. */
  @Test
  void linearizableUnderStress() {
    Linearizability.stress(getClass());
  }

  /** Scenarios under the model checker, checked for linearizability. */
  @Test
  void linearizableUnderModelChecking() {
    modelChecking(getClass(), modelCheckingScenarios(), modelCheckingInvocations());
  }

  /**
   * {@link Linearizability#modelChecking} for a ban book test class: a ban walks and copies a
   * trie path of up to 33 nodes, recursively, deeper than the model checker's default
   * recursion bound (20), which it would report as a hang, so the bounds are raised.
   *
   * @param scenarios scenarios (times 20 in the long mode)
   * @param invocations interleavings explored per scenario
   */
  public static void modelChecking(Class<?> testClass, int scenarios, int invocations) {
    ModelCheckingOptions o = new ModelCheckingOptions()
        .minimizeFailedScenario(false)
        .iterations(scenarios * (Linearizability.longMode() ? 20 : 1))
        .invocationsPerIteration(invocations)
        .threads(2)
        .actorsPerThread(3)
        .actorsBefore(2)
        .actorsAfter(1)
        .recursionBound(TRIE_DEPTH_BOUND)
        .loopBound(TRIE_DEPTH_BOUND);
    o.invocationTimeout$lincheck(Linearizability.INVOCATION_TIMEOUT_MS);
    o.check(testClass);
  }

  /** Above the deepest IPv4 trie path (33 nodes), with room for the JDK's own loops. */
  private static final int TRIE_DEPTH_BOUND = 100;

  /** How many scenarios the model checker explores (see {@link ProtoBookLinearizability}). */
  protected int modelCheckingScenarios() {
    return 4;
  }

  /** How many interleavings the model checker explores per scenario. */
  protected int modelCheckingInvocations() {
    return 60;
  }
}
