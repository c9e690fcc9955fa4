package org.peerstore;

/**
 * A protocol book change would leave a peer with more protocols than the store's limit
 * ({@link PeerstoreBuilder#maxProtocols(int)}); nothing was changed. The message is
 * {@code too many protocols}.
 *
 * <p>Unchecked. Thrown by the stores. A {@link LimitExceededException}, so one handler catches
 * every exceeded bound.
 */
public class TooManyProtocolsException extends LimitExceededException {
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
