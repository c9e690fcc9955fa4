package org.peerstore.conformance;

import static org.peerstore.conformance.LincheckPeers.peer;

import java.util.List;
import java.util.Objects;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;
import org.peerstore.Peerstore;
import org.peerstore.TagInfo;
import org.peerstore.peer.PeerId;

/**
 * Linearizability of the tag book (docs/CONTRACT.md §15) under Lincheck: tags, upserts,
 * untags, protections of two peers with two names, racing with {@code tagInfo},
 * {@code isProtected} and {@code trimCandidates} (whose index is updated on each write). The
 * clock is fixed, so nothing expires or decays and results depend on order only. Used like
 * {@link BanBookLinearizability}.
 */
@Param(name = "peer", gen = IntGen.class, conf = "0:1")
@Param(name = "tag", gen = IntGen.class, conf = "0:1")
@Param(name = "value", gen = IntGen.class, conf = "-2:2")
public abstract class TagBookLinearizability {

  private static final String[] TAGS = {"a", "b"};

  private final Peerstore store;

  /** Takes {@code store} and removes every tag and protection the operations can make. */
  protected TagBookLinearizability(Peerstore store) {
    this.store = Objects.requireNonNull(store, "store");
    reset(store);
  }

  /** Removes the tags and protections used here (for a store shared between invocations). */
  static void reset(Peerstore store) {
    for (TestPeer p : LincheckPeers.PEERS) {
      for (String t : TAGS) {
        store.untagPeer(p.id(), t);
        store.unprotect(p.id(), t);
      }
    }
  }

  /** Sets a tag. */
  @Operation
  public void tagPeer(@Param(name = "peer") int p, @Param(name = "tag") int t,
      @Param(name = "value") int v) {
    store.tagPeer(peer(p), TAGS[t], v);
  }

  /** Adds to a tag. */
  @Operation
  public int upsertTag(@Param(name = "peer") int p, @Param(name = "tag") int t,
      @Param(name = "value") int v) {
    return store.upsertTag(peer(p), TAGS[t], x -> x + v);
  }

  /** Removes a tag. */
  @Operation
  public boolean untagPeer(@Param(name = "peer") int p, @Param(name = "tag") int t) {
    return store.untagPeer(peer(p), TAGS[t]);
  }

  /** Protects a peer. */
  @Operation
  public void protect(@Param(name = "peer") int p, @Param(name = "tag") int t) {
    store.protect(peer(p), TAGS[t]);
  }

  /** Lifts a protection. */
  @Operation
  public boolean unprotect(@Param(name = "peer") int p, @Param(name = "tag") int t) {
    return store.unprotect(peer(p), TAGS[t]);
  }

  /** Whether any tag protects a peer. */
  @Operation
  public boolean isProtected(@Param(name = "peer") int p) {
    return store.isProtected(peer(p));
  }

  /** A peer's total, tags and protections (first seen left out: it differs between runs). */
  @Operation
  public String tagInfo(@Param(name = "peer") int p) {
    return store.tagInfo(peer(p))
        .map(i -> i.value() + " " + i.tags() + " " + i.protections()).orElse("none");
  }

  /** The trim order, peers named by index. */
  @Operation
  public List<Integer> trimCandidates() {
    return store.trimCandidates(2).stream().map(TagBookLinearizability::index).toList();
  }

  private static int index(PeerId id) {
    return id.equals(peer(0)) ? 0 : 1;
  }

  /** Random concurrent scenarios, checked for linearizability. */
  @Test
  void linearizableUnderStress() {
    Linearizability.stress(getClass());
  }

  /** Scenarios under the model checker, checked for linearizability. */
  @Test
  void linearizableUnderModelChecking() {
    BanBookLinearizability.modelChecking(getClass(), modelCheckingScenarios(),
        modelCheckingInvocations());
  }

  /** How many scenarios the model checker explores. */
  protected int modelCheckingScenarios() {
    return 4;
  }

  /** How many interleavings the model checker explores per scenario. */
  protected int modelCheckingInvocations() {
    return 60;
  }
}
