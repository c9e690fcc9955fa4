package org.peerstore.addrbook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.assertj.core.api.Assertions;
import org.peerstore.Peerstore;
import org.peerstore.conformance.MutableClock;
import org.peerstore.memory.MemoryPeerstore;

/**
 * Bucket invariants under random operation sequences (memory store): no bucket over 64, no
 * address in more than 4 new buckets, never both new and old, counts consistent; and a reload
 * rebuilds the same book.
 */
class BucketInvariantProperties {

  record Op(int kind, int addr, int src) {}

  @Provide
  Arbitrary<Op> ops() {
    return Combinators.combine(Arbitraries.integers().between(0, 9),
        Arbitraries.integers().between(0, 400), Arbitraries.integers().between(0, 60))
        .as(Op::new);
  }

  @Property(tries = 60)
  void invariantsHold(@ForAll @Size(min = 1, max = 400) List<@net.jqwik.api.From("ops") Op> ops,
      @ForAll long seed) {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (Peerstore store = MemoryPeerstore.builder().clock(clock).build()) {
      StoredAddressBook b = (StoredAddressBook) AddressBook.builder(store).clock(clock)
          .random(new Random(seed)).build();
      for (Op op : ops) {
        // Few groups, so that buckets fill and expiry and push-back happen.
        NetAddress a = Addrs.addr(op.addr(), 3);
        switch (op.kind()) {
          case 0, 1 -> b.markGood(a.id());
          case 2 -> b.markAttempt(a);
          case 3 -> b.markBad(a, Duration.ofSeconds(30));
          case 4 -> b.removeAddress(a);
          case 5 -> b.reinstateBadPeers();
          default -> b.addAddress(a, Addrs.addr(1000 + op.src(), 7));
        }
        clock.advance(Duration.ofSeconds(op.src() % 7));
      }
      AddressBookContract.checkInvariants(b);
      StoredAddressBook again = (StoredAddressBook) AddressBook.builder(store).clock(clock).build();
      Assertions.assertThat(again.exportFile()).isEqualTo(b.exportFile());
      Assertions.assertThat(again.badEntries()).isEqualTo(b.badEntries());
    }
  }
}
