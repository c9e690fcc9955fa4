package org.peerstore.rocksdb;

import java.util.List;
import java.util.Objects;

/**
 * Sizes before and after {@link RocksMaintenance#compact}. Immutable.
 *
 * @param sizeOnDiskBefore bytes of every file in the directory before (memtables not yet
 *     flushed are in the write-ahead log then)
 * @param sizeOnDiskAfter bytes of every file in the directory after
 * @param columnFamilies SST bytes per column family, in the store's column family order
 */
public record CompactionReport(
    long sizeOnDiskBefore, long sizeOnDiskAfter, List<ColumnFamilySize> columnFamilies) {

  /** Copies the list. */
  public CompactionReport {
    columnFamilies = List.copyOf(columnFamilies);
  }

  /**
   * SST bytes of one column family.
   *
   * @param name the column family's name
   * @param before SST bytes before (memtables are flushed first and count in neither)
   * @param after SST bytes after
   */
  public record ColumnFamilySize(String name, long before, long after) {
    /** Checks the name. */
    public ColumnFamilySize {
      Objects.requireNonNull(name, "name");
    }
  }
}
