package org.peerstore.conformance;

import static org.peerstore.conformance.LincheckPeers.ADDRS;
import static org.peerstore.conformance.LincheckPeers.RECORDS;
import static org.peerstore.conformance.LincheckPeers.TTLS;
import static org.peerstore.conformance.LincheckPeers.peer;

import java.util.List;
import java.util.Objects;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.junit.jupiter.api.Test;
import org.peerstore.Peerstore;
import org.peerstore.multiaddr.Multiaddr;

/**
 * Linearizability of the address book and the certified address book (add, set, update, addrs,
 * clear, consumePeerRecord, peerRecord) under Lincheck. A store's test extends this class with
 * a public no-argument constructor that passes a store configured by
 * {@link Linearizability#configure}; the {@code @Test}s here run Lincheck on it. Each Lincheck
 * invocation makes a new instance, whose constructor first empties the two peers' books.
 *
 * <p>Results are made order-independent where the contract has no order ({@code addrs} is
 * compared as a sorted list of texts); everything else is the value the store returned.
 */
@Param(name = "peer", gen = IntGen.class, conf = "0:1")
@Param(name = "addr", gen = IntGen.class, conf = "0:2")
@Param(name = "ttl", gen = IntGen.class, conf = "0:3")
@Param(name = "rec", gen = IntGen.class, conf = "0:2")
public abstract class AddrBookLinearizability {

  private final Peerstore store;

  /** Takes {@code store} and empties the test peers' books in it. */
  protected AddrBookLinearizability(Peerstore store) {
    this.store = Objects.requireNonNull(store, "store");
    LincheckPeers.reset(store);
  }

  /** {@code addAddr}. */
  @Operation
  public void addAddr(@Param(name = "peer") int p, @Param(name = "addr") int a,
      @Param(name = "ttl") int t) {
    store.addAddr(peer(p), ADDRS[a], TTLS[t]);
  }

  /** {@code setAddr}. */
  @Operation
  public void setAddr(@Param(name = "peer") int p, @Param(name = "addr") int a,
      @Param(name = "ttl") int t) {
    store.setAddr(peer(p), ADDRS[a], TTLS[t]);
  }

  /** {@code addAddrs} of two addresses at once. */
  @Operation
  public void addTwo(@Param(name = "peer") int p, @Param(name = "addr") int a,
      @Param(name = "ttl") int t) {
    store.addAddrs(peer(p), List.of(ADDRS[a], ADDRS[(a + 1) % ADDRS.length]), TTLS[t]);
  }

  /** {@code updateAddrs}. */
  @Operation
  public void updateAddrs(@Param(name = "peer") int p, @Param(name = "ttl") int oldTtl,
      @Param(name = "ttl") int newTtl) {
    store.updateAddrs(peer(p), TTLS[oldTtl], TTLS[newTtl]);
  }

  /** {@code clearAddrs}. */
  @Operation
  public void clearAddrs(@Param(name = "peer") int p) {
    store.clearAddrs(peer(p));
  }

  /** {@code consumePeerRecord} of one of the peer's pre-signed records, at one hour. */
  @Operation
  public boolean consumePeerRecord(@Param(name = "peer") int p, @Param(name = "rec") int r) {
    return store.consumePeerRecord(RECORDS[p][r], TTLS[1]);
  }

  /** {@code addrs}, sorted. */
  @Operation
  public List<String> addrs(@Param(name = "peer") int p) {
    return store.addrs(peer(p)).stream().map(Multiaddr::toString).sorted().toList();
  }

  /** The seq of {@code peerRecord}, or -1 when none is visible. */
  @Operation
  public long peerRecordSeq(@Param(name = "peer") int p) {
    return store.peerRecord(peer(p)).map(e -> e.peerRecord().seq()).orElse(-1L);
  }

  /** Random concurrent scenarios, checked for linearizability. */
  @Test
  void linearizableUnderStress() {
    Linearizability.stress(getClass());
  }

  /** Scenarios under the model checker, checked for linearizability. */
  @Test
  void linearizableUnderModelChecking() {
    Linearizability.modelChecking(
        getClass(), true, modelCheckingScenarios(), modelCheckingInvocations());
  }

  /**
   * How many scenarios the model checker explores in the default build (20 times as many in
   * the long mode); a store whose operations are costly under the model checker lowers it.
   */
  protected int modelCheckingScenarios() {
    return 4;
  }

  /** How many interleavings the model checker explores per scenario. */
  protected int modelCheckingInvocations() {
    return 60;
  }
}
