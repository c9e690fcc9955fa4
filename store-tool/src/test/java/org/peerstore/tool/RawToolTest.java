package org.peerstore.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.conformance.TestPeer;
import org.peerstore.crypto.KeyType;
import org.peerstore.peer.PeerId;
import org.peerstore.rocksdb.RocksPeerstore;

/**
 * {@code raw}: column family properties and undecoded entries by key, peer and prefix, read-only
 * (it works while a node has the store open), and the same bytes RocksDB holds.
 */
class RawToolTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private final Fixture fx = new Fixture();

  @TempDir
  Path tmp;

  @Test
  void propertiesGetAndScanByPeerShowWhatRocksDbHolds() throws Exception {
    Path dir = tmp.resolve("store");
    List<TestPeer> peers;
    try (RocksPeerstore ps = fx.open(dir)) {
      peers = fx.populate(ps, 3);
    }
    PeerId p = peers.get(1).id();
    byte[] addrs;
    byte[] schema;
    List<byte[]> metadataKeys = new ArrayList<>();
    try (RawStore raw = new RawStore(dir)) {
      addrs = raw.get("addrs", RawStore.peerKey(p));
      schema = raw.get("default", "schema".getBytes(StandardCharsets.US_ASCII));
      byte[] prefix = RawStore.peerKey(p);
      for (byte[] k : raw.keys("metadata")) {
        if (java.util.Arrays.equals(k, 0, prefix.length, prefix, 0, prefix.length)) {
          metadataKeys.add(k);
        }
      }
    }
    assertThat(metadataKeys).hasSize(3);

    Tool.Run props = Tool.run(fx.clock, "raw", "--db", dir.toString());
    assertThat(props.code()).as(props.toString()).isZero();
    for (String cf : List.of("default", "addrs", "records", "keys", "protocols", "metadata",
        "expiry", "bans")) {
      assertThat(props.out()).contains(cf + System.lineSeparator());
    }
    assertThat(props.out()).contains("rocksdb.estimate-num-keys");

    Tool.Run byPeer = Tool.run(fx.clock, "raw", "--db", dir.toString(), "--cf", "addrs",
        "--peer", p.toString());
    assertThat(byPeer.code()).as(byPeer.toString()).isZero();
    assertThat(byPeer.out()).startsWith(HEX.formatHex(RawStore.peerKey(p)) + " "
        + HEX.formatHex(addrs) + System.lineSeparator()).contains("raw: 1 entry in addrs");
    Tool.Run byHexPeer = Tool.run(fx.clock, "raw", "--db", dir.toString(), "--cf", "addrs",
        "--peer", HEX.formatHex(p.toBytes()));
    assertThat(byHexPeer.out()).isEqualTo(byPeer.out());

    Tool.Run get = Tool.run(fx.clock, "raw", "--db", dir.toString(), "--cf", "default", "--key",
        HEX.formatHex("schema".getBytes(StandardCharsets.US_ASCII)), "--json");
    assertThat(get.code()).as(get.toString()).isZero();
    JsonNode e = MAPPER.readTree(get.out());
    assertThat(e.get("type").asText()).isEqualTo("entry");
    assertThat(e.get("value").asText()).isEqualTo(HEX.formatHex(schema));
    assertThat(e.get("valueBytes").asInt()).isEqualTo(schema.length);

    Tool.Run meta = Tool.run(fx.clock, "raw", "--db", dir.toString(), "--cf", "metadata",
        "--peer", p.toString(), "--json");
    assertThat(meta.code()).isZero();
    assertThat(meta.out().lines().map(l -> {
      try {
        return MAPPER.readTree(l).get("key").asText();
      } catch (Exception x) {
        throw new AssertionError(l, x);
      }
    })).containsExactlyElementsOf(metadataKeys.stream().map(HEX::formatHex).toList());

    Tool.Run limited = Tool.run(fx.clock, "raw", "--db", dir.toString(), "--cf", "addrs",
        "--prefix", "", "--limit", "2");
    assertThat(limited.out().lines().filter(l -> !l.startsWith("raw:"))).hasSize(2);
    assertThat(limited.out()).contains("(--limit reached)");
  }

  @Test
  void nothingFoundIsExitOneAndBadInputExitTwo() {
    Path dir = tmp.resolve("store");
    try (RocksPeerstore ps = fx.open(dir)) {
      fx.populate(ps, 1);
    }
    String absent = TestPeer.generate(KeyType.ED25519).id().toString();
    Tool.Run none = Tool.run(fx.clock, "raw", "--db", dir.toString(), "--cf", "records",
        "--peer", absent);
    assertThat(none.code()).as(none.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(none.out()).contains("raw: 0 entries in records");
    for (String[] args : new String[][] {
        {"raw", "--db", dir.toString(), "--cf", "nope"},
        {"raw", "--db", dir.toString(), "--cf", "addrs", "--key", "zz"},
        {"raw", "--db", dir.toString(), "--key", "00"},
        {"raw", "--db", dir.toString(), "--cf", "addrs", "--peer", "not-a-peer"},
        {"raw", "--db", dir.toString(), "--cf", "expiry", "--peer", absent},
        {"raw", "--db", dir.toString(), "--cf", "addrs", "--key", "00", "--prefix", "00"},
        {"raw", "--db", tmp.resolve("missing").toString()}}) {
      Tool.Run r = Tool.run(fx.clock, args);
      assertThat(r.code()).as(String.join(" ", args) + "\n" + r).isEqualTo(ExitCodes.USAGE);
      UsageTest.assertOneLine(r.err());
    }
  }

  @Test
  void worksWhileANodeHasTheStoreOpen() {
    Path dir = tmp.resolve("store");
    try (RocksPeerstore running = fx.open(dir)) {
      PeerId p = fx.populate(running, 2).get(0).id();
      Tool.Run r = Tool.run(fx.clock, "raw", "--db", dir.toString(), "--cf", "protocols",
          "--peer", p.toString());
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.out()).startsWith(HEX.formatHex(RawStore.peerKey(p)) + " ");
    }
  }
}
