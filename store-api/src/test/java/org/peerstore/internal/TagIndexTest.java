package org.peerstore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.peerstore.TagDecay;
import org.peerstore.peer.PeerId;

/**
 * {@link TagIndex}'s trim index against a brute-force answer (docs/CONTRACT.md §15): random
 * writes of plain, expiring and decaying tags and protections through {@link TagOps}, with the
 * clock moving between them, and after each step {@code trimCandidates} equals sorting every
 * unprotected peer with a live tag by (value, first seen, id) computed from scratch.
 */
class TagIndexTest {
  private static final long SEC = 1_000_000_000L;

  private static final class StepClock extends Clock {
    final AtomicLong nanos = new AtomicLong(1_767_225_600L * SEC);

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      long n = nanos.get();
      return Instant.ofEpochSecond(Math.floorDiv(n, SEC), Math.floorMod(n, SEC));
    }
  }

  private static List<PeerId> bruteForce(TagIndex index, List<PeerId> peers, long now, int n) {
    record Row(long value, long first, byte[] id, PeerId peer) {}
    List<Row> rows = new ArrayList<>();
    for (PeerId p : peers) {
      PeerTags live = TagRules.live(index.get(p), now, index::decay);
      if (live != null && !live.tags().isEmpty() && live.protections().isEmpty()) {
        rows.add(new Row(TagRules.total(live, now, index::decay), live.firstSeen(),
            p.toBytes(), p));
      }
    }
    rows.sort(Comparator.comparingLong(Row::value).thenComparingLong(Row::first)
        .thenComparing(Row::id, Arrays::compareUnsigned));
    return rows.stream().limit(n).map(Row::peer).toList();
  }

  @Test
  void trimCandidatesEqualABruteForceSortAfterEveryStep() {
    Random random = new Random(15);
    StepClock clock = new StepClock();
    TagIndex index = new TagIndex();
    TagOps ops = new TagOps(index, clock, () -> {}, (p, change) -> {
      PeerTags stored = index.get(p);
      PeerTags next = change.apply(stored, clock.nanos.get());
      if (next != stored) {
        index.put(p, next);
      }
    }, event -> {});
    var decaying = ops.registerDecayingTag("d", java.time.Duration.ofSeconds(1),
        TagDecay.fixed(2), Integer::sum);
    List<PeerId> peers = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      peers.add(TestPeerIds.sha256(random));
    }
    int nonEmpty = 0;
    for (int step = 0; step < 3000; step++) {
      PeerId p = peers.get(random.nextInt(peers.size()));
      String tag = "t" + random.nextInt(3);
      switch (random.nextInt(8)) {
        case 0, 1 -> ops.tagPeer(p, tag, random.nextInt(21) - 10, TagBookDurations.NONE);
        case 2 -> ops.tagPeer(p, tag, random.nextInt(21) - 10,
            java.time.Duration.ofSeconds(1 + random.nextInt(5)));
        case 3 -> ops.untagPeer(p, tag);
        case 4 -> decaying.bump(p, random.nextInt(10));
        case 5 -> ops.protect(p, "g" + random.nextInt(2));
        case 6 -> ops.unprotect(p, "g" + random.nextInt(2));
        default -> {
          if (random.nextInt(4) == 0) {
            ops.collect(clock.nanos.get());
          }
          ops.upsertTag(p, tag, v -> v + 1);
        }
      }
      clock.nanos.addAndGet(random.nextInt(3) == 0 ? random.nextInt(2000) * 1_000_000L : 0);
      int n = 1 + random.nextInt(12);
      List<PeerId> expected = bruteForce(index, peers, clock.nanos.get(), n);
      assertThat(ops.trimCandidates(n)).as("step %d", step).isEqualTo(expected);
      nonEmpty += expected.isEmpty() ? 0 : 1;
    }
    // The scenario is not vacuous: candidates existed most of the time.
    assertThat(nonEmpty).isGreaterThan(2000);
  }

  /** Durations the test uses. */
  private static final class TagBookDurations {
    static final java.time.Duration NONE = org.peerstore.TagBook.NO_EXPIRY;
  }
}
