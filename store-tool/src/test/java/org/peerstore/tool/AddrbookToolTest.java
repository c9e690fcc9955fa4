package org.peerstore.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.addrbook.AddrBookFile;
import org.peerstore.addrbook.AddrBookJson;

/** {@code import-addrbook} and {@code export-addrbook}. */
class AddrbookToolTest {
  private final Fixture fx = new Fixture();

  private static byte[] vector() throws Exception {
    try (InputStream in = AddrbookToolTest.class.getResourceAsStream("/cometbft-addrbook.json")) {
      return in.readAllBytes();
    }
  }

  @Test
  void importThenExportGivesTheSameEntries(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("store");
    Path file = tmp.resolve("addrbook.json");
    Files.write(file, vector());
    Tool.Run r = Tool.run(fx.clock, "import-addrbook", "--db", dir.toString(), "--in",
        file.toString(), "--json");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode o = JsonMapper.builder().build().readTree(r.out());
    assertThat(o.get("imported").asInt()).isEqualTo(40);
    assertThat(o.get("new").asInt()).isEqualTo(30);
    assertThat(o.get("old").asInt()).isEqualTo(10);

    Path out = tmp.resolve("out.json");
    r = Tool.run(fx.clock, "export-addrbook", "--db", dir.toString(), "--out", out.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("exported 40 addresses");
    AddrBookFile in = AddrBookJson.read(Files.newInputStream(file));
    AddrBookFile back = AddrBookJson.read(Files.newInputStream(out));
    assertThat(back.key()).isEqualTo(in.key());
    assertThat(new HashSet<>(back.addrs())).isEqualTo(new HashSet<>(in.addrs()));

    r = Tool.run(fx.clock, "export-addrbook", "--db", dir.toString(), "--out", "-");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out().trim()).isEqualTo(Files.readString(out, StandardCharsets.UTF_8));
    assertThat(r.err()).contains("exported 40 addresses");

    r = Tool.run(fx.clock, "stats", "--db", dir.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("address book      30 new, 10 old, 0 banned");
    r = Tool.run(fx.clock, "stats", "--db", dir.toString(), "--json");
    JsonNode stats = JsonMapper.builder().build().readTree(r.out());
    assertThat(stats.get("addrbook").get("old").asInt()).isEqualTo(10);
  }

  @Test
  void malformedFileExitsTwoAndImportsNothing(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("store");
    String bad = new String(vector(), StandardCharsets.UTF_8)
        .replaceFirst("\"bucket_type\": 1", "\"bucket_type\": 7");
    Tool.Run r = Tool.runWithInput(fx.clock, bad.getBytes(StandardCharsets.UTF_8),
        "import-addrbook", "--db", dir.toString(), "--in", "-");
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("addrs[1]").contains("bucket_type");
    assertThat(Files.exists(dir)).as("no store created").isFalse();
  }
}
