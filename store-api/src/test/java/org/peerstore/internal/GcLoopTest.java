package org.peerstore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link GcLoop}'s counters: runs, failures and what the runs removed. */
class GcLoopTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void countsRunsFailuresAndRemovedEntries() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    GcLoop loop = new GcLoop(Duration.ofMillis(1), "gc-loop-test", GcLoopTest.class.getName(),
        "test", () -> {
          int n = calls.incrementAndGet();
          if (n % 2 == 0) {
            throw new RuntimeException("disk on fire " + n);
          }
          return 3;
        });
    try {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (loop.runs() < 6 && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
    } finally {
      assertThat(loop.stop(WAIT)).isTrue();
    }
    int n = calls.get();
    assertThat(loop.runs()).isEqualTo(n).isGreaterThanOrEqualTo(6);
    assertThat(loop.failures()).isEqualTo(n / 2);
    assertThat(loop.collected()).isEqualTo(3L * (n - n / 2));
  }

  @Test
  void aZeroIntervalRunsNothing() {
    GcLoop loop = new GcLoop(Duration.ZERO, "unused", GcLoopTest.class.getName(), "test",
        () -> {
          throw new AssertionError("must not run");
        });
    assertThat(loop.stop(WAIT)).isTrue();
    assertThat(loop.runs()).isZero();
    assertThat(loop.failures()).isZero();
    assertThat(loop.collected()).isZero();
  }
}
