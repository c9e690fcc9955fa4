package org.peerstore.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.KeyProtectionException;
import org.peerstore.PeerSnapshot;
import org.peerstore.conformance.KeySecrets;
import org.peerstore.conformance.TestPeer;
import org.peerstore.peer.PeerId;
import org.peerstore.rocksdb.RocksPeerstore;
import org.peerstore.rocksdb.RocksPeerstoreBuilder;

/**
 * The tool with a store whose private keys are encrypted ({@code privateKeyProtection}, the
 * production Argon2id parameters): {@code export} carries encrypted keys byte for byte without
 * the passphrase, {@code import} keeps them (and with {@code --passphrase-file} checks them and
 * encrypts unencrypted ones), {@code dump} shows only that a key exists, {@code verify} checks
 * the structure, and no output or file shows key material.
 */
class EncryptedKeysToolTest {
  private static final String PASS = "tool s3cret ✓";

  private final Fixture fx = new Fixture();
  private final List<String> outputs = new ArrayList<>();

  @TempDir
  Path tmp;

  private RocksPeerstore open(Path dir, String passphrase) {
    RocksPeerstoreBuilder b = RocksPeerstore.builder(dir).clock(fx.clock)
        .gcInterval(Duration.ZERO).blockCacheSize(1L << 20).writeBufferSize(256L << 10);
    if (passphrase != null) {
      b.privateKeyProtection(passphrase.toCharArray());
    }
    return b.build();
  }

  private Path passFile(String name, String content) throws Exception {
    Path f = tmp.resolve(name + ".pass");
    Files.writeString(f, content, StandardCharsets.UTF_8);
    return f;
  }

  private Tool.Run run(String... args) {
    Tool.Run r = Tool.run(fx.clock, args);
    outputs.add(r.out() + r.err());
    return r;
  }

  /** 6 peers, private keys for peers 0 and 3 (one Ed25519, one ECDSA), stored encrypted. */
  private List<TestPeer> encryptedStore(Path dir) {
    try (RocksPeerstore ps = open(dir, PASS)) {
      return fx.populate(ps, 6);
    }
  }

  private static List<TestPeer> withPrivateKeys(List<TestPeer> peers) {
    return List.of(peers.get(0), peers.get(3));
  }

  private void assertNothingLeaked(List<TestPeer> peers, String... more) {
    String all = String.join("\n", outputs) + String.join("\n", more);
    for (TestPeer t : withPrivateKeys(peers)) {
      assertThat(KeySecrets.leakIn(all, t.privKey())).isEmpty();
      assertThat(all).doesNotContain(Base64.getEncoder().encodeToString(t.privKey().marshal()));
    }
  }

