package org.peerstore;

/**
 * The underlying storage failed (I/O error, locked or corrupt database, a store written by a newer schema). The operation that threw did not take effect.
 *
 * <p>Unchecked. Thrown by the wire types and the stores; the message names what is wrong.
 */
public class StorageException extends PeerstoreException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what is wrong. */
  public StorageException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
