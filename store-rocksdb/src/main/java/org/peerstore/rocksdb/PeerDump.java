package org.peerstore.rocksdb;

import java.util.List;
import java.util.Objects;
import org.peerstore.peer.PeerId;

/**
 * Everything stored about one peer, read from each column family as raw entries and decoded
 * for display by {@link RocksMaintenance#dump}. Private key material is never included, only
 * its type and size. Immutable.
 *
 * @param peer the peer
 * @param lines one per stored entry or part of one, in column family order
 */
public record PeerDump(PeerId peer, List<Line> lines) {

  /** Copies the list. */
  public PeerDump {
    Objects.requireNonNull(peer, "peer");
    lines = List.copyOf(lines);
  }

  /** Whether nothing at all is stored for the peer. */
  public boolean isEmpty() {
    return lines.isEmpty();
  }

  /**
   * One thing stored.
   *
   * @param columnFamily the column family it is stored in
   * @param text what it is, decoded for people
   * @param problem whether it could not be decoded or verified (then {@code text} says why)
   */
  public record Line(String columnFamily, String text, boolean problem) {
    /** Checks the components. */
    public Line {
      Objects.requireNonNull(columnFamily, "columnFamily");
      Objects.requireNonNull(text, "text");
    }
  }
}
