package org.peerstore.multiaddr;

import org.peerstore.internal.codec.CodecException;

/**
 * Converts one protocol's value between its text and its bytes, and checks value bytes, like
 * go-multiaddr's {@code Transcoder}. Implementations are stateless and thread-safe.
 */
interface Transcoder {

  /**
   * The value bytes for text (one path segment, or for a path protocol the whole rest of the
   * address starting with {@code /}).
   *
   * @throws CodecException naming what is wrong with the text
   */
  byte[] parse(String text) throws CodecException;

  /**
   * Checks value bytes that already have the protocol's size (or a non-zero varint length).
   *
   * @throws CodecException naming what is wrong
   */
  void validate(byte[] b, int off, int len) throws CodecException;

  /** Appends the text of value bytes that passed {@link #validate}. */
  void format(byte[] b, int off, int len, StringBuilder out);
}
