package org.peerstore.tool;

import java.util.Locale;

/** Formats byte counts and rates for people. Stateless and thread-safe. */
final class Sizes {
  private Sizes() {}

  /** {@code bytes} as "512 B", "1.5 KiB", "23.4 MiB", "1.2 GiB"; "n/a" when negative. */
  static String bytes(long bytes) {
    if (bytes < 0) {
      return "n/a";
    }
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  /** Nanoseconds as "850 ns", "12.3 us", "4.56 ms", "1.23 s". */
  static String nanos(long nanos) {
    if (nanos < 1_000) {
      return nanos + " ns";
    }
    if (nanos < 1_000_000) {
      return String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
    }
    if (nanos < 1_000_000_000) {
      return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }
    return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
  }
}
