package org.peerstore.conformance;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.peerstore.PeerstoreBuilder;

/**
 * Runs Lincheck on a linearizability test class ({@link AddrBookLinearizability},
 * {@link ProtoBookLinearizability}): random scenarios of 2 threads, each a few operations on
 * two peers, executed concurrently (stress) and under Lincheck's model checker (which explores
 * thread interleavings at shared-memory accesses and lock operations), every result checked
 * against some sequential order of the same operations on a fresh store.
 *
 * <p>The default sizes keep {@code mvn verify} short; {@code -Dpeerstore.lincheck.long=true}
 * runs 20 times as many scenarios (see docs/RELIABILITY.md). Stateless and thread-safe.
 */
public final class Linearizability {
  private Linearizability() {}

  /** Whether the long mode was asked for. */
  public static boolean longMode() {
    return Boolean.getBoolean("peerstore.lincheck.long");
  }

  private static int scale() {
    return longMode() ? 20 : 1;
  }

  /** Fails with Lincheck's report (scenario, results, interleaving) unless linearizable. */
  public static void stress(Class<?> testClass) {
    StressOptions o = new StressOptions()
        .iterations(5 * scale())
        .invocationsPerIteration(300)
        .threads(2)
        .actorsPerThread(3)
        .actorsBefore(2)
        .actorsAfter(1);
    o.check(testClass);
  }

  /**
   * Lincheck's per-invocation timeout, raised from its 30 s default. Model checking instruments
   * JDK classes lazily, the first time an invocation reaches them; on a loaded 2-core machine
   * that retransformation alone took over 30 s once and Lincheck reported the run as "hung"
   * with both threads inside {@code retransformClasses}, not in the store. A real deadlock
   * still fails, two minutes later. (The setter is Kotlin-internal, hence its mangled name.)
   */
  static final long INVOCATION_TIMEOUT_MS = 120_000;

  /** Fails with Lincheck's report (scenario, results, interleaving) unless linearizable. */
  public static void modelChecking(Class<?> testClass) {
    modelChecking(testClass, true, 4, 60);
  }

  /**
   * {@link #modelChecking(Class)} with {@code iterations} scenarios (times 20 in the long mode)
   * of {@code invocations} explored interleavings each, optionally without shrinking a failing
   * scenario to a minimal one (faster to fail, longer report).
   */
  public static void modelChecking(
      Class<?> testClass, boolean minimize, int iterations, int invocations) {
    ModelCheckingOptions o = new ModelCheckingOptions()
        .minimizeFailedScenario(minimize)
        .iterations(iterations * scale())
        .invocationsPerIteration(invocations)
        .threads(2)
        .actorsPerThread(3)
        .actorsBefore(2)
        .actorsAfter(1);
    o.invocationTimeout$lincheck(INVOCATION_TIMEOUT_MS);
    o.check(testClass);
  }

  /** A fixed clock: nothing expires while Lincheck runs, so results depend on order only. */
  public static final Clock FIXED_CLOCK =
      Clock.fixed(PeerstoreConformanceSuite.START, ZoneOffset.UTC);

  /**
   * The options every linearizability test store uses: the fixed clock, no background GC, at
   * most {@link ProtoBookLinearizability#MAX_PROTOCOLS} protocols per peer.
   */
  public static <B extends PeerstoreBuilder<B, ?>> B configure(B builder) {
    return builder.clock(FIXED_CLOCK).gcInterval(Duration.ZERO)
        .maxProtocols(ProtoBookLinearizability.MAX_PROTOCOLS);
  }
}
