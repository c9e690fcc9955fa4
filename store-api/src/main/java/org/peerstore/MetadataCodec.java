package org.peerstore;

/**
 * Turns metadata values of one application type into bytes and back, so that every store
 * accepts and returns the same types. Register one per type on the store's builder.
 * Implementations must be thread-safe.
 *
 * @param <T> the value type
 */
public interface MetadataCodec<T> {

  /** Encodes {@code value}. */
  byte[] encode(T value);

  /**
   * Decodes bytes written by {@link #encode}.
   *
   * @throws IllegalArgumentException if the bytes are not a valid encoding
   */
  T decode(byte[] bytes);
}
