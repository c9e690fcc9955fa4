package org.peerstore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.peerstore.DialBackoff;

/**
 * The backoff arithmetic of {@link DialRules} (docs/CONTRACT.md §16) over random
 * configurations, keys and failure counts: the ceiling is monotone and capped, the jittered
 * delay stays within {@code [(1 - jitter) * ceiling, ceiling]} and is a pure function of its
 * inputs, the backoff ends the delay after the last failure, and a success resets it.
 */
class DialRulesProperties {

  @Provide
  Arbitrary<DialRules> rules() {
    Arbitrary<Long> base = Arbitraries.longs().between(1, 60_000);
    Arbitrary<Double> factor = Arbitraries.doubles().between(1.0, 10.0);
    Arbitrary<Long> extra = Arbitraries.longs().between(0, 10_000_000);
    Arbitrary<Double> jitter = Arbitraries.doubles().between(0.0, 0.99);
    return Combinators.combine(base, factor, extra, jitter).as((b, f, e, j) -> new DialRules(
        new DialBackoff(Duration.ofMillis(b), f, Duration.ofMillis(b + e), j),
        Duration.ofDays(7)));
  }

  @Property
  void theCeilingIsMonotoneAndCapped(@ForAll("rules") DialRules rules,
      @ForAll @IntRange(min = 1, max = 200) int k) {
    long max = rules.backoff().max().toNanos();
    long base = rules.backoff().base().toNanos();
    assertThat(rules.ceilingNanos(0)).isZero();
    assertThat(rules.ceilingNanos(k)).isBetween(base, max);
    assertThat(rules.ceilingNanos(k + 1)).isGreaterThanOrEqualTo(rules.ceilingNanos(k));
    // A factor of 1 keeps the ceiling at the base; any larger one reaches the cap.
    assertThat(rules.ceilingNanos(Integer.MAX_VALUE))
        .isEqualTo(rules.backoff().factor() > 1.0 ? max : base);
  }

  @Property
  void theDelayIsWithinTheJitterBandAndDeterministic(@ForAll("rules") DialRules rules,
      @ForAll byte[] key, @ForAll @IntRange(min = 1, max = 100) int k) {
    long c = rules.ceilingNanos(k);
    long d = rules.delayNanos(key, k);
    assertThat(d).isLessThanOrEqualTo(c);
    assertThat((double) d).isGreaterThanOrEqualTo(Math.floor(c * (1 - rules.backoff().jitter())));
    assertThat(rules.delayNanos(key.clone(), k)).isEqualTo(d);
    double u = DialRules.unit(key, k);
    assertThat(u).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
  }

  @Property
  void theBackoffEndsTheDelayAfterTheLastFailureAndASuccessResetsIt(
      @ForAll("rules") DialRules rules, @ForAll byte[] key,
      @ForAll @IntRange(min = 1, max = 40) int failures) {
    long now = 1_700_000_000_000_000_000L;
    DialRecord r = DialRecord.first(now);
    for (int i = 0; i < failures; i++) {
      r = r.failure(now + i, "x");
    }
    long last = now + failures - 1;
    assertThat(rules.backoffUntil(key, r)).isEqualTo(last + rules.delayNanos(key, failures));
    assertThat(rules.inBackoff(key, r, last)).isEqualTo(rules.delayNanos(key, failures) > 0);
    assertThat(rules.inBackoff(key, r, rules.backoffUntil(key, r))).isFalse();
    DialRecord ok = r.success(last + 1);
    assertThat(rules.backoffUntil(key, ok)).isEqualTo(DialRecord.NONE);
    assertThat(rules.inBackoff(key, ok, last + 1)).isFalse();
    assertThat(rules.backoffUntil(key, r.seen(last + 1, true))).isEqualTo(DialRecord.NONE);
  }

  @Property
  void theEndSaturatesInsteadOfOverflowing(@ForAll("rules") DialRules rules,
      @ForAll @IntRange(min = 1, max = 50) int failures) {
    DialRecord r = new DialRecord(0, 0, DialRecord.NONE, DialRecord.NONE, Long.MAX_VALUE - 5,
        "", 0, failures);
    assertThat(rules.backoffUntil(new byte[] {1}, r)).isEqualTo(Long.MAX_VALUE);
  }
}
