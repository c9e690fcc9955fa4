package org.peerstore.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.DecayingTag;
import org.peerstore.TagDecay;
import org.peerstore.conformance.TestPeer;
import org.peerstore.peer.PeerId;
import org.peerstore.rocksdb.RocksPeerstore;

/** The tag book in {@code stats}, {@code dump} and {@code verify} (docs/CONTRACT.md §15). */
class TagsToolTest {
  private final Fixture fx = new Fixture();

  @Test
  void statsDumpAndVerifyShowTags(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("store");
    PeerId known;
    PeerId other = TestPeer.generate().id();
    PeerId guarded = TestPeer.generate().id();
    try (RocksPeerstore ps = fx.open(dir)) {
      known = fx.populate(ps, 2).get(0).id();
      ps.tagPeer(known, "app", 5);
      ps.tagPeer(known, "short", -2, Duration.ofMinutes(1));
      DecayingTag d = ps.registerDecayingTag("dht", Duration.ofSeconds(1), TagDecay.fixed(1),
          Integer::sum);
      d.bump(known, 9);
      ps.protect(known, "relay");
      ps.tagPeer(other, "app", 1);
      ps.protect(guarded, "keep");
    }
    Tool.Run r = Tool.run(fx.clock, "stats", "--db", dir.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("tags              2 tagged peers, 2 protected peers");
    assertThat(Tool.run(fx.clock, "verify", "--db", dir.toString()).code()).isZero();
    fx.clock.advance(Duration.ofMinutes(1));
    r = Tool.run(fx.clock, "dump", "--db", dir.toString(), known.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("tag state since 2026-01-01T00:00:00Z")
        .contains("tag app = 5")
        .contains("tag dht = 9 decaying, stored at 2026-01-01T00:00:00Z")
        .contains("tag short = -2 expired at 2026-01-01T00:01:00Z (not collected yet)")
        .contains("protected by relay")
        .doesNotContain("PROBLEM");
  }

  @Test
  void anUnreadableTagEntryIsAVerifyProblem(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("store");
    PeerId p = TestPeer.generate().id();
    try (RocksPeerstore ps = fx.open(dir)) {
      fx.populate(ps, 1);
      ps.tagPeer(p, "app", 1);
    }
    try (RawStore raw = new RawStore(dir)) {
      raw.put("tags", RawStore.peerKey(p), new byte[] {1, 2, 3});
    }
    Tool.Run r = Tool.run(fx.clock, "verify", "--db", dir.toString());
    assertThat(r.code()).as(r.toString()).isNotZero();
    assertThat(r.out()).contains("unreadable tags");
    // The store still opens: the entry is skipped and reported.
    try (RocksPeerstore ps = fx.open(dir)) {
      assertThat(ps.tagInfo(p)).isEmpty();
    }
  }
}
