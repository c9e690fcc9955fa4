package org.peerstore.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.AddrTtl;
import org.peerstore.BanTarget;
import org.peerstore.conformance.Addrs;
import org.peerstore.conformance.MutableClock;
import org.peerstore.peer.PeerId;

/**
 * {@link AddrPeers}, the in-memory set behind {@code peersWithAddrs()}, follows every write
 * path that changes a stored address value (adds, sets, ttl updates, clears, removals, records,
 * caps, expiry and the collector) in every durability mode: after a random workload the set
 * the running store answers with is the one a reopened store loads with a scan of the column
 * family.
 */
class AddrPeersTest {
  @TempDir Path dir;

  static Stream<Arguments> configs() {
    return Stream.of(
        Arguments.of("wal cached", Durability.WAL, RocksPeerstoreBuilder.DEFAULT_CACHE_SIZE_BYTES),
        Arguments.of("wal uncached", Durability.WAL, 0L),
        Arguments.of("grouped cached", Durability.grouped(Duration.ofMinutes(1), Durability.DEFAULT_PENDING_BYTES),
            RocksPeerstoreBuilder.DEFAULT_CACHE_SIZE_BYTES),
        Arguments.of("grouped uncached", Durability.grouped(Duration.ofMinutes(1), Durability.DEFAULT_PENDING_BYTES), 0L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void theSetInMemoryIsWhatAScanOfTheStoreFinds(String name, Durability durability, long cache) {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    List<PeerId> peers = RandomPeerIds.list(40, 7);
    Random random = new Random(name.hashCode());
    int nonEmptyRounds = 0;
    for (int round = 0; round < 6; round++) {
      Set<PeerId> running;
      Set<PeerId> all;
      try (RocksPeerstore store = open(clock, durability, cache)) {
        for (int step = 0; step < 300; step++) {
          PeerId p = peers.get(random.nextInt(peers.size()));
          apply(store, clock, random, p);
        }
        running = store.peersWithAddrs();
        all = store.peers();
      }
      assertThat(all).containsAll(running);
      if (!running.isEmpty()) {
        nonEmptyRounds++;
      }
      try (RocksPeerstore reopened = open(clock, durability, cache)) {
        assertThat(reopened.peersWithAddrs()).as("round %d", round)
            .containsExactlyInAnyOrderElementsOf(running);
        assertThat(reopened.peers()).as("round %d", round)
            .containsExactlyInAnyOrderElementsOf(all);
      }
    }
    assertThat(nonEmptyRounds).as("the workload left peers with addresses").isPositive();
  }

  private RocksPeerstore open(MutableClock clock, Durability durability, long cache) {
    return RocksPeerstore.builder(dir).clock(clock).gcInterval(Duration.ZERO)
        .durability(durability).cacheSizeBytes(cache).maxAddrsPerPeer(4).build();
  }

  private static void apply(RocksPeerstore store, MutableClock clock, Random random, PeerId p) {
    Duration ttl = switch (random.nextInt(4)) {
      case 0 -> Duration.ofSeconds(1 + random.nextInt(30));
      case 1 -> AddrTtl.ADDRESS;
      case 2 -> AddrTtl.CONNECTED;
      default -> AddrTtl.PERMANENT;
    };
    switch (random.nextInt(12)) {
      case 0, 1, 2 -> store.addAddrs(p, Addrs.range(random.nextInt(8), 1 + random.nextInt(3)), ttl);
      case 3 -> store.setAddrs(p, Addrs.range(random.nextInt(8), 1 + random.nextInt(3)), ttl);
      case 4 -> store.setAddrs(p, Addrs.range(random.nextInt(8), 2), Duration.ZERO);
      case 5 -> store.updateAddrs(p, AddrTtl.CONNECTED, Duration.ofSeconds(random.nextInt(5)));
      case 6 -> store.clearAddrs(p);
      case 7 -> store.removePeer(p);
      case 8 -> store.addProtocols(p, List.of("/p/" + random.nextInt(3)));
      case 9 -> clock.advance(Duration.ofSeconds(random.nextInt(20)));
      case 10 -> store.collectGarbage();
      default -> {
        if (random.nextBoolean()) {
          store.ban(BanTarget.peer(p), "test", Duration.ofSeconds(10));
        } else {
          store.unban(BanTarget.peer(p));
        }
      }
    }
  }
}
