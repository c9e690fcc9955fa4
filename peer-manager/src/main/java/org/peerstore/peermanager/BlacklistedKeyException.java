package org.peerstore.peermanager;

import org.peerstore.PeerstoreException;

/** A peer was asked for a key that is blacklisted. */
public final class BlacklistedKeyException extends PeerstoreException {
  private static final long serialVersionUID = 1L;

  /** For {@code key}. */
  public BlacklistedKeyException(String key) {
    super("key is blacklisted: " + key);
  }
}
