package org.peerstore.fuzz;

import java.util.Arrays;
import java.util.Objects;

/** Tiny assertions for fuzz targets: a failure is an {@link AssertionError}, a Jazzer finding. */
final class FuzzAssertions {
  private FuzzAssertions() {}

  /** Fails unless {@code actual} equals {@code expected}. */
  static void assertEqual(Object expected, Object actual, String what) {
    if (!Objects.equals(expected, actual)) {
      throw new AssertionError(what + ": expected " + expected + " but got " + actual);
    }
  }

  /** Fails unless the arrays are equal. */
  static void assertBytes(byte[] expected, byte[] actual, String what) {
    if (!Arrays.equals(expected, actual)) {
      throw new AssertionError(what + ": expected " + Arrays.toString(expected) + " but got "
          + Arrays.toString(actual));
    }
  }

  /** Fails unless {@code message} is a non-blank message (every documented exception names what is wrong). */
  static void assertMessage(RuntimeException e) {
    if (e.getMessage() == null || e.getMessage().isBlank()) {
      throw new AssertionError("exception without a message", e);
    }
  }
}
