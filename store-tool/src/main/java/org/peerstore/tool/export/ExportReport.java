package org.peerstore.tool.export;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an export did. Immutable.
 *
 * @param written how many peers were written
 * @param unreadable the entries the store could not read (corrupt, or in a damaged block) and
 *     that are therefore missing from the file, by column family name; empty when none
 * @param namedPeers the first peers with such an entry (at most a few), each with its column
 *     families
 * @param bans how many bans were written
 */
public record ExportReport(long written, Map<String, Long> unreadable, List<String> namedPeers,
    long bans) {

  /** Copies the collections. */
  public ExportReport {
    unreadable = Map.copyOf(Objects.requireNonNull(unreadable, "unreadable"));
    namedPeers = List.copyOf(Objects.requireNonNull(namedPeers, "namedPeers"));
  }

  /** This report with {@code bans} bans written. */
  ExportReport withBans(long bans) {
    return new ExportReport(written, unreadable, namedPeers, bans);
  }

  /** How many entries could not be read, over all column families. */
  public long unreadableTotal() {
    return unreadable.values().stream().mapToLong(Long::longValue).sum();
  }

  /** "records: 15, keys: 1", column families in name order. */
  public String unreadableSummary() {
    StringBuilder b = new StringBuilder();
    new java.util.TreeMap<>(unreadable).forEach((cf, n) -> {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(cf).append(": ").append(n);
    });
    return b.toString();
  }
}
