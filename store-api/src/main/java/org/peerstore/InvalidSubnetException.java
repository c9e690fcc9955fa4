package org.peerstore;

/**
 * A subnet's text or parts are malformed: not {@code address/prefix}, an address that is not an
 * IPv4 or IPv6 literal, or a prefix length out of range (0 to 32 for IPv4, 0 to 128 for IPv6);
 * see {@link Subnet} and docs/CONTRACT.md §14.
 *
 * <p>Unchecked. Thrown by {@link Subnet}; the message names what is wrong.
 */
public class InvalidSubnetException extends PeerstoreException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what is wrong. */
  public InvalidSubnetException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public InvalidSubnetException(String message, Throwable cause) {
    super(message, cause);
  }
}
