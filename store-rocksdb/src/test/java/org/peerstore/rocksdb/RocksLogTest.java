package org.peerstore.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstore.AddrTtl;
import org.peerstore.conformance.Addrs;
import org.peerstore.conformance.TestPeer;
import org.rocksdb.InfoLogLevel;

/**
 * RocksDB's own log reaches {@link System.Logger} {@code org.rocksdb} (here the JDK's default
 * backend, {@code java.util.logging}) at the builder's level, and the bridge is a native object
 * closed with the store.
 */
class RocksLogTest {
  @TempDir Path dir;

  private final Logger jul = Logger.getLogger(RocksLog.LOGGER_NAME);
  private final java.util.logging.Level levelBefore = jul.getLevel();
  private final List<LogRecord> records = new ArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord r) {
      synchronized (records) {
        records.add(r);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeEach
  void capture() {
    jul.setLevel(java.util.logging.Level.ALL);
    jul.addHandler(handler);
  }

  @AfterEach
  void release() {
    jul.removeHandler(handler);
    jul.setLevel(levelBefore);
  }

  private List<String> messages() {
    synchronized (records) {
      return records.stream()
          .map(r -> new java.text.MessageFormat(r.getMessage()).format(r.getParameters()))
          .toList();
    }
  }

  @Test
  void atInfoRocksDbLinesReachTheLoggerPrefixedWithTheStoreAndNoLogFileIsWritten()
      throws Exception {
    try (RocksPeerstore store = RocksPeerstore.builder(dir).rocksLogLevel(Level.INFO).build()) {
      store.addAddr(TestPeer.generate().id(), Addrs.addr(1), AddrTtl.ADDRESS);
      RocksEscapeHatchTest.flushAll(store); // RocksDB logs each flush at INFO
    }
    List<String> messages = messages();
    assertThat(messages).isNotEmpty();
    assertThat(messages).allMatch(m -> m.startsWith("rocksdb " + dir + ": "));
    assertThat(messages).anyMatch(m -> m.toLowerCase().contains("flush"));
    synchronized (records) {
      assertThat(records).extracting(LogRecord::getLevel)
          .contains(java.util.logging.Level.INFO);
    }
    assertThat(dir.resolve("LOG")).as("RocksDB's own LOG file").doesNotExist();
  }

  @Test
  void atTheDefaultWarningLevelRoutineLinesAreDroppedInsideRocksDb() throws Exception {
    try (RocksPeerstore store = RocksPeerstore.builder(dir).build()) {
      store.addAddr(TestPeer.generate().id(), Addrs.addr(1), AddrTtl.ADDRESS);
      RocksEscapeHatchTest.flushAll(store);
    }
    synchronized (records) {
      assertThat(records).extracting(LogRecord::getLevel)
          .doesNotContain(java.util.logging.Level.INFO, java.util.logging.Level.FINE);
    }
    assertThat(dir.resolve("LOG")).doesNotExist();
  }

  @Test
  void offPassesNothing() throws Exception {
    try (RocksPeerstore store = RocksPeerstore.builder(dir).rocksLogLevel(Level.OFF).build()) {
      store.addAddr(TestPeer.generate().id(), Addrs.addr(1), AddrTtl.ADDRESS);
      RocksEscapeHatchTest.flushAll(store);
    }
    assertThat(messages()).isEmpty();
    assertThat(Files.exists(dir.resolve("CURRENT"))).isTrue();
  }

  @Test
  void levelsMapBothWays() {
    assertThat(RocksLog.toRocks(Level.ALL)).isEqualTo(InfoLogLevel.DEBUG_LEVEL);
    assertThat(RocksLog.toRocks(Level.TRACE)).isEqualTo(InfoLogLevel.DEBUG_LEVEL);
    assertThat(RocksLog.toRocks(Level.DEBUG)).isEqualTo(InfoLogLevel.DEBUG_LEVEL);
    assertThat(RocksLog.toRocks(Level.INFO)).isEqualTo(InfoLogLevel.INFO_LEVEL);
    assertThat(RocksLog.toRocks(Level.WARNING)).isEqualTo(InfoLogLevel.WARN_LEVEL);
    // WAL recovery reports are WARN lines: RocksDB always sends WARN, whatever the store's level.
    assertThat(RocksLog.toRocks(Level.ERROR)).isEqualTo(InfoLogLevel.WARN_LEVEL);
    assertThat(RocksLog.toRocks(Level.OFF)).isEqualTo(InfoLogLevel.WARN_LEVEL);
    try (RocksLog info = new RocksLog("s", Level.INFO);
        RocksLog warning = new RocksLog("s", Level.WARNING);
        RocksLog error = new RocksLog("s", Level.ERROR);
        RocksLog off = new RocksLog("s", Level.OFF)) {
      assertThat(info.infoLogLevel()).isEqualTo(InfoLogLevel.INFO_LEVEL);
      assertThat(info.toJava(InfoLogLevel.HEADER_LEVEL)).isEqualTo(Level.INFO);
      assertThat(warning.toJava(InfoLogLevel.HEADER_LEVEL)).as("options dump dropped").isNull();
      assertThat(warning.toJava(InfoLogLevel.WARN_LEVEL)).isEqualTo(Level.WARNING);
      assertThat(warning.toJava(InfoLogLevel.FATAL_LEVEL)).isEqualTo(Level.ERROR);
      assertThat(warning.toJava(InfoLogLevel.DEBUG_LEVEL)).as("below the level").isNull();
      assertThat(info.toJava(InfoLogLevel.DEBUG_LEVEL)).as("below the level").isNull();
      assertThat(error.toJava(InfoLogLevel.WARN_LEVEL)).as("below the level").isNull();
      assertThat(error.toJava(InfoLogLevel.ERROR_LEVEL)).isEqualTo(Level.ERROR);
      assertThat(off.toJava(InfoLogLevel.FATAL_LEVEL)).as("OFF passes nothing").isNull();
    }
  }

  @Test
  void theBridgeIsClosedWithTheStore() {
    RocksPeerstore store = RocksPeerstore.builder(dir).build();
    RocksLog log = store.parts().db.rocksLog();
    assertThat(log).isNotNull();
    assertThat(log.isOwningHandle()).isTrue();
    store.close();
    assertThat(log.isOwningHandle()).isFalse();
  }
}
