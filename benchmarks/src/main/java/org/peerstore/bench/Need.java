package org.peerstore.bench;

/**
 * Parts of the dataset a benchmark needs beyond identities and addresses. They are generated
 * (and a baseline serializes them) when the target opens, never during a measurement.
 */
enum Need {
  /** The pre-sealed signed peer records. */
  RECORDS,
  /** The unknown peers (for lookups that miss). */
  UNKNOWN_PEERS
}
