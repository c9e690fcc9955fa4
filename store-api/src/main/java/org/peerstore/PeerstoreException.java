package org.peerstore;

/**
 * Base type of every exception this library throws on purpose. Catch it to handle any bad input or storage failure in one place.
 *
 * <p>Unchecked. Thrown by the wire types and the stores; the message names what is wrong.
 */
public class PeerstoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what is wrong. */
  public PeerstoreException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public PeerstoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
