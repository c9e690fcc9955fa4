package org.peerstore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.peerstore.LimitExceededException;

class GlobalCapsTest {
  private static Limits limits(long maxUnconnected, long maxRecords) {
    return new Limits(64, maxUnconnected, maxRecords, 128);
  }

  @Test
  void reservationsNeverExceedTheCapAndSettleToTheRealChange() {
    GlobalCaps caps = new GlobalCaps(limits(10, 0));
    long first = caps.reserveUnconnected(7);
    long second = caps.reserveUnconnected(7);
    assertThat(first).isEqualTo(7);
    assertThat(second).isEqualTo(3);
    assertThat(caps.reserveUnconnected(1)).isZero();
    caps.settleUnconnected(first, 2);
    caps.settleUnconnected(second, 0);
    assertThat(caps.unconnected()).isEqualTo(2);
    caps.adjustUnconnected(-2);
    assertThat(caps.unconnected()).isZero();
  }

  @Test
  void withoutCapsNothingIsCounted() {
    GlobalCaps caps = new GlobalCaps(limits(0, 0));
    assertThat(caps.counting()).isFalse();
    assertThat(caps.reserveUnconnected(5)).isEqualTo(Long.MAX_VALUE);
    caps.settleUnconnected(Long.MAX_VALUE, 5);
    caps.reserveRecord();
    assertThat(caps.unconnected()).isZero();
    assertThat(caps.records()).isZero();
  }

  @Test
  void recordSlotsRefuseWhenFullAndComeBack() {
    GlobalCaps caps = new GlobalCaps(limits(0, 2));
    caps.load(0, 1);
    caps.reserveRecord();
    assertThatThrownBy(caps::reserveRecord)
        .isInstanceOf(LimitExceededException.class)
        .hasMessage(RecordRules.TOO_MANY_RECORDS);
    caps.releaseRecord();
    caps.reserveRecord();
    assertThat(caps.records()).isEqualTo(2);
  }
}
