package org.peerstore.rocksdb;

import java.lang.System.Logger.Level;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.Logger;

/**
 * RocksDB's own log (what it would write to the {@code LOG} file in the store directory) passed
 * to the {@link System.Logger} named {@value #LOGGER_NAME}, each line prefixed with the store
 * directory. Lines below the store's level are dropped inside RocksDB, before they cross JNI.
 * Levels map as: DEBUG to {@link Level#DEBUG}, INFO to {@link Level#INFO}, WARN to
 * {@link Level#WARNING}, ERROR and FATAL to {@link Level#ERROR}; HEADER lines (the options dump
 * at open) go out at {@link Level#INFO} and only when the store's level is INFO or lower
 * (RocksDB emits them whatever its level). A native object: created and closed with the
 * store's other RocksDB objects ({@link StoreOpen}). {@link #log} runs on RocksDB's threads
 * and never throws.
 */
final class RocksLog extends Logger {
  /** The name of the logger RocksDB's lines go to. */
  static final String LOGGER_NAME = "org.rocksdb";

  private final String store;
  private final boolean headers;

  /**
   * A logger for the store in {@code store} passing lines of at least {@code level}.
   *
   * @throws IllegalArgumentException if {@code level} is {@link Level#OFF} (install none)
   */
  RocksLog(String store, Level level) {
    super(toRocks(level));
    this.store = store;
    this.headers = level.getSeverity() <= Level.INFO.getSeverity();
  }

  /** RocksDB's level for the least System.Logger level passed on. */
  static InfoLogLevel toRocks(Level level) {
    switch (level) {
      case ALL:
      case TRACE:
      case DEBUG:
        return InfoLogLevel.DEBUG_LEVEL;
      case INFO:
        return InfoLogLevel.INFO_LEVEL;
      case WARNING:
        return InfoLogLevel.WARN_LEVEL;
      case ERROR:
        return InfoLogLevel.ERROR_LEVEL;
      default:
        throw new IllegalArgumentException("no RocksDB log level for " + level);
    }
  }

  /** The System.Logger level of a RocksDB line of {@code level}, or null to drop it. */
  Level toJava(InfoLogLevel level) {
    switch (level) {
      case DEBUG_LEVEL:
        return Level.DEBUG;
      case INFO_LEVEL:
        return Level.INFO;
      case WARN_LEVEL:
        return Level.WARNING;
      case ERROR_LEVEL:
      case FATAL_LEVEL:
        return Level.ERROR;
      case HEADER_LEVEL:
        return headers ? Level.INFO : null;
      default:
        return null;
    }
  }

  @Override
  protected void log(InfoLogLevel level, String message) {
    Level to = toJava(level);
    if (to == null) {
      return;
    }
    try {
      // Looked up per line, not held: a logger drags JDK internals into the store's object
      // graph (as GcLoop notes), and RocksDB logs rarely at the default level.
      System.Logger log = System.getLogger(LOGGER_NAME);
      if (log.isLoggable(to)) {
        log.log(to, "rocksdb {0}: {1}", store, message.strip());
      }
    } catch (RuntimeException e) {
      // A broken logging backend must not unwind into RocksDB's native thread.
    }
  }
}
