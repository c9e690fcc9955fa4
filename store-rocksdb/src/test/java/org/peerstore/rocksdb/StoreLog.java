package org.peerstore.rocksdb;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The records {@link RocksPeerstore}'s {@code java.util.logging} logger publishes while this is
 * open (the store and its helpers log through it), for tests that check what was logged.
 * Closing detaches the handler and restores the logger's level. Thread-safe.
 */
final class StoreLog implements AutoCloseable {
  private final Logger logger = Logger.getLogger(RocksPeerstore.class.getName());
  private final Level levelBefore = logger.getLevel();
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

  private StoreLog(Level level) {
    if (level != null) {
      logger.setLevel(level);
    }
    logger.addHandler(handler);
  }

  /** Captures what the logger publishes at its configured level. */
  static StoreLog capture() {
    return new StoreLog(null);
  }

  /** Captures every record, whatever the level, until closed. */
  static StoreLog captureAll() {
    return new StoreLog(Level.ALL);
  }

  /** A copy of the records captured so far, oldest first. */
  List<LogRecord> records() {
    synchronized (records) {
      return new ArrayList<>(records);
    }
  }

  /** Forgets the records captured so far. */
  void clear() {
    synchronized (records) {
      records.clear();
    }
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
    logger.setLevel(levelBefore);
  }
}
