package org.peerstore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.peerstore.AddrTtl;

class TtlTest {

  @Test
  void toNanosKeepsTheStandardTtls() {
    assertThat(Ttl.toNanos(AddrTtl.PERMANENT)).isEqualTo(Long.MAX_VALUE).isEqualTo(Ttl.PERMANENT);
    assertThat(Ttl.toNanos(AddrTtl.CONNECTED)).isEqualTo(Long.MAX_VALUE - 1)
        .isEqualTo(Ttl.CONNECTED);
    assertThat(Ttl.toNanos(AddrTtl.TEMP)).isEqualTo(120_000_000_000L);
    assertThat(Ttl.toNanos(Duration.ofNanos(-5))).isEqualTo(-5);
  }

  @Test
  void toNanosSaturates() {
    assertThat(Ttl.toNanos(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
    assertThat(Ttl.toNanos(Duration.ofDays(200_000 * 365L))).isEqualTo(Long.MAX_VALUE);
    assertThat(Ttl.toNanos(Duration.ofSeconds(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void expiryAddsAndSaturates() {
    assertThat(Ttl.expiry(1_000, 500)).isEqualTo(1_500);
    assertThat(Ttl.expiry(Long.MAX_VALUE - 10, 100)).isEqualTo(Long.MAX_VALUE);
    assertThat(Ttl.expiry(-1_000, 500)).isEqualTo(-500);
    assertThat(Ttl.expiry(Long.MIN_VALUE + 10, -100)).isEqualTo(Long.MIN_VALUE);
    assertThat(Ttl.expiry(0, Long.MAX_VALUE - 2)).isEqualTo(Long.MAX_VALUE - 2);
  }

  @Test
  void connectedTtlsNeverExpire() {
    assertThat(Ttl.expiry(0, Ttl.CONNECTED)).isEqualTo(Ttl.NEVER);
    assertThat(Ttl.expiry(Long.MIN_VALUE, Ttl.PERMANENT)).isEqualTo(Ttl.NEVER);
    assertThat(Ttl.isConnected(Ttl.CONNECTED)).isTrue();
    assertThat(Ttl.isConnected(Ttl.PERMANENT)).isTrue();
    assertThat(Ttl.isConnected(Ttl.CONNECTED - 1)).isFalse();
  }

  @Test
  void nowNanosReadsTheClock() {
    Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L, 123_456_789), ZoneOffset.UTC);
    assertThat(Ttl.nowNanos(clock)).isEqualTo(1_700_000_000_123_456_789L);
  }

  @Test
  void nowNanosSaturatesBelowNever() {
    assertThat(Ttl.nowNanos(Clock.fixed(Instant.MAX, ZoneOffset.UTC))).isEqualTo(Ttl.NEVER - 1);
    assertThat(Ttl.nowNanos(Clock.fixed(Instant.MIN, ZoneOffset.UTC))).isEqualTo(Long.MIN_VALUE);
    assertThat(Ttl.toEpochNanos(Instant.ofEpochSecond(-1, 999_999_999))).isEqualTo(-1);
  }

  @Test
  void toInstantInvertsToEpochNanos() {
    Instant t = Instant.ofEpochSecond(-3, 7);
    assertThat(Ttl.toInstant(Ttl.toEpochNanos(t))).isEqualTo(t);
  }

  @Test
  void expiryInstantsRoundTripWithNeverAsInstantMax() {
    assertThat(Ttl.toExpiryInstant(Ttl.NEVER)).isEqualTo(Instant.MAX);
    assertThat(Ttl.fromExpiryInstant(Instant.MAX)).isEqualTo(Ttl.NEVER);
    for (long n : new long[] {0, 1, -1, 1_767_225_600_000_000_001L, Ttl.NEVER - 1,
        Long.MIN_VALUE}) {
      assertThat(Ttl.fromExpiryInstant(Ttl.toExpiryInstant(n))).isEqualTo(n);
    }
    assertThat(Ttl.fromExpiryInstant(Instant.parse("3000-01-01T00:00:00Z"))).isEqualTo(Ttl.NEVER);
    assertThat(Ttl.fromExpiryInstant(Instant.MIN)).isEqualTo(Long.MIN_VALUE);
  }
}
