package org.peerstore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

class AddrNormalizerTest {
  private static final PeerId P = PeerId.fromString("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N");
  private static final PeerId Q =
      PeerId.fromString("12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA");

  private static Multiaddr ma(String s) {
    return Multiaddr.fromString(s);
  }

  @Test
  void stripsTheOwnPeerIdAndSkipsOthers() {
    List<Multiaddr> out = AddrNormalizer.normalize(P, List.of(
        ma("/ip4/1.2.3.4/tcp/1/p2p/" + P),
        ma("/ip4/1.2.3.4/tcp/2/p2p/" + Q),
        ma("/ip4/1.2.3.4/tcp/3")));
    assertThat(out).containsExactly(ma("/ip4/1.2.3.4/tcp/1"), ma("/ip4/1.2.3.4/tcp/3"));
  }

  @Test
  void skipsABarePeerId() {
    assertThat(AddrNormalizer.normalize(P, List.of(ma("/p2p/" + P)))).isEmpty();
    assertThat(AddrNormalizer.normalize(P, ma("/p2p/" + P))).isNull();
  }

  @Test
  void keepsAPeerIdInTheMiddle() {
    Multiaddr relayed = ma("/ip4/1.2.3.4/tcp/1/p2p/" + Q + "/p2p-circuit");
    assertThat(AddrNormalizer.normalize(P, List.of(relayed))).containsExactly(relayed);
    Multiaddr relayedWithTarget = relayed.encapsulate(ma("/p2p/" + P));
    assertThat(AddrNormalizer.normalize(P, List.of(relayedWithTarget))).containsExactly(relayed);
  }

  @Test
  void deduplicatesKeepingTheFirstPosition() {
    List<Multiaddr> out = AddrNormalizer.normalize(P, List.of(
        ma("/ip4/1.2.3.4/tcp/2"),
        ma("/ip4/1.2.3.4/tcp/1"),
        ma("/ip4/1.2.3.4/tcp/2/p2p/" + P),
        ma("/ip4/1.2.3.4/tcp/1")));
    assertThat(out).containsExactly(ma("/ip4/1.2.3.4/tcp/2"), ma("/ip4/1.2.3.4/tcp/1"));
  }

  @Test
  void deduplicatesLargeInputs() {
    Multiaddr[] many = new Multiaddr[40];
    for (int i = 0; i < many.length; i++) {
      many[i] = ma("/ip4/1.2.3.4/tcp/" + (i % 10));
    }
    assertThat(AddrNormalizer.normalize(P, Arrays.asList(many))).hasSize(10)
        .startsWith(ma("/ip4/1.2.3.4/tcp/0"));
  }

  @Test
  void nullElementsAreRejected() {
    assertThatThrownBy(() -> AddrNormalizer.normalize(P, Arrays.asList(ma("/ip4/1.2.3.4"), null)))
        .isInstanceOf(NullPointerException.class);
  }
}
