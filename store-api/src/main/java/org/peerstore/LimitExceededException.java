package org.peerstore;

/**
 * An input is larger than a bound the store was built with (an option of
 * {@link PeerstoreBuilder}: envelope size, addresses per record, multiaddr length, protocol
 * length or count, metadata key or value size, signed-record cap). The call changed nothing.
 *
 * <p>Unchecked. Thrown by the stores; the message names the bound that was exceeded, e.g.
 * {@code multiaddr of 2000 bytes exceeds maxMultiaddrBytes (1024)}. Subtypes name specific
 * bounds ({@link TooManyProtocolsException}).
 */
public class LimitExceededException extends PeerstoreException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the bound that was exceeded. */
  public LimitExceededException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public LimitExceededException(String message, Throwable cause) {
    super(message, cause);
  }
}
