package org.peerstore.rocksdb;

import java.util.List;
import java.util.Objects;

/**
 * What RocksDB's write-ahead log recovery dropped when a store directory was opened
 * (docs/STORAGE.md, "Write-ahead log recovery"). The store recovers in point-in-time mode: it
 * replays the log up to the first torn or damaged record and keeps everything before it, so
 * the store is a consistent earlier state; the damaged record and every write after it are
 * lost. Immutable.
 *
 * @param droppedRecords how many damaged or torn log records recovery stopped at (0: none; the
 *     writes after each are lost too, and how many those were cannot be known)
 * @param droppedBytes the bytes RocksDB reported dropping at those records
 * @param recoveredSequence the last sequence number the store holds after recovery
 * @param messages RocksDB's own words about each drop (file, bytes, status)
 */
public record WalRecovery(long droppedRecords, long droppedBytes, long recoveredSequence,
    List<String> messages) {

  /** Copies the messages. */
  public WalRecovery {
    messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
  }

  /** Whether recovery dropped anything, so writes made before the last close may be lost. */
  public boolean lostWrites() {
    return droppedRecords > 0;
  }

  /** One line for an operator, or "" when nothing was dropped. */
  public String describe() {
    if (!lostWrites()) {
      return "";
    }
    return "write-ahead log recovery stopped at " + droppedRecords + " torn or damaged record"
        + (droppedRecords == 1 ? "" : "s") + " (" + droppedBytes + " bytes dropped): the store"
        + " was recovered to sequence " + recoveredSequence + "; writes logged after that point"
        + " are lost (" + String.join("; ", messages) + ")";
  }
}
