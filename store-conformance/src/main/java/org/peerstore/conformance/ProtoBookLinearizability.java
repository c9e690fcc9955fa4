package org.peerstore.conformance;

import static org.peerstore.conformance.LincheckPeers.peer;

import java.util.List;
import java.util.Objects;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.junit.jupiter.api.Test;
import org.peerstore.Peerstore;
import org.peerstore.TooManyProtocolsException;

/**
 * Linearizability of the protocol book (add, set, remove, protocols, supports, first
 * supported) under Lincheck, with a limit of {@value #MAX_PROTOCOLS} protocols out of three
 * names so that {@link TooManyProtocolsException} races with the other writers. Used like
 * {@link AddrBookLinearizability}.
 */
@Param(name = "peer", gen = IntGen.class, conf = "0:1")
@Param(name = "proto", gen = IntGen.class, conf = "0:2")
public abstract class ProtoBookLinearizability {

  /** The protocol limit of the test stores. */
  public static final int MAX_PROTOCOLS = 2;

  private static final String[] PROTOS = {"/a/1", "/b/1", "/c/1"};
  /** What a refused change returns, so that refusals are part of the compared results. */
  private static final String REFUSED = "too many protocols";
  private static final String OK = "ok";

  private final Peerstore store;

  /** Takes {@code store} and empties the test peers' books in it. */
  protected ProtoBookLinearizability(Peerstore store) {
    this.store = Objects.requireNonNull(store, "store");
    LincheckPeers.reset(store);
  }

  /** {@code addProtocols} of one protocol. */
  @Operation
  public String addProtocol(@Param(name = "peer") int p, @Param(name = "proto") int a) {
    try {
      store.addProtocols(peer(p), List.of(PROTOS[a]));
      return OK;
    } catch (TooManyProtocolsException e) {
      return REFUSED;
    }
  }

  /** {@code addProtocols} of two protocols. */
  @Operation
  public String addTwo(@Param(name = "peer") int p, @Param(name = "proto") int a) {
    try {
      store.addProtocols(peer(p), List.of(PROTOS[a], PROTOS[(a + 1) % PROTOS.length]));
      return OK;
    } catch (TooManyProtocolsException e) {
      return REFUSED;
    }
  }

  /** {@code setProtocols} of one protocol. */
  @Operation
  public void setProtocol(@Param(name = "peer") int p, @Param(name = "proto") int a) {
    store.setProtocols(peer(p), List.of(PROTOS[a]));
  }

  /** {@code removeProtocols} of one protocol. */
  @Operation
  public void removeProtocol(@Param(name = "peer") int p, @Param(name = "proto") int a) {
    store.removeProtocols(peer(p), List.of(PROTOS[a]));
  }

  /** {@code protocols}, sorted. */
  @Operation
  public List<String> protocols(@Param(name = "peer") int p) {
    return store.protocols(peer(p)).stream().sorted().toList();
  }

  /** {@code supportsProtocols} of all three, in argument order. */
  @Operation
  public List<String> supports(@Param(name = "peer") int p) {
    return store.supportsProtocols(peer(p), List.of(PROTOS));
  }

  /** {@code firstSupportedProtocol} of all three, or "" when none. */
  @Operation
  public String firstSupported(@Param(name = "peer") int p) {
    return store.firstSupportedProtocol(peer(p), List.of(PROTOS)).orElse("");
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
