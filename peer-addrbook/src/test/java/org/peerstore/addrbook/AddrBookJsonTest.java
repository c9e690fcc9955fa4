package org.peerstore.addrbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.peerstore.Peerstore;
import org.peerstore.memory.MemoryPeerstore;

/** addrbook.json: the test vector in CometBFT's format, round trips, malformed files. */
class AddrBookJsonTest {
  private final Peerstore store = MemoryPeerstore.builder().build();

  @AfterEach
  void close() {
    store.close();
  }

  static String resource(String name) throws IOException {
    try (InputStream in = AddrBookJsonTest.class.getResourceAsStream("/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static AddrBookFile parse(String json) {
    return AddrBookJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void writerWritesTheFileByteForByte() throws IOException {
    String text = resource("addrbook.json");
    AddrBookFile file = parse(text);
    assertThat(file.addrs()).hasSize(40);
    assertThat(file.key()).isEqualTo("4e3f1c0b9a8d7e6f5a4b3c2d");
    assertThat(AddrBookJson.toJson(file)).isEqualTo(text);
  }

  @Test
  void importExportKeepsEveryEntryAndTheKey() throws IOException {
    AddrBookFile file = parse(resource("addrbook.json"));
    AddressBook book = AddressBook.builder(store).random(new Random(1)).build();
    ImportResult r = book.importFile(file);
    assertThat(r).isEqualTo(new ImportResult(40, 0, true));
    AddrBookFile out = book.exportFile();
    assertThat(out.key()).isEqualTo(file.key());
    assertThat(new HashSet<>(out.addrs())).isEqualTo(new HashSet<>(file.addrs()));
    assertThat(book.oldCount()).isEqualTo(10);
    assertThat(book.newCount()).isEqualTo(30);
    // Reloaded from the store: the same; exported again: the same bytes.
    AddressBook again = AddressBook.builder(store).build();
    assertThat(AddrBookJson.toJson(again.exportFile())).isEqualTo(AddrBookJson.toJson(out));
    assertThat(parse(AddrBookJson.toJson(out))).isEqualTo(out);
  }

  @Test
  void legacyCapitalisedFormImports() throws IOException {
    AddrBookFile legacy = parse(resource("addrbook-legacy.json"));
    AddrBookFile current = parse(resource("addrbook.json"));
    assertThat(legacy.key()).isEqualTo("0123456789abcdef01234567");
    assertThat(legacy.addrs()).hasSize(5);
    for (int i = 0; i < 5; i++) {
      // The legacy form has no last_ban_time: zero, as the current file's entries here.
      assertThat(legacy.addrs().get(i)).isEqualTo(current.addrs().get(i));
    }
  }

  @Test
  void timesKeepNanosecondsAndOffsets() {
    assertThat(AddrBookJson.rfc3339(Instant.parse("2024-01-02T03:04:05.120Z")))
        .isEqualTo("2024-01-02T03:04:05.12Z");
    assertThat(AddrBookJson.rfc3339(KnownAddress.ZERO_TIME)).isEqualTo("0001-01-01T00:00:00Z");
    String json = entryJson("\"last_attempt\": \"2024-01-02T05:04:05.000000001+02:00\"");
    assertThat(parse(json).addrs().get(0).lastAttempt())
        .isEqualTo(Instant.parse("2024-01-02T03:04:05.000000001Z"));
  }

  static String entryJson(String extra) {
    return "{\"key\":\"abc\",\"addrs\":[{\"addr\":{\"id\":\"" + Addrs.id(1)
        + "\",\"ip\":\"1.2.3.4\",\"port\":26656},\"src\":{\"id\":\"" + Addrs.id(2)
        + "\",\"ip\":\"5.6.7.8\",\"port\":26656},\"buckets\":[3],\"bucket_type\":1"
        + (extra.isEmpty() ? "" : "," + extra) + "}]}";
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "\"addr\":{\"id\":\"zz\",\"ip\":\"1.2.3.4\",\"port\":1}|addr.id",
      "\"addr\":{\"id\":\"" + "0123456789012345678901234567890123456789" + "\",\"ip\":\"example.com\",\"port\":1}|addr.ip",
      "\"src\":{\"id\":\"" + "0123456789012345678901234567890123456789" + "\",\"ip\":\"1.2.3.4\",\"port\":70000}|src.port",
      "\"bucket_type\":3|bucket_type",
      "\"buckets\":[256]|buckets",
      "\"buckets\":[1,2,3,4,5]|buckets",
      "\"buckets\":[]|buckets",
      "\"attempts\":\"x\"|attempts",
      "\"last_success\":\"yesterday\"|last_success",
      "\"last_ban_time\":12|last_ban_time",
  })
  void malformedEntryIsRefusedNamingIndexAndField(String override, String field) {
    String good = entryJson("");
    String bad = "{\"key\":\"abc\",\"addrs\":[" + good.substring(good.indexOf('[') + 1,
        good.lastIndexOf(']')) + ",{" + goodFields() + "," + override + "}]}";
    assertThatThrownBy(() -> parse(bad))
        .isInstanceOfSatisfying(MalformedAddrBookException.class, e -> {
          assertThat(e.entry()).isEqualTo(1);
          assertThat(e.field()).isEqualTo(field);
          assertThat(e.getMessage()).contains("addrs[1]").contains(field);
        });
  }

  /** The fields of a valid entry (Jackson keeps the last of a repeated field). */
  static String goodFields() {
    String e = entryJson("");
    return e.substring(e.indexOf("[{") + 2, e.lastIndexOf("}]"));
  }

  @Test
  void malformedFileImportsNothing() {
    AddressBook book = AddressBook.builder(store).build();
    AddrBookFile ok = parse(entryJson(""));
    KnownAddress dup = ok.addrs().get(0);
    AddrBookFile twice = new AddrBookFile("k", java.util.List.of(dup, dup));
    assertThatThrownBy(() -> book.importFile(twice))
        .isInstanceOfSatisfying(MalformedAddrBookException.class,
            e -> assertThat(e.entry()).isEqualTo(1));
    assertThat(book.size()).isZero();
    assertThat(AddressBook.builder(store).build().size()).isZero();
    assertThatThrownBy(() -> parse("[1]")).isInstanceOf(MalformedAddrBookException.class);
    assertThatThrownBy(() -> parse("{\"addrs\":[]}"))
        .isInstanceOfSatisfying(MalformedAddrBookException.class,
            e -> assertThat(e.field()).isEqualTo("key"));
    assertThatThrownBy(() -> parse("{\"key\":"))
        .isInstanceOf(MalformedAddrBookException.class);
  }

  @Test
  void importIntoANonEmptyBookKeepsItsKeyAndReplacesSameIds() throws IOException {
    AddressBook book = AddressBook.builder(store).random(new Random(3)).build();
    book.addAddress(Addrs.addr(1), Addrs.addr(2));
    String key = book.exportFile().key();
    AddrBookFile file = parse(resource("addrbook.json"));
    ImportResult r = book.importFile(file);
    assertThat(r.keyAdopted()).isFalse();
    assertThat(r.imported()).isEqualTo(40);
    assertThat(book.exportFile().key()).isEqualTo(key);
    assertThat(book.size()).isEqualTo(41);
    assertThat(book.importFile(file)).isEqualTo(new ImportResult(40, 0, false));
    assertThat(book.size()).isEqualTo(41);
  }
}
