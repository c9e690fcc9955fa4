package org.peerstore.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.StorageException;
import org.peerstore.rocksdb.pb.RocksValues.StoreInfo;

// "try": resources held only for their scope (a use of the store, a lock) are never read.
@SuppressWarnings("try")
class StoreDbTest {

  static final StoreTuning TUNING = new StoreTuning(8L << 20, 10, 1L << 20, false);

  @TempDir Path dir;

  @Test
  void createsEveryColumnFamilyAndStampsTheSchema() throws Exception {
    StoreOpen.live(dir, TUNING).close();
    try (RawRocks raw = RawRocks.open(dir)) {
      for (ColumnFamily cf : ColumnFamily.values()) {
        assertThat(raw.handle(cf)).isNotNull();
      }
      assertThat(StoreInfo.parseFrom(raw.get(ColumnFamily.DEFAULT, StoreKeys.SCHEMA)).getSchemaVersion())
          .isEqualTo(StoreDb.SCHEMA_VERSION);
    }
  }

  @Test
  void valuesSurviveReopen() {
    byte[] key = StoreKeys.peer(new byte[] {0, 1, 7});
    try (StoreDb db = StoreOpen.live(dir, TUNING)) {
      db.put(ColumnFamily.PROTOCOLS, key, new byte[] {42});
    }
    try (StoreDb db = StoreOpen.live(dir, TUNING)) {
      assertThat(db.get(ColumnFamily.PROTOCOLS, key)).containsExactly(42);
      assertThat(db.get(ColumnFamily.ADDRS, key)).isNull();
    }
  }

  @Test
  void secondOpenInThisProcessFailsClearly() {
    try (StoreDb first = StoreOpen.live(dir, TUNING)) {
      assertThatThrownBy(() -> StoreOpen.live(dir, TUNING))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("in use by another process")
          .hasMessageContaining(dir.toString());
    }
    // the failed attempt released everything it had created: the directory opens again
    StoreOpen.live(dir, TUNING).close();
  }

  @Test
  void openWhileAnotherProcessHoldsTheDirectoryFailsClearly() throws Exception {
    Process child = ChildJvm.start(LockHolderMain.class, dir.toString());
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("READY");
      assertThatThrownBy(() -> StoreOpen.live(dir, TUNING))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("in use by another process");
      child.getOutputStream().close();
      assertThat(out.readLine()).isEqualTo("CLOSED");
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).isZero();
    } finally {
      child.destroyForcibly();
    }
    StoreOpen.live(dir, TUNING).close();
  }

  @Test
  void refusesAStoreWrittenByANewerSchema() throws Exception {
    StoreOpen.live(dir, TUNING).close();
    try (RawRocks raw = RawRocks.open(dir)) {
      raw.put(
          ColumnFamily.DEFAULT,
          StoreKeys.SCHEMA,
          StoreInfo.newBuilder().setSchemaVersion(StoreDb.SCHEMA_VERSION + 1).build().toByteArray());
    }
    assertThatThrownBy(() -> StoreOpen.live(dir, TUNING))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("newer")
        .hasMessageContaining("schema version " + (StoreDb.SCHEMA_VERSION + 1));
  }

  @Test
  void refusesAnUnreadableSchemaEntry() throws Exception {
    StoreOpen.live(dir, TUNING).close();
    try (RawRocks raw = RawRocks.open(dir)) {
      raw.put(ColumnFamily.DEFAULT, StoreKeys.SCHEMA, new byte[] {(byte) 0xff, (byte) 0xff});
    }
    assertThatThrownBy(() -> StoreOpen.live(dir, TUNING))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("unreadable schema");
  }

  @Test
  void refusesUnknownColumnFamilies() throws Exception {
    StoreOpen.live(dir, TUNING).close();
    RawRocks.open(dir, "from-the-future").close();
    assertThatThrownBy(() -> StoreOpen.live(dir, TUNING))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("from-the-future");
  }

  @Test
  void failsClearlyWhenTheDirectoryCannotBeCreated() throws Exception {
    Path file = Files.writeString(dir.resolve("plain-file"), "x");
    assertThatThrownBy(() -> StoreOpen.live(file.resolve("db"), TUNING))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("cannot create store directory");
  }

  @Test
  void scanOfOnePeerNeverSeesAPeerWhoseIdExtendsIt() {
    byte[] foo = "foo".getBytes(StandardCharsets.US_ASCII);
    byte[] foobar = "foobar".getBytes(StandardCharsets.US_ASCII);
    try (StoreDb db = StoreOpen.live(dir, TUNING)) {
      db.put(ColumnFamily.METADATA, StoreKeys.metadata(foo, "a"), new byte[] {1});
      db.put(ColumnFamily.METADATA, StoreKeys.metadata(foobar, "a"), new byte[] {2});
      db.put(ColumnFamily.METADATA, StoreKeys.metadata(foobar, ""), new byte[] {3});
      byte[] prefix = StoreKeys.peer(foo);
      List<byte[]> seen = new ArrayList<>();
      db.scan(ColumnFamily.METADATA, prefix, StoreKeys.prefixEnd(prefix), true, (k, v) -> seen.add(v));
      assertThat(seen).containsExactly(new byte[] {1});
    }
  }

  @Test
  void scanStopsWhenTheVisitorSaysSo() {
    try (StoreDb db = StoreOpen.live(dir, TUNING)) {
      for (int i = 1; i <= 5; i++) {
        db.put(ColumnFamily.EXPIRY, StoreKeys.expiry(i, new byte[] {1}), new byte[0]);
      }
      List<Long> seen = new ArrayList<>();
      db.scan(ColumnFamily.EXPIRY, null, StoreKeys.expiryBound(4), false, (k, v) -> {
        try {
          seen.add(StoreKeys.expiryOf(k));
        } catch (CorruptValueException e) {
          throw new AssertionError(e);
        }
        return seen.size() < 2;
      });
      assertThat(seen).containsExactly(1L, 2L);
    }
  }
}
