package org.peerstore;

/**
 * A key protobuf or its key data is malformed, of an unknown type, or out of the accepted range (for example an RSA key smaller than 2048 or larger than 8192 bits).
 *
 * <p>Unchecked. Thrown by the wire types and the stores; the message names what is wrong.
 */
public class InvalidKeyDataException extends PeerstoreException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what is wrong. */
  public InvalidKeyDataException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public InvalidKeyDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
