package org.peerstore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.peerstore.PeerstoreException;
import org.peerstore.crypto.KeyType;
import org.peerstore.crypto.Keys;
import org.peerstore.crypto.PrivKey;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;
import org.peerstore.record.PeerRecord;

class RecordRulesTest {
  private static final long HOUR = 3_600_000_000_000L;
  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final Limits NO_CAP = Limits.unlimited(128);

  private static Multiaddr ma(int port) {
    return Multiaddr.fromString("/ip4/1.2.3.4/tcp/" + port);
  }

  @Test
  void seqIsComparedUnsigned() {
    assertThat(RecordRules.accepts(1, 2)).isTrue();
    assertThat(RecordRules.accepts(2, 2)).isTrue();
    assertThat(RecordRules.accepts(3, 2)).isFalse();
    // 2^64-1 is the highest seq, not -1.
    assertThat(RecordRules.accepts(-1L, 5)).isFalse();
    assertThat(RecordRules.accepts(5, -1L)).isTrue();
    assertThat(RecordRules.accepts(Long.MAX_VALUE, Long.MIN_VALUE)).isTrue();
  }

  @Test
  void recordCapIsChecked() {
    Limits two = new Limits(0, 0, 2, 128);
    RecordRules.checkRecordRoom(two, 1);
    assertThatThrownBy(() -> RecordRules.checkRecordRoom(two, 2))
        .isInstanceOf(PeerstoreException.class)
        .hasMessage("too many signed peer records");
    RecordRules.checkRecordRoom(NO_CAP, Long.MAX_VALUE);
  }

  @Test
  void visibilityFollowsLiveAddresses() {
    AddrState s = new AddrState();
    assertThat(RecordRules.visible(true, s, T0)).isFalse();
    s.add(List.of(ma(1)), HOUR, T0, NO_CAP);
    assertThat(RecordRules.visible(true, s, T0)).isTrue();
    assertThat(RecordRules.visible(false, s, T0)).isFalse();
    assertThat(RecordRules.visible(true, s, T0 + HOUR)).isFalse();
    assertThat(RecordRules.visible(true, s.view(), T0 + HOUR - 1)).isTrue();
  }

  @Test
  void checkAcceptsARecordOfTheSigner() {
    PrivKey key = Keys.generate(KeyType.ED25519);
    PeerId id = PeerId.fromPublicKey(key.publicKey());
    Envelope e = Envelope.seal(new PeerRecord(id, 1, List.of(ma(1))), key);
    assertThat(RecordRules.check(e).peerId()).isEqualTo(id);
  }

  @Test
  void staleAddressesAreThePreviousUnconnectedOnesMissingNow() {
    PeerId id = PeerId.fromString("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N");
    AddrState s = new AddrState();
    s.add(List.of(ma(1), ma(2), ma(5)), HOUR, T0, NO_CAP);
    s.add(List.of(ma(3)), Ttl.CONNECTED, T0, NO_CAP);
    PeerRecord previous = new PeerRecord(id, 1, List.of(ma(1), ma(2), ma(3), ma(4)));
    assertThat(RecordRules.staleAddrs(previous, List.of(ma(1)), s)).containsExactly(ma(2));
    assertThat(RecordRules.staleAddrs(null, List.of(ma(1)), s)).isEmpty();
  }

  @Test
  void applyReplacesTheRecordAddresses() {
    PeerId id = PeerId.fromString("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N");
    AddrState s = new AddrState();
    PeerRecord first = new PeerRecord(id, 1, List.of(ma(1), ma(2)));
    AddrChange c1 = RecordRules.apply(s, null, List.of(ma(1), ma(2)), HOUR, T0, NO_CAP,
        Long.MAX_VALUE);
    assertThat(c1.inserted()).containsExactly(ma(1), ma(2));
    s.add(List.of(ma(9)), HOUR, T0, NO_CAP);
    AddrChange c2 = RecordRules.apply(s, first, List.of(ma(2), ma(3)), 2 * HOUR, T0,
        NO_CAP, Long.MAX_VALUE);
    assertThat(c2.inserted()).containsExactly(ma(3));
    assertThat(c2.removed()).containsExactly(ma(1));
    assertThat(s.entries()).containsExactly(
        new AddrEntry(ma(2), 2 * HOUR, T0 + 2 * HOUR),
        new AddrEntry(ma(9), HOUR, T0 + HOUR),
        new AddrEntry(ma(3), 2 * HOUR, T0 + 2 * HOUR));
  }
}
