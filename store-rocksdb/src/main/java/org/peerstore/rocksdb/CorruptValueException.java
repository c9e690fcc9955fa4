package org.peerstore.rocksdb;

/**
 * A key or value read from disk could not be decoded. Checked on purpose: every read path must
 * decide how it degrades (the entry is treated as absent and counted, never deleted).
 */
final class CorruptValueException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what is wrong. */
  CorruptValueException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the decoder's failure. */
  CorruptValueException(String message, Throwable cause) {
    super(message, cause);
  }
}
