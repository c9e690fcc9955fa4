package org.peerstore;

/**
 * A key was offered for a peer whose id is not derived from that key.
 *
 * <p>Unchecked. Thrown by the wire types and the stores; the message names what is wrong.
 */
public class KeyMismatchException extends PeerstoreException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what is wrong. */
  public KeyMismatchException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public KeyMismatchException(String message, Throwable cause) {
    super(message, cause);
  }
}
