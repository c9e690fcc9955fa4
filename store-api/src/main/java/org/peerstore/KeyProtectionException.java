package org.peerstore;

/**
 * A private key stored encrypted cannot be read: the store was opened without the passphrase
 * it was encrypted with, with a different passphrase, or the encrypted value was altered or
 * moved to another peer's slot (authenticated encryption cannot tell these apart). Also thrown
 * when a store opened without a passphrase is asked to replace an encrypted private key with
 * an unencrypted one.
 *
 * <p>Unchecked. Thrown by stores with private-key protection (the RocksDB store's
 * {@code privateKeyProtection} option); the message names the peer and the reason, never key
 * material or the passphrase. Only private-key reads fail with it: the peer's other books stay
 * readable.
 */
public class KeyProtectionException extends PeerstoreException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what is wrong. */
  public KeyProtectionException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public KeyProtectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
