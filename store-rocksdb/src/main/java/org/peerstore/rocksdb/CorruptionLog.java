package org.peerstore.rocksdb;

import java.lang.System.Logger.Level;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts values (and keys) found corrupt at read time, per column family, and logs the first
 * one of each column family at WARNING. Nothing here deletes or repairs data: the entry is
 * treated as absent by the caller and stays on disk for a verify tool to report.
 *
 * <p>Thread-safe.
 */
final class CorruptionLog {
  private static final System.Logger LOG = System.getLogger(RocksPeerstore.class.getName());

  private final String store;
  private final Map<ColumnFamily, AtomicLong> counts = new EnumMap<>(ColumnFamily.class);
  private final Map<ColumnFamily, AtomicBoolean> logged = new EnumMap<>(ColumnFamily.class);

  /** A log for the store in {@code store} (named in the log message). */
  CorruptionLog(String store) {
    this.store = store;
    for (ColumnFamily cf : ColumnFamily.values()) {
      counts.put(cf, new AtomicLong());
      logged.put(cf, new AtomicBoolean());
    }
  }

  /**
   * Records that the entry {@code key} of {@code cf} could not be used. Never logs the value
   * (it may hold a private key).
   */
  void report(ColumnFamily cf, byte[] key, Exception why) {
    counts.get(cf).incrementAndGet();
    if (logged.get(cf).compareAndSet(false, true)) {
      LOG.log(
          Level.WARNING,
          "peerstore {0}: unreadable entry in column family \"{1}\" (key {2}) treated as absent;"
              + " further ones in this column family are only counted: {3}",
          store,
          cf.cfName(),
          HexFormat.of().formatHex(key),
          why.getMessage());
    }
  }

  /** How many corrupt entries were found in {@code cf}. */
  long count(ColumnFamily cf) {
    return counts.get(cf).get();
  }

  /** How many corrupt entries were found in all column families. */
  long total() {
    long sum = 0;
    for (AtomicLong c : counts.values()) {
      sum += c.get();
    }
    return sum;
  }

  /** The non-zero counts by column family name, in column family order. */
  Map<String, Long> byColumnFamily() {
    Map<String, Long> out = new LinkedHashMap<>();
    counts.forEach(
        (cf, c) -> {
          long n = c.get();
          if (n > 0) {
            out.put(cf.cfName(), n);
          }
        });
    return out;
  }
}
