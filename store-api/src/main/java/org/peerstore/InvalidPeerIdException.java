package org.peerstore;

/**
 * A peer id's bytes or text are not a valid identity or sha2-256 multihash, or not a CIDv1 with the libp2p-key codec.
 *
 * <p>Unchecked. Thrown by the wire types and the stores; the message names what is wrong.
 */
public class InvalidPeerIdException extends PeerstoreException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what is wrong. */
  public InvalidPeerIdException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public InvalidPeerIdException(String message, Throwable cause) {
    super(message, cause);
  }
}
