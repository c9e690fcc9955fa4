package org.peerstore.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.peerstore.Peerstore;
import org.peerstore.PeerstoreBuilder;
import org.peerstore.TooManyProtocolsException;
import org.peerstore.peer.PeerId;

/** Protocol book (docs/CONTRACT.md §6): add, set, remove, queries in argument order, the limit. */
abstract class ProtoBookContract extends ContractBase {

  ProtoBookContract(PeerstoreConformanceSuite suite) {
    super(suite);
  }

  private static PeerId newPeer() {
    return TestPeer.generate().id();
  }

  /** {@code n} distinct protocol names starting at {@code from}. */
  private static List<String> protos(int from, int n) {
    List<String> out = new ArrayList<>(n);
    for (int i = from; i < from + n; i++) {
      out.add("/proto/" + i);
    }
    return out;
  }

  @Test
  void addedProtocolsAreReturned() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addProtocols(p, List.of("a", "b", "c", "d"));
    assertThat(ps.protocols(p)).containsExactlyInAnyOrder("a", "b", "c", "d");
  }

  @Test
  void addAddsToTheExistingSet() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addProtocols(p, List.of("a", "b"));
    ps.addProtocols(p, List.of("b", "c"));
    assertThat(ps.protocols(p)).containsExactlyInAnyOrder("a", "b", "c");
  }

  @Test
  void setReplacesTheSet() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addProtocols(p, List.of("a", "b"));
    ps.setProtocols(p, List.of("other", "yet another", "one more"));
    assertThat(ps.protocols(p)).containsExactlyInAnyOrder("other", "yet another", "one more");
    ps.setProtocols(p, List.of());
    assertThat(ps.protocols(p)).isEmpty();
  }

  @Test
  void removeRemovesOnlyTheListedProtocols() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.setProtocols(p, List.of("a", "b", "c"));
    ps.removeProtocols(p, List.of("a", "b", "not there"));
    assertThat(ps.protocols(p)).containsExactly("c");
  }

  @Test
  void unknownPeerHasNoProtocols() {
    Peerstore ps = open();
    PeerId p = newPeer();
    assertThat(ps.protocols(p)).isNotNull().isEmpty();
    assertThat(ps.supportsProtocols(p, List.of("a", "b"))).isNotNull().isEmpty();
    assertThat(ps.firstSupportedProtocol(p, List.of("a"))).isEmpty();
  }

  @Test
  void removingProtocolsOfAnUnknownPeerStoresNothing() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.removeProtocols(p, List.of("a"));
    assertThat(ps.protocols(p)).isEmpty();
    assertThat(ps.peers()).isEmpty();
  }

  @Test
  void supportsProtocolsKeepsTheArgumentOrder() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addProtocols(p, List.of("a", "b", "c", "d"));
    assertThat(ps.supportsProtocols(p, List.of("q", "w", "a", "y", "b"))).containsExactly("a", "b");
    assertThat(ps.supportsProtocols(p, List.of("d", "x", "c", "b"))).containsExactly("d", "c", "b");
    assertThat(ps.supportsProtocols(p, List.of("q", "x"))).isEmpty();
  }

  @Test
  void firstSupportedProtocolFollowsTheArgumentOrder() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.addProtocols(p, List.of("a", "b", "c", "d"));
    assertThat(ps.firstSupportedProtocol(p, List.of("q", "w", "b", "y", "a"))).contains("b");
    assertThat(ps.firstSupportedProtocol(p, List.of("a"))).contains("a");
    assertThat(ps.firstSupportedProtocol(p, List.of("q", "x", "z"))).isEmpty();
    assertThat(ps.firstSupportedProtocol(p, List.of())).isEmpty();
  }

  @Test
  void setBeyondTheLimitThrowsAndChangesNothing() {
    Peerstore ps = open(b -> b.maxProtocols(10));
    PeerId p = newPeer();
    ps.setProtocols(p, protos(0, 10));
    List<String> eleven = new ArrayList<>(protos(100, 10));
    eleven.add("proto");
    assertThatThrownBy(() -> ps.setProtocols(p, eleven))
        .isInstanceOf(TooManyProtocolsException.class)
        .hasMessage("too many protocols");
    assertThat(ps.protocols(p)).containsExactlyInAnyOrderElementsOf(protos(0, 10));
  }

  @Test
  void addBeyondTheLimitThrowsAndChangesNothing() {
    Peerstore ps = open(b -> b.maxProtocols(10));
    PeerId p = newPeer();
    ps.setProtocols(p, protos(0, 5));
    ps.addProtocols(p, protos(5, 4));
    assertThatThrownBy(() -> ps.addProtocols(p, List.of("x", "y")))
        .isInstanceOf(TooManyProtocolsException.class)
        .hasMessage("too many protocols");
    assertThat(ps.protocols(p)).containsExactlyInAnyOrderElementsOf(protos(0, 9));
    ps.addProtocols(p, List.of("x"));
    assertThatThrownBy(() -> ps.addProtocols(p, List.of("proto")))
        .isInstanceOf(TooManyProtocolsException.class)
        .hasMessage("too many protocols");
    assertThat(ps.protocols(p)).hasSize(10).contains("x").doesNotContain("proto");
  }

  @Test
  void reAddingKnownProtocolsAtTheLimitNeverFails() {
    Peerstore ps = open(b -> b.maxProtocols(10));
    PeerId p = newPeer();
    ps.setProtocols(p, protos(0, 10));
    ps.addProtocols(p, protos(0, 10));
    ps.addProtocols(p, List.of("/proto/3", "/proto/3"));
    ps.setProtocols(p, protos(0, 10));
    assertThat(ps.protocols(p)).containsExactlyInAnyOrderElementsOf(protos(0, 10));
  }

  @Test
  void duplicatesCountOnceTowardTheLimit() {
    Peerstore ps = open(b -> b.maxProtocols(3));
    PeerId p = newPeer();
    ps.setProtocols(p, List.of("a", "b", "a", "c", "b"));
    assertThat(ps.protocols(p)).containsExactlyInAnyOrder("a", "b", "c");
    ps.setProtocols(p, List.of("a"));
    ps.addProtocols(p, List.of("b", "b", "c", "a"));
    assertThat(ps.protocols(p)).containsExactlyInAnyOrder("a", "b", "c");
  }

  @Test
  void defaultLimitIs128() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.setProtocols(p, protos(0, 128));
    assertThatThrownBy(() -> ps.addProtocols(p, List.of("one too many")))
        .isInstanceOf(TooManyProtocolsException.class)
        .hasMessage("too many protocols");
    assertThat(ps.protocols(p)).hasSize(PeerstoreBuilder.DEFAULT_MAX_PROTOCOLS);
  }

  @Test
  void limitIsPerPeer() {
    Peerstore ps = open(b -> b.maxProtocols(2));
    PeerId p = newPeer();
    PeerId q = newPeer();
    ps.setProtocols(p, List.of("a", "b"));
    ps.setProtocols(q, List.of("c", "d"));
    assertThat(ps.protocols(p)).containsExactlyInAnyOrder("a", "b");
    assertThat(ps.protocols(q)).containsExactlyInAnyOrder("c", "d");
  }

  @Test
  void protocolsBelongToTheirPeer() {
    Peerstore ps = open();
    PeerId p = newPeer();
    PeerId q = newPeer();
    ps.setProtocols(p, List.of("a", "b"));
    ps.setProtocols(q, List.of("b", "c"));
    ps.removeProtocols(q, List.of("b"));
    assertThat(ps.protocols(p)).isEqualTo(Set.of("a", "b"));
    assertThat(ps.protocols(q)).isEqualTo(Set.of("c"));
    assertThat(ps.supportsProtocols(q, List.of("a", "b", "c"))).containsExactly("c");
  }
}
