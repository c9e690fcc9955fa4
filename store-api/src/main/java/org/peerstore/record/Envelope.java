package org.peerstore.record;

import org.peerstore.InvalidRecordException;
import org.peerstore.crypto.PrivKey;
import org.peerstore.crypto.PubKey;

/**
 * A signed envelope (RFC 0002) carrying a {@link PeerRecord}. An instance only exists verified:
 * the only ways to get one are {@link #seal} and {@link #open}. Immutable, thread-safe.
 */
public final class Envelope {
  private Envelope() {
    throw new UnsupportedOperationException("not implemented");
  }

  /** Signs {@code record} with {@code key} in the peer-record domain. */
  public static Envelope seal(PeerRecord record, PrivKey key) {
    throw new UnsupportedOperationException("not implemented");
  }

  /**
   * Parses and verifies a peer-record envelope.
   *
   * @throws InvalidRecordException if malformed, wrongly typed or badly signed
   */
  public static Envelope open(byte[] bytes) {
    throw new UnsupportedOperationException("not implemented");
  }

  /** The serialized envelope. */
  public byte[] marshal() {
    throw new UnsupportedOperationException("not implemented");
  }

  /** The signer's public key. */
  public PubKey publicKey() {
    throw new UnsupportedOperationException("not implemented");
  }

  /** The record carried. */
  public PeerRecord peerRecord() {
    throw new UnsupportedOperationException("not implemented");
  }
}
