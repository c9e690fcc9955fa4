package org.peerstore;

/**
 * A multiaddr's text or bytes are malformed: unknown protocol, bad value, non-minimal varint, truncated or trailing bytes.
 *
 * <p>Unchecked. Thrown by the wire types and the stores; the message names what is wrong.
 */
public class InvalidMultiaddrException extends PeerstoreException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what is wrong. */
  public InvalidMultiaddrException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public InvalidMultiaddrException(String message, Throwable cause) {
    super(message, cause);
  }
}
