package org.peerstore.tool.export;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.peerstore.Peerstore;
import org.peerstore.peer.PeerId;
import org.peerstore.rocksdb.RocksPeerstore;

/**
 * What a command that reads a whole store met that could not be read: entries the store
 * counted as corrupt or unreadable ({@link RocksPeerstore#corruptValueCounts()}) while it read,
 * by column family, and the first peers they belong to. A store that does not count such
 * entries (the memory store) never meets any. Not thread-safe: one reading thread.
 */
final class UnreadableTally {
  /** How many peers are named in a message. */
  static final int NAMED = 5;

  private final RocksPeerstore rocks;
  private final Map<String, Long> start;
  private Map<String, Long> last;
  private final List<String> named = new ArrayList<>();

  private UnreadableTally(RocksPeerstore rocks) {
    this.rocks = rocks;
    this.start = rocks == null ? Map.of() : rocks.corruptValueCounts();
    this.last = start;
  }

  /** A tally of what {@code store} meets from now on. */
  static UnreadableTally of(Peerstore store) {
    return new UnreadableTally(store instanceof RocksPeerstore r ? r : null);
  }

  /** Notes what reading {@code p} (just done) met. */
  void afterPeer(PeerId p) {
    if (rocks == null) {
      return;
    }
    Map<String, Long> now = rocks.corruptValueCounts();
    if (!now.equals(last)) {
      if (named.size() < NAMED) {
        List<String> cfs = new ArrayList<>();
        now.forEach((cf, n) -> {
          if (n > last.getOrDefault(cf, 0L)) {
            cfs.add(cf);
          }
        });
        named.add("peer " + p + " (" + String.join(", ", cfs) + ")");
      }
      last = now;
    }
  }

  /** What was met since this tally started, by column family name; empty if nothing. */
  Map<String, Long> byColumnFamily() {
    if (rocks == null) {
      return Map.of();
    }
    Map<String, Long> out = new TreeMap<>();
    rocks.corruptValueCounts().forEach((cf, n) -> {
      long d = n - start.getOrDefault(cf, 0L);
      if (d > 0) {
        out.put(cf, d);
      }
    });
    return Collections.unmodifiableMap(out);
  }

  /** The first peers with an entry that could not be read, each with its column families. */
  List<String> namedPeers() {
    return List.copyOf(named);
  }
}
