package org.peerstore.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.peerstore.Peerstore;
import org.peerstore.peer.PeerId;

/**
 * Latency metrics (docs/CONTRACT.md §8): the first sample is stored as is, then
 * {@code new = 0.9 * old + 0.1 * sample} in nanoseconds. Expected values are computed here from
 * that formula; an implementation may round the nanosecond value either way, so results are
 * compared within one nanosecond.
 */
abstract class MetricsContract extends ContractBase {

  MetricsContract(PeerstoreConformanceSuite suite) {
    super(suite);
  }

  private static PeerId newPeer() {
    return TestPeer.generate().id();
  }

  private static void assertLatency(Duration actual, double expectedNanos) {
    assertThat((double) actual.toNanos()).isCloseTo(expectedNanos, Offset.offset(1.0));
  }

  @Test
  void unknownPeerHasZeroLatency() {
    Peerstore ps = open();
    assertThat(ps.latencyEwma(newPeer())).isEqualTo(Duration.ZERO);
  }

  @Test
  void firstSampleIsStoredAsIs() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.recordLatency(p, Duration.ofNanos(123_456_789));
    assertThat(ps.latencyEwma(p)).isEqualTo(Duration.ofNanos(123_456_789));
  }

  @Test
  void laterSamplesAreSmoothedWithFactorOneTenth() {
    Peerstore ps = open();
    PeerId p = newPeer();
    long[] samplesMillis = {100, 200, 50, 1000, 0, 300};
    double expected = 0;
    for (int i = 0; i < samplesMillis.length; i++) {
      double sample = samplesMillis[i] * 1_000_000.0;
      expected = i == 0 ? sample : 0.9 * expected + 0.1 * sample;
      ps.recordLatency(p, Duration.ofMillis(samplesMillis[i]));
      assertLatency(ps.latencyEwma(p), expected);
    }
    // Worked by hand: 100, 110, 104, 193.6, 174.24, 186.816 ms.
    assertLatency(ps.latencyEwma(p), 186_816_000.0);
  }

  @Test
  void smoothingWorksOnNanosecondValues() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.recordLatency(p, Duration.ofNanos(1_000));
    ps.recordLatency(p, Duration.ofNanos(2_000));
    // 0.9 * 1000 + 0.1 * 2000
    assertLatency(ps.latencyEwma(p), 1_100.0);
    ps.recordLatency(p, Duration.ofNanos(10));
    // 0.9 * 1100 + 0.1 * 10
    assertLatency(ps.latencyEwma(p), 991.0);
  }

  @Test
  void peersHaveSeparateAverages() {
    Peerstore ps = open();
    PeerId p = newPeer();
    PeerId q = newPeer();
    ps.recordLatency(p, Duration.ofMillis(10));
    ps.recordLatency(q, Duration.ofMillis(500));
    ps.recordLatency(p, Duration.ofMillis(20));
    assertLatency(ps.latencyEwma(p), 11_000_000.0);
    assertThat(ps.latencyEwma(q)).isEqualTo(Duration.ofMillis(500));
  }
}
