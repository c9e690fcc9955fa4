package org.peerstore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.peerstore.peer.PeerId;

class PeerOrderTest {

  /** The order as documented: shorter multihash first, equal lengths by unsigned bytes. */
  private static int reference(PeerId a, PeerId b) {
    byte[] x = a.toBytes();
    byte[] y = b.toBytes();
    if (x.length != y.length) {
      return Integer.compare(x.length, y.length);
    }
    return Arrays.compareUnsigned(x, y);
  }

  @Test
  void shorterIdsComeFirstThenUnsignedBytes() {
    Random random = new Random(16);
    List<PeerId> peers = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      peers.add(i % 3 == 0 ? TestPeerIds.sha256(random)
          : TestPeerIds.identity(random, 30 + random.nextInt(13)));
    }
    peers.add(peers.get(7));
    for (PeerId a : peers) {
      for (PeerId b : peers) {
        assertThat(Integer.signum(PeerOrder.compare(a, b)))
            .as("%s vs %s", a, b)
            .isEqualTo(Integer.signum(reference(a, b)));
        assertThat(PeerOrder.compare(a, b) == 0).isEqualTo(a.equals(b));
      }
    }
  }

  @Test
  void aLongerIdWithSmallerBytesStillSortsAfter() {
    byte[] shortId = new byte[34];
    Arrays.fill(shortId, (byte) 0xff);
    shortId[0] = 0x12;
    shortId[1] = 0x20;
    byte[] longId = new byte[40];
    longId[0] = 0x00;
    longId[1] = 38;
    PeerId s = PeerId.fromBytes(shortId);
    PeerId l = PeerId.fromBytes(longId);
    assertThat(l.compareTo(s)).isNegative();
    assertThat(PeerOrder.compare(s, l)).isNegative();
    assertThat(PeerOrder.compare(l, s)).isPositive();
    assertThat(s.byteLength()).isEqualTo(s.toBytes().length).isEqualTo(34);
  }
}
