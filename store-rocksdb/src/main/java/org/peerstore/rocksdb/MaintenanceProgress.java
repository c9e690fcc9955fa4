package org.peerstore.rocksdb;

/**
 * Receives the progress of a long {@link RocksMaintenance} operation, so that a tool can draw
 * a progress bar or print periodic lines. Called from the thread running the operation, often
 * (once per entry or peer): implementations should be cheap and decide themselves how often to
 * show something.
 */
@FunctionalInterface
public interface MaintenanceProgress {

  /** Ignores all progress. */
  MaintenanceProgress NONE = (done, total) -> { };

  /**
   * Reports that {@code done} units of work out of {@code total} are finished.
   *
   * @param done units finished so far (non-decreasing within one operation)
   * @param total the units the operation expects, or -1 when unknown; may be an estimate that
   *     {@code done} exceeds
   */
  void update(long done, long total);
}
