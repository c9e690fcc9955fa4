package org.peerstore.internal.codec;

/**
 * Malformed encoded input: a bad varint, an illegal character for an alphabet, wrong padding, an
 * inconsistent multihash, and so on. The message names what is wrong.
 *
 * <p>Checked on purpose: the codecs are internal, and every public caller must translate this
 * into its own documented exception ({@code InvalidMultiaddrException},
 * {@code InvalidPeerIdException}, ...), which the compiler then enforces. Immutable.
 */
public final class CodecException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what is wrong. */
  public CodecException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public CodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
