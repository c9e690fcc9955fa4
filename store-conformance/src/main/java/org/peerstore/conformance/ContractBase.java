package org.peerstore.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.peerstore.Peerstore;
import org.peerstore.PeerstoreBuilder;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

/**
 * What every group of conformance cases shares: access to the suite's stores and clock, and
 * assertions on addresses. Not thread-safe (one instance per test case).
 */
abstract class ContractBase {

  private final PeerstoreConformanceSuite suite;

  ContractBase(PeerstoreConformanceSuite suite) {
    this.suite = suite;
  }

  /** A fresh store with the suite's defaults. */
  final Peerstore open() {
    return suite.open();
  }

  /** A fresh store with the suite's defaults and {@code options}. */
  final Peerstore open(Consumer<PeerstoreBuilder<?, ?>> options) {
    return suite.open(options);
  }

  /** {@code store}'s storage reopened with the suite's defaults and {@code options}. */
  final Peerstore reopen(Peerstore store, Consumer<PeerstoreBuilder<?, ?>> options) {
    return suite.reopen(store, options);
  }

  /** Whether the factory's stores are persistent. */
  final boolean persistent() {
    return suite.storeFactory().persistent();
  }

  /** The test clock. */
  final MutableClock clock() {
    return suite.clock();
  }

  /** Moves the test clock forward. */
  final void advance(Duration d) {
    suite.clock().advance(d);
  }

  /** Asserts that {@code p}'s visible addresses are exactly {@code expected}, in any order. */
  static void assertAddrs(Peerstore ps, PeerId p, Multiaddr... expected) {
    assertAddrs(ps, p, List.of(expected));
  }

  /** Asserts that {@code p}'s visible addresses are exactly {@code expected}, in any order. */
  static void assertAddrs(Peerstore ps, PeerId p, List<Multiaddr> expected) {
    List<Multiaddr> actual = ps.addrs(p);
    assertThat(actual).as("addrs(%s)", p).isNotNull().containsExactlyInAnyOrderElementsOf(expected);
  }
}
