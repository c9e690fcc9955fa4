package org.peerstore;

import java.time.Duration;
import java.util.Optional;
import org.peerstore.peer.PeerId;
import org.peerstore.record.Envelope;

/**
 * Signed peer records (docs/CONTRACT.md §4). Thread-safe; {@link #consumePeerRecord} is atomic per
 * peer.
 */
public interface CertifiedAddrBook {

  /**
   * Stores a signed record and adds its addresses at {@code ttl}. Returns false, changing
   * nothing, if a record with a higher seq is stored. An equal seq refreshes. Addresses of the
   * previous record that the new one lacks are deleted unless connected.
   *
   * @throws InvalidRecordException if the record's peer id is not the signer's
   * @throws IllegalStateException after {@code close()}
   * @throws StorageException if the store could not write
   */
  boolean consumePeerRecord(Envelope envelope, Duration ttl);

  /** The stored record, or empty when none is stored or the peer has no unexpired address. */
  Optional<Envelope> peerRecord(PeerId peer);
}
