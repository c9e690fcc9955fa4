package org.peerstore;

/**
 * A signed envelope or peer record is malformed, its signature does not verify, its domain or payload type is wrong, or its record's peer id is not the id of the signing key.
 *
 * <p>Unchecked. Thrown by the wire types and the stores; the message names what is wrong.
 */
public class InvalidRecordException extends PeerstoreException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what is wrong. */
  public InvalidRecordException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public InvalidRecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
