package org.peerstore.multiaddr;

import java.util.Optional;
import org.peerstore.InvalidMultiaddrException;
import org.peerstore.peer.PeerId;

/**
 * A self-describing network address (WIRE.md §6), e.g. {@code /ip4/1.2.3.4/tcp/4001}.
 *
 * <p>Immutable and value-equal on its binary encoding; thread-safe.
 */
public final class Multiaddr {

  private Multiaddr() {
    throw new UnsupportedOperationException("not implemented");
  }

  /**
   * Parses text form.
   *
   * @throws InvalidMultiaddrException naming what is wrong
   */
  public static Multiaddr fromString(String text) {
    throw new UnsupportedOperationException("not implemented");
  }

  /**
   * Parses binary form.
   *
   * @throws InvalidMultiaddrException naming what is wrong
   */
  public static Multiaddr fromBytes(byte[] bytes) {
    throw new UnsupportedOperationException("not implemented");
  }

  /** The binary form (a copy). */
  public byte[] toBytes() {
    throw new UnsupportedOperationException("not implemented");
  }

  /** This address followed by {@code other}. */
  public Multiaddr encapsulate(Multiaddr other) {
    throw new UnsupportedOperationException("not implemented");
  }

  /**
   * This address up to the last occurrence of {@code other}; empty when nothing would remain.
   */
  public Optional<Multiaddr> decapsulate(Multiaddr other) {
    throw new UnsupportedOperationException("not implemented");
  }

  /** The peer id of a trailing {@code /p2p/} component, if the address ends with one. */
  public Optional<PeerId> peerId() {
    throw new UnsupportedOperationException("not implemented");
  }

  /**
   * This address without a trailing {@code /p2p/<id>} component; the address itself when it
   * has none; empty when the address is only {@code /p2p/<id>}.
   */
  public Optional<Multiaddr> withoutPeerId() {
    throw new UnsupportedOperationException("not implemented");
  }

  /** Canonical text form. */
  @Override
  public String toString() {
    throw new UnsupportedOperationException("not implemented");
  }
}
