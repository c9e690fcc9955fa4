package org.peerstore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LimitsTest {

  @Test
  void roomUnderTheGlobalCaps() {
    Limits l = new Limits(64, 10, 2, 128);
    assertThat(l.unconnectedRoom(3)).isEqualTo(7);
    assertThat(l.unconnectedRoom(12)).isZero();
    assertThat(l.recordRoom(1)).isTrue();
    assertThat(l.recordRoom(2)).isFalse();
  }

  @Test
  void zeroDisablesTheCaps() {
    Limits l = Limits.unlimited(5);
    assertThat(l.unconnectedRoom(Long.MAX_VALUE - 1)).isEqualTo(Long.MAX_VALUE);
    assertThat(l.recordRoom(Long.MAX_VALUE - 1)).isTrue();
    assertThat(l.maxProtocols()).isEqualTo(5);
  }

  @Test
  void rejectsBadValues() {
    assertThatThrownBy(() -> new Limits(-1, 0, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Limits(0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxProtocols");
  }
}
