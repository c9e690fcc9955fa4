package org.peerstore;

/**
 * A protocol book change would leave a peer with more protocols than the store's limit; nothing was changed.
 *
 * <p>Unchecked. Thrown by the wire types and the stores; the message names what is wrong.
 */
public class TooManyProtocolsException extends PeerstoreException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what is wrong. */
  public TooManyProtocolsException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public TooManyProtocolsException(String message, Throwable cause) {
    super(message, cause);
  }
}
