package org.peerstore.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.conformance.TestPeer;
import org.peerstore.rocksdb.RocksPeerstore;

/** {@code dump}: everything stored about one peer, never its private key material. */
class DumpTest {
  private final Fixture fx = new Fixture();

  @TempDir
  Path tmp;

  @Test
  void dumpsEveryBookOfOnePeer() {
    Path dir = tmp.resolve("store");
    List<TestPeer> peers;
    try (RocksPeerstore ps = fx.open(dir)) {
      peers = fx.populate(ps, 4);
    }
    TestPeer t = peers.get(0); // has a private key and a permanent address
    fx.clock.advance(Fixture.SHORT);
    Tool.Run r = Tool.run(fx.clock, "dump", "--db", dir.toString(), t.id().toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out())
        .startsWith("peer " + t.id())
        .contains("addrs\n  " + Fixture.addr(0, 1) + "  ttl 1h, expires 2026-01-01T01:00:00Z"
            + " (in 59m)")
        .contains(Fixture.addr(0, 2) + "  ttl connected, never expires")
        .contains(Fixture.addr(0, 3) + "  ttl permanent, never expires")
        .contains(Fixture.addr(0, 4) + "  ttl 1m, expired at 2026-01-01T00:01:00Z (not collected"
            + " yet)")
        .contains("records\n  signed peer record seq 1, 1 addresses [" + Fixture.addr(0, 1)
            + "], signed by its ED25519 key")
        .contains("signature verified")
        .contains("keys\n  public key ED25519")
        .contains("private key ED25519 (")
        .contains("not shown)")
        .contains("protocols\n  /ipfs/id/1.0.0\n  /ipfs/kad/1.0.0\n  /p/0")
        .contains("AgentVersion = \"agent/0\" (String)")
        .contains("n = 0 (Integer)")
        .contains("bytes = 0x000102 (byte[])")
        .contains("expiry\n  index entry at 2026-01-01T00:01:00Z (the earliest expiry)")
        .doesNotContain("PROBLEM")
        .doesNotContain(HexFormat.of().formatHex(t.privKey().marshal()));
  }

  @Test
  void unknownPeerIsExitCodeOneAndABadPeerIdExitCodeTwo() {
    Path dir = tmp.resolve("store");
    try (RocksPeerstore ps = fx.open(dir)) {
      fx.populate(ps, 1);
    }
    TestPeer stranger = TestPeer.generate();
    Tool.Run r = Tool.run(fx.clock, "dump", "--db", dir.toString(), stranger.id().toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("nothing is stored for peer " + stranger.id());
    Tool.Run bad = Tool.run(fx.clock, "dump", "--db", dir.toString(), "QmNotAPeer");
    assertThat(bad.code()).isEqualTo(2);
    UsageTest.assertOneLine(bad.err());
    assertThat(bad.err()).contains("not a peer id: QmNotAPeer");
  }

  @Test
  void damagedEntriesShowAsProblems() throws Exception {
    Path dir = tmp.resolve("store");
    TestPeer t;
    try (RocksPeerstore ps = fx.open(dir)) {
      t = fx.populate(ps, 1).get(0);
    }
    try (RawStore raw = new RawStore(dir)) {
      raw.put("protocols", RawStore.peerKey(t.id()), new byte[] {(byte) 0xff});
    }
    Tool.Run r = Tool.run(fx.clock, "dump", "--db", dir.toString(), t.id().toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("protocols\n  PROBLEM not a ProtocolSet message");
  }
}
