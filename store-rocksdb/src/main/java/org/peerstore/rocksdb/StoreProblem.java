package org.peerstore.rocksdb;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One problem {@link RocksMaintenance#verify} found, and how
 * {@link RocksMaintenance#repair} would mend it. Immutable.
 *
 * @param columnFamily the column family of the entry
 * @param peer the peer id (base58) the entry belongs to, or null when the key holds no valid
 *     peer id
 * @param key the entry's key in hex
 * @param description what is wrong
 * @param repair what a repair does
 */
public record StoreProblem(
    String columnFamily, @Nullable String peer, String key, String description, Repair repair) {

  /** What {@link RocksMaintenance#repair} does about a problem. */
  public enum Repair {
    /**
     * Deletes the entry: it is provably unusable (it does not decode, fails verification, or
     * is derived or dependent data whose base is gone). Every read already treats it as absent.
     */
    DELETE_ENTRY,
    /** Adds the missing expiry index entry (derived data) named by the key. */
    ADD_INDEX_ENTRY
  }

  /** Checks the components. */
  public StoreProblem {
    Objects.requireNonNull(columnFamily, "columnFamily");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(repair, "repair");
  }

  /** One line naming the peer, the column family and the problem. */
  @Override
  public String toString() {
    return (peer == null ? "unreadable peer id" : "peer " + peer) + " in column family \""
        + columnFamily + "\": " + description;
  }
}
