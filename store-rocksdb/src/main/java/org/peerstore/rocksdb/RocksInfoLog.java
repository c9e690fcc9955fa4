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
 * RocksDB's info log, routed to the store's {@code java.lang.System.Logger} (logger
 * {@code org.peerstore.rocksdb.RocksPeerstore}) instead of a {@code LOG} file in the store
 * directory: RocksDB warnings at WARNING, errors at ERROR. It also watches write-ahead log
 * recovery: RocksDB reports each torn or damaged log record it stops at as
 * "{@code <file>: dropping N bytes; <status>}", which is counted here and summed up by
 * {@link #recovery} (docs/STORAGE.md, "Write-ahead log recovery").
 *
 * <p>Thread-safe: RocksDB calls {@link #log} from its own threads. Closed after the database
 * it was given to.
 */
final class RocksInfoLog extends Logger {
  private static final System.Logger LOG = System.getLogger(RocksPeerstore.class.getName());
  private static final Pattern DROP = Pattern.compile("\\.log: dropping (\\d+) bytes");

  private final String store;
  private final AtomicLong droppedRecords = new AtomicLong();
  private final AtomicLong droppedBytes = new AtomicLong();
  private final List<String> messages = new ArrayList<>();

  /** A log for the store in {@code store} (named in every message), at WARN and above. */
  RocksInfoLog(String store) {
    super(InfoLogLevel.WARN_LEVEL);
    this.store = store;
  }

  @Override
  protected void log(InfoLogLevel level, String message) {
    String text = message == null ? "" : message.strip();
    Matcher drop = DROP.matcher(text);
    if (drop.find()) {
      droppedRecords.incrementAndGet();
      try {
        droppedBytes.addAndGet(Long.parseLong(drop.group(1)));
      } catch (NumberFormatException e) {
        // a count beyond a long: keep the record count, not the bytes
      }
      synchronized (messages) {
        if (messages.size() < 10) {
          messages.add(withoutSourceLocation(text));
        }
      }
      LOG.log(Level.WARNING, "peerstore {0}: write-ahead log recovery dropped a torn or damaged"
          + " record; writes logged after it are lost: {1}", store, withoutSourceLocation(text));
      return;
    }
    Level to = switch (level) {
      case ERROR_LEVEL, FATAL_LEVEL -> Level.ERROR;
      case WARN_LEVEL, HEADER_LEVEL -> Level.WARNING;
      default -> Level.DEBUG;
    };
    LOG.log(to, "peerstore {0}: RocksDB: {1}", store, withoutSourceLocation(text));
  }

  /** RocksDB prefixes messages with "[/file.cc:123] "; operators need the rest. */
  private static String withoutSourceLocation(String text) {
    if (text.startsWith("[") && text.indexOf("] ") > 0) {
      return text.substring(text.indexOf("] ") + 2);
    }
    return text;
  }

  /** What recovery dropped so far, with {@code sequence} the database's latest sequence. */
  WalRecovery recovery(long sequence) {
    synchronized (messages) {
      return new WalRecovery(droppedRecords.get(), droppedBytes.get(), sequence,
          new ArrayList<>(messages));
    }
  }
}