  @Test
  void exportCarriesEncryptedKeysAsStoredAndImportKeepsThem() throws Exception {
    Path src = tmp.resolve("src");
    List<TestPeer> peers = encryptedStore(src);
    Map<PeerId, PeerSnapshot> expected;
    try (RocksPeerstore ps = open(src, PASS)) {
      expected = Fixture.snapshots(ps);
    }
    Path file = tmp.resolve("peers.jsonl");
    Tool.Run ex = run("export", "--db", src.toString(), "--out", file.toString());
    assertThat(ex.code()).as(ex.toString()).isZero();
    String text = Files.readString(file, StandardCharsets.UTF_8);
    ObjectMapper json = new ObjectMapper();
    int encrypted = 0;
    for (String line : text.split("\n")) {
      JsonNode o = json.readTree(line);
      assertThat(o.has("privateKey")).as(line).isFalse();
      if (o.has("privateKeyEncrypted")) {
        encrypted++;
        assertThat(Base64.getDecoder().decode(o.get("privateKeyEncrypted").textValue())[0])
            .isZero();
      }
    }
    assertThat(encrypted).isEqualTo(2);
    assertNothingLeaked(peers, text);

    // Imported without a passphrase: stored as they are, readable with the passphrase.
    Path dst = tmp.resolve("dst");
    Tool.Run im = run("import", "--db", dst.toString(), "--in", file.toString());
    assertThat(im.code()).as(im.toString()).isZero();
    try (RocksPeerstore ps = open(dst, null)) {
      for (TestPeer t : withPrivateKeys(peers)) {
        assertThatThrownBy(() -> ps.privKey(t.id())).isInstanceOf(KeyProtectionException.class);
        assertThat(ps.snapshotEncrypted(t.id()).orElseThrow().encryptedPrivKey()).isNotNull();
      }
    }
    try (RocksPeerstore ps = open(dst, PASS); RocksPeerstore old = open(src, null)) {
      assertThat(Fixture.snapshots(ps)).isEqualTo(expected);
      for (TestPeer t : withPrivateKeys(peers)) {
        assertThat(ps.privKey(t.id())).contains(t.privKey());
        assertThat(ps.snapshotEncrypted(t.id())).isEqualTo(old.snapshotEncrypted(t.id()));
      }
    }

    // Imported with the passphrase: checked, the same.
    Path checked = tmp.resolve("checked");
    Tool.Run im2 = run("import", "--db", checked.toString(), "--in", file.toString(),
        "--passphrase-file", passFile("pass", PASS + "\n").toString());
    assertThat(im2.code()).as(im2.toString()).isZero();
    try (RocksPeerstore ps = open(checked, PASS)) {
      assertThat(Fixture.snapshots(ps)).isEqualTo(expected);
    }

    // Imported with another passphrase: every encrypted line is bad, nothing is imported.
    Path wrong = tmp.resolve("wrong");
    Tool.Run im3 = run("import", "--db", wrong.toString(), "--in", file.toString(),
        "--passphrase-file", passFile("wrong", "not it").toString());
    assertThat(im3.code()).as(im3.toString()).isEqualTo(1);
    assertThat(im3.err()).contains("cannot be decrypted").contains(peers.get(0).id().toString());
    assertThat(im3.out()).contains("2 bad lines").contains("nothing imported");
    try (RocksPeerstore ps = open(wrong, null)) {
      assertThat(ps.peers()).isEmpty();
    }
    assertNothingLeaked(peers);
  }

  @Test
  void importWithAPassphraseEncryptsUnencryptedKeys() throws Exception {
    Path src = tmp.resolve("plain");
    List<TestPeer> peers;
    try (RocksPeerstore ps = open(src, null)) {
      peers = fx.populate(ps, 4);
    }
    Path file = tmp.resolve("plain.jsonl");
    assertThat(run("export", "--db", src.toString(), "--out", file.toString()).code()).isZero();
    assertThat(Files.readString(file)).contains("\"privateKey\"");
    Path dst = tmp.resolve("dst");
    Tool.Run im = run("import", "--db", dst.toString(), "--in", file.toString(),
        "--passphrase-file", passFile("pass", PASS).toString());
    assertThat(im.code()).as(im.toString()).isZero();
    TestPeer t = peers.get(0);
    try (RocksPeerstore ps = open(dst, null)) {
      assertThatThrownBy(() -> ps.privKey(t.id())).isInstanceOf(KeyProtectionException.class);
      assertThat(ps.pubKey(t.id())).contains(t.pubKey());
    }
    try (RocksPeerstore ps = open(dst, PASS)) {
      assertThat(ps.privKey(t.id())).contains(t.privKey());
    }
    // Exported again: encrypted now.
    Path again = tmp.resolve("again.jsonl");
    assertThat(run("export", "--db", dst.toString(), "--out", again.toString()).code()).isZero();
    assertThat(Files.readString(again)).doesNotContain("\"privateKey\"")
        .contains("\"privateKeyEncrypted\"");
  }

