package org.peerstore.rocksdb;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.Logger;

/**
 * RocksDB's own log (what it would write to the {@code LOG} file in the store directory),
 * installed on every open instead of that file. Two jobs:
 *
 * <ul>
 *   <li><b>The log bridge.</b> Lines of at least the store's level
 *       ({@link RocksPeerstoreBuilder#rocksLogLevel}, default WARNING; OFF passes none) go to the
 *       {@link System.Logger} named {@value #LOGGER_NAME}, each prefixed with the store
 *       directory. Levels map as: DEBUG to {@link Level#DEBUG}, INFO to {@link Level#INFO}, WARN
 *       to {@link Level#WARNING}, ERROR and FATAL to {@link Level#ERROR}; HEADER lines (the
 *       options dump at open) go out at {@link Level#INFO} and only when the store's level is
 *       INFO or lower. Lines below both the store's level and WARN are dropped inside RocksDB,
 *       before they cross JNI.
 *   <li><b>Write-ahead log recovery.</b> RocksDB reports each torn or damaged log record it stops
 *       at as "{@code <file>.log: dropping N bytes; <status>}" (a WARN line, so RocksDB always
 *       sends WARN lines here, whatever the store's level); each is counted, logged at WARNING to
 *       the store's logger ({@code org.peerstore.rocksdb.RocksPeerstore}) and summed up by
 *       {@link #recovery} (docs/STORAGE.md, "Write-ahead log recovery").
 * </ul>
 *
 * <p>A native object: created and closed with the store's other RocksDB objects
 * ({@link StoreOpen}). {@link #log} runs on RocksDB's threads, is thread-safe and never throws.
 * Loggers are looked up per line, not held: a held logger drags JDK internals into the store's
 * object graph (as {@code GcLoop} notes).
 */
final class RocksLog extends Logger {
  /** The name of the logger RocksDB's lines go to. */
  static final String LOGGER_NAME = "org.rocksdb";
  private static final String STORE_LOGGER = RocksPeerstore.class.getName();
  private static final Pattern DROP = Pattern.compile("\\.log: dropping (\\d+) bytes");

  private final String store;
  /** The least level passed on, or {@link Level#OFF}. */
  private final Level level;
  private final boolean headers;
  private final AtomicLong droppedRecords = new AtomicLong();
  private final AtomicLong droppedBytes = new AtomicLong();
  private final List<String> messages = new ArrayList<>();

  /** A logger for the store in {@code store} passing lines of at least {@code level}. */
  RocksLog(String store, Level level) {
    super(toRocks(level));
    this.store = store;
    this.level = level;
    this.headers = level.getSeverity() <= Level.INFO.getSeverity();
  }

  /** RocksDB's level: the store's, but never above WARN (recovery reports are WARN lines). */
  static InfoLogLevel toRocks(Level level) {
    switch (level) {
      case ALL:
      case TRACE:
      case DEBUG:
        return InfoLogLevel.DEBUG_LEVEL;
      case INFO:
        return InfoLogLevel.INFO_LEVEL;
      default:
        return InfoLogLevel.WARN_LEVEL;
    }
  }

  /** The System.Logger level of a RocksDB line, or null when it is not passed on. */
  Level toJava(InfoLogLevel rocksLevel) {
    Level to;
    switch (rocksLevel) {
      case DEBUG_LEVEL:
        to = Level.DEBUG;
        break;
      case INFO_LEVEL:
        to = Level.INFO;
        break;
      case WARN_LEVEL:
        to = Level.WARNING;
        break;
      case ERROR_LEVEL:
      case FATAL_LEVEL:
        to = Level.ERROR;
        break;
      case HEADER_LEVEL:
        to = headers ? Level.INFO : null;
        break;
      default:
        to = null;
    }
    if (to == null || level == Level.OFF || to.getSeverity() < level.getSeverity()) {
      return null;
    }
    return to;
  }

  @Override
  protected void log(InfoLogLevel rocksLevel, String message) {
    try {
      String text = message == null ? "" : message.strip();
      Matcher drop = DROP.matcher(text);
      if (drop.find()) {
        recordDrop(drop, text);
      }
      Level to = toJava(rocksLevel);
      if (to == null) {
        return;
      }
      System.Logger log = System.getLogger(LOGGER_NAME);
      if (log.isLoggable(to)) {
        log.log(to, "rocksdb {0}: {1}", store, text);
      }
    } catch (RuntimeException e) {
      // A broken logging backend must not unwind into RocksDB's native thread.
    }
  }

  private void recordDrop(Matcher drop, String text) {
    droppedRecords.incrementAndGet();
    try {
      droppedBytes.addAndGet(Long.parseLong(drop.group(1)));
    } catch (NumberFormatException e) {
      // a count beyond a long: keep the record count, not the bytes
    }
    String line = withoutSourceLocation(text);
    synchronized (messages) {
      if (messages.size() < 10) {
        messages.add(line);
      }
    }
    System.getLogger(STORE_LOGGER).log(Level.WARNING, "peerstore {0}: write-ahead log recovery"
        + " dropped a torn or damaged record; writes logged after it are lost: {1}", store, line);
  }

  private static String withoutSourceLocation(String text) {
    if (text.startsWith("[") && text.indexOf("] ") > 0) {
      return text.substring(text.indexOf("] ") + 2);
    }
    return text;
  }

  /** What recovery dropped so far, with the database's sequence number after the open. */
  WalRecovery recovery(long sequence) {
    synchronized (messages) {
      return new WalRecovery(droppedRecords.get(), droppedBytes.get(), sequence,
          new ArrayList<>(messages));
    }
  }
}
