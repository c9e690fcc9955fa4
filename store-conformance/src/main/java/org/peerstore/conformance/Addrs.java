package org.peerstore.conformance;

import java.util.ArrayList;
import java.util.List;
import org.peerstore.multiaddr.Multiaddr;

/** Distinct test addresses: {@code /ip4/1.2.3.4/tcp/<n>}. Stateless and thread-safe. */
public final class Addrs {
  private Addrs() {}

  /** The address {@code /ip4/1.2.3.4/tcp/<n>}, {@code 0 <= n <= 65535}. */
  public static Multiaddr addr(int n) {
    if (n < 0 || n > 65535) {
      throw new IllegalArgumentException("tcp port out of range: " + n);
    }
    return Multiaddr.fromString("/ip4/1.2.3.4/tcp/" + n);
  }

  /** {@code count} consecutive addresses starting at port {@code from}. */
  public static List<Multiaddr> range(int from, int count) {
    List<Multiaddr> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(addr(from + i));
    }
    return out;
  }
}