  @Test
  void dumpShowsOnlyThatAnEncryptedKeyExists() {
    Path dir = tmp.resolve("store");
    List<TestPeer> peers = encryptedStore(dir);
    for (TestPeer t : withPrivateKeys(peers)) {
      Tool.Run r = run("dump", "--db", dir.toString(), t.id().toString());
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.out())
          .contains("keys\n  public key " + t.pubKey().type())
          .contains("  private key, encrypted (AES-256-GCM, Argon2id v1.3 m=19456 KiB, t=2,"
              + " p=1; ")
          .contains("not decrypted, not shown)")
          .doesNotContain("PROBLEM");
    }
    assertNothingLeaked(peers);
  }

  @Test
  void verifyChecksTheStructureOfEncryptedKeysButCannotCheckTheirTag() throws Exception {
    Path dir = tmp.resolve("store");
    List<TestPeer> peers = encryptedStore(dir);
    Tool.Run ok = run("verify", "--db", dir.toString());
    assertThat(ok.code()).as(ok.toString()).isZero();
    assertThat(ok.out()).contains("verify: no problems found");
    TestPeer a = peers.get(0);
    TestPeer b = peers.get(3);
    byte[] keyA = RawStore.peerKey(a.id(), (byte) 2);
    byte[] keyB = RawStore.peerKey(b.id(), (byte) 2);
    try (RawStore raw = new RawStore(dir)) {
      byte[] v = raw.get("keys", keyA);
      v[v.length - 1] ^= 1; // the tag: only a store with the passphrase can tell
      raw.put("keys", keyA, v);
      byte[] w = raw.get("keys", keyB);
      w[1] = 7; // an unknown format version: a structure error
      raw.put("keys", keyB, w);
    }
    Tool.Run r = run("verify", "--db", dir.toString());
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out())
        .contains("PROBLEM peer " + b.id() + " in column family \"keys\": encrypted private key"
            + " has unknown format version 7")
        .contains("verify: 1 problem found")
        .doesNotContain(a.id().toString());
    try (RocksPeerstore ps = open(dir, PASS)) {
      assertThatThrownBy(() -> ps.privKey(a.id())).isInstanceOf(KeyProtectionException.class);
    }
    assertNothingLeaked(peers);
  }

  @Test
  void passphraseFilesAreCheckedAndOneTrailingLineBreakIsDropped() throws Exception {
    Path src = tmp.resolve("src");
    List<TestPeer> peers = encryptedStore(src);
    Path file = tmp.resolve("peers.jsonl");
    assertThat(run("export", "--db", src.toString(), "--out", file.toString()).code()).isZero();
    Tool.Run missing = run("import", "--db", tmp.resolve("a").toString(), "--in",
        file.toString(), "--passphrase-file", tmp.resolve("nope").toString());
    assertThat(missing.code()).isEqualTo(2);
    UsageTest.assertOneLine(missing.err());
    assertThat(missing.err()).contains("cannot read passphrase file");
    Tool.Run empty = run("import", "--db", tmp.resolve("b").toString(), "--in", file.toString(),
        "--passphrase-file", passFile("empty", "\r\n").toString());
    assertThat(empty.code()).isEqualTo(2);
    assertThat(empty.err()).contains("holds an empty passphrase");
    Files.write(tmp.resolve("latin1"), new byte[] {'a', (byte) 0xe9});
    Tool.Run latin1 = run("import", "--db", tmp.resolve("c").toString(), "--in",
        file.toString(), "--passphrase-file", tmp.resolve("latin1").toString());
    assertThat(latin1.code()).isEqualTo(2);
    assertThat(latin1.err()).contains("is not UTF-8 text");
    Tool.Run crlf = run("import", "--db", tmp.resolve("d").toString(), "--in", file.toString(),
        "--passphrase-file", passFile("crlf", PASS + "\r\n").toString());
    assertThat(crlf.code()).as(crlf.toString()).isZero();
    Tool.Run twoBreaks = run("import", "--db", tmp.resolve("e").toString(), "--in",
        file.toString(), "--passphrase-file", passFile("two", PASS + "\n\n").toString());
    assertThat(twoBreaks.code()).as("only one line break is dropped").isEqualTo(1);
    assertNothingLeaked(peers);
  }
}
