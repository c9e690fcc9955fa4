package org.peerstore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.peerstore.peer.PeerId;

class LatencyTrackerTest {
  private static final PeerId P = PeerId.fromString("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N");
  private static final PeerId Q =
      PeerId.fromString("12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA");

  @Test
  void unknownIsZero() {
    assertThat(new LatencyTracker().ewma(P)).isEqualTo(Duration.ZERO);
  }

  @Test
  void firstSampleIsStoredAsIs() {
    LatencyTracker t = new LatencyTracker();
    t.record(P, Duration.ofMillis(100));
    assertThat(t.ewma(P)).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void laterSamplesAreSmoothedByOneTenth() {
    LatencyTracker t = new LatencyTracker();
    t.record(P, Duration.ofNanos(1_000));
    t.record(P, Duration.ofNanos(2_000));
    assertThat(t.ewma(P)).isEqualTo(Duration.ofNanos(1_100));
    t.record(P, Duration.ofNanos(0));
    assertThat(t.ewma(P)).isEqualTo(Duration.ofNanos(990));
    t.record(P, Duration.ofNanos(10_990));
    assertThat(t.ewma(P)).isEqualTo(Duration.ofNanos(1_990));
  }

  @Test
  void fractionsOfANanosecondAreTruncated() {
    LatencyTracker t = new LatencyTracker();
    t.record(P, Duration.ofNanos(1));
    t.record(P, Duration.ofNanos(2));
    assertThat(t.ewma(P)).isEqualTo(Duration.ofNanos(1));
    t.record(P, Duration.ofNanos(10));
    // 0.9 * 1.1 + 1.0 = 1.99
    assertThat(t.ewma(P)).isEqualTo(Duration.ofNanos(1));
  }

  @Test
  void peersAreIndependentAndCanBeForgotten() {
    LatencyTracker t = new LatencyTracker();
    t.record(P, Duration.ofMillis(5));
    t.record(Q, Duration.ofMillis(7));
    t.remove(P);
    assertThat(t.ewma(P)).isEqualTo(Duration.ZERO);
    assertThat(t.ewma(Q)).isEqualTo(Duration.ofMillis(7));
    t.clear();
    assertThat(t.ewma(Q)).isEqualTo(Duration.ZERO);
  }

  @Test
  void negativeSamplesAreRejected() {
    assertThatThrownBy(() -> new LatencyTracker().record(P, Duration.ofNanos(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
