package org.peerstore.conformance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.peerstore.Peerstore;
import org.peerstore.PeerstoreBuilder;

/**
 * The conformance suite of docs/CONTRACT.md. Every implementation runs it through one subclass:
 *
 * <pre>{@code
 * class MemoryPeerstoreConformanceTest extends PeerstoreConformanceSuite {
 *   @Override
 *   protected PeerstoreFactory factory() {
 *     return options -> {
 *       MemoryPeerstoreBuilder b = MemoryPeerstore.builder();
 *       options.accept(b);
 *       return b.build();
 *     };
 *   }
 * }
 * }</pre>
 *
 * <p>The cases live in the {@code @Nested} classes below, one per book plus streams,
 * concurrency, snapshots and persistence; JUnit runs them for each subclass. Every store a test
 * opens gets the suite's {@link MutableClock} and background garbage collection switched off (tests
 * call {@link Peerstore#collectGarbage()}), unless the test's own options say otherwise, and is
 * closed after the test. Persistence cases are skipped unless {@link
 * PeerstoreFactory#persistent()}.
 *
 * <p>Not thread-safe: JUnit uses one instance per test.
 */
public abstract class PeerstoreConformanceSuite {

  /** Where the clock of every test starts: a whole second, so millisecond steps stay exact. */
  public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private final MutableClock clock = new MutableClock(START);
  private final List<Peerstore> opened = new ArrayList<>();
  private PeerstoreFactory factory;

  /**
   * The factory of the implementation under test; called once per test case.
   *
   * @return a factory opening fresh stores
   */
  protected abstract PeerstoreFactory factory();

  /** The factory of this test case (created on first use). */
  final PeerstoreFactory storeFactory() {
    if (factory == null) {
      factory = Objects.requireNonNull(factory(), "factory()");
    }
    return factory;
  }

  /** The test clock every store of this test case reads. */
  final MutableClock clock() {
    return clock;
  }

  /** Opens a fresh store with the suite's defaults (test clock, no background GC). */
  final Peerstore open() {
    return open(b -> {});
  }

  /** Opens a fresh store with the suite's defaults and then {@code options} applied. */
  final Peerstore open(Consumer<PeerstoreBuilder<?, ?>> options) {
    return track(storeFactory().open(withDefaults(options)));
  }

  /** Closes (if open) and reopens {@code store}'s storage with the defaults and {@code options}. */
  final Peerstore reopen(Peerstore store, Consumer<PeerstoreBuilder<?, ?>> options) {
    return track(storeFactory().reopen(store, withDefaults(options)));
  }

  private Consumer<PeerstoreBuilder<?, ?>> withDefaults(Consumer<PeerstoreBuilder<?, ?>> options) {
    Objects.requireNonNull(options, "options");
    return b -> {
      b.clock(clock);
      b.gcInterval(Duration.ZERO);
      options.accept(b);
    };
  }

  private Peerstore track(Peerstore store) {
    opened.add(Objects.requireNonNull(store, "the factory returned null"));
    return store;
  }

  /** Closes every store the test opened (close is idempotent, so closed ones are fine). */
  @AfterEach
  final void closeStores() {
    RuntimeException first = null;
    for (Peerstore store : opened) {
      try {
        store.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    opened.clear();
    if (first != null) {
      throw first;
    }
  }

  /** Address book: TTL rules, normalisation, garbage collection (docs/CONTRACT.md §2–3). */
  @Nested
  class AddrBookTests extends AddrBookContract {
    AddrBookTests() {
      super(PeerstoreConformanceSuite.this);
    }
  }

  /** Address limits: the per-peer cap and the global caps (docs/CONTRACT.md §3). */
  @Nested
  class AddrLimitTests extends AddrLimitContract {
    AddrLimitTests() {
      super(PeerstoreConformanceSuite.this);
    }
  }

  /** Input bounds: envelope, record, address, protocol, metadata sizes (docs/CONTRACT.md §12). */
  @Nested
  class InputLimitTests extends InputLimitContract {
    InputLimitTests() {
      super(PeerstoreConformanceSuite.this);
    }
  }

  /** Certified address book: signed peer records (docs/CONTRACT.md §4). */
  @Nested
  class CertifiedAddrBookTests extends CertifiedAddrBookContract {
    CertifiedAddrBookTests() {
      super(PeerstoreConformanceSuite.this);
    }
  }

  /** Key book (docs/CONTRACT.md §5). */
  @Nested
  class KeyBookTests extends KeyBookContract {
    KeyBookTests() {
      super(PeerstoreConformanceSuite.this);
    }
  }

  /** Private keys never show in exceptions, logs or strings (docs/CONTRACT.md §5). */
  @Nested
  class KeySecrecyTests extends KeySecrecyContract {
    KeySecrecyTests() {
      super(PeerstoreConformanceSuite.this);
    }
  }

  /** Protocol book (docs/CONTRACT.md §6). */
  @Nested
  class ProtoBookTests extends ProtoBookContract {
    ProtoBookTests() {
      super(PeerstoreConformanceSuite.this);
    }
  }

  /** Metadata (docs/CONTRACT.md §7). */
  @Nested
  class MetadataTests extends MetadataContract {
    MetadataTests() {
      super(PeerstoreConformanceSuite.this);
    }
  }

  /** Latency metrics (docs/CONTRACT.md §8). */
  @Nested
  class MetricsTests extends MetricsContract {
    MetricsTests() {
      super(PeerstoreConformanceSuite.this);
    }
  }

  /** Peer-level operations and the store's life cycle (docs/CONTRACT.md §9). */
  @Nested
  class PeerTests extends PeerContract {
    PeerTests() {
      super(PeerstoreConformanceSuite.this);
    }
  }

  /** Tag book: tags, protections, expiry, decay, trim order (docs/CONTRACT.md §15). */
  @Nested
  class TagBookTests extends TagBookContract {
    TagBookTests() {
      super(PeerstoreConformanceSuite.this);
    }
  }

  /** Dial history, backoff and dial candidates (docs/CONTRACT.md §16). */
  @Nested
  class DialBookTests extends DialBookContract {
    DialBookTests() {
      super(PeerstoreConformanceSuite.this);
    }
  }

  /** Address streams (docs/CONTRACT.md §3, {@code addrStream}). */
  @Nested
  class StreamTests extends StreamContract {
    StreamTests() {
      super(PeerstoreConformanceSuite.this);
    }
  }

  /** Many threads at once: atomicity and invariants. */
  @Nested
  class ConcurrencyTests extends ConcurrencyContract {
    ConcurrencyTests() {
      super(PeerstoreConformanceSuite.this);
    }
  }

  /** Snapshots of a peer's whole state and restoring them ({@code org.peerstore.Snapshots}). */
  @Nested
  class SnapshotTests extends SnapshotContract {
    SnapshotTests() {
      super(PeerstoreConformanceSuite.this);
    }
  }

  /** Bans of peers, addresses and subnets (docs/CONTRACT.md §14). */
  @Nested
  class BanBookTests extends BanBookContract {
    BanBookTests() {
      super(PeerstoreConformanceSuite.this);
    }
  }

  /** Reopening a persistent store (docs/CONTRACT.md §11); skipped for non-persistent factories. */
  @Nested
  class PersistenceTests extends PersistenceContract {
    PersistenceTests() {
      super(PeerstoreConformanceSuite.this);
    }
  }

  /** Protocol index, paged iteration and change events (docs/CONTRACT.md §17). */
  @Nested
  class QueryEventTests extends QueryEventContract {
    QueryEventTests() {
      super(PeerstoreConformanceSuite.this);
    }
  }
}
