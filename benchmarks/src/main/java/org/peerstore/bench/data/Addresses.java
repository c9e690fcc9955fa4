package org.peerstore.bench.data;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.peerstore.multiaddr.Multiaddr;

/**
 * Deterministic, realistic multiaddrs: public IPv4 and IPv6 hosts with TCP, QUIC (v1) and
 * WebSocket transports in roughly the mix a libp2p node sees from identify.
 *
 * <p>Stateless and thread-safe.
 */
public final class Addresses {
  private Addresses() {}

  /**
   * {@code count} distinct addresses for the peer {@code index} of family {@code seed}; the
   * first {@code k} addresses of a longer list are the list of {@code k}, so the 1-, 10- and
   * 100-address variants describe the same peer.
   *
   * @throws IllegalArgumentException if {@code count} is negative
   */
  public static List<Multiaddr> of(long seed, long index, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
    SplittableRandom random = new SplittableRandom(seed * 31 + index);
    Set<String> texts = new LinkedHashSet<>();
    while (texts.size() < count) {
      texts.add(text(random));
    }
    List<Multiaddr> out = new ArrayList<>(count);
    for (String t : texts) {
      out.add(Multiaddr.fromString(t));
    }
    return List.copyOf(out);
  }

  private static String text(SplittableRandom r) {
    int port = 1024 + r.nextInt(64_000);
    int kind = r.nextInt(10);
    if (kind < 4) {
      return "/ip4/" + ip4(r) + "/tcp/" + port;
    }
    if (kind < 7) {
      return "/ip4/" + ip4(r) + "/udp/" + port + "/quic-v1";
    }
    if (kind < 9) {
      return "/ip6/" + ip6(r) + "/tcp/" + port;
    }
    return "/ip4/" + ip4(r) + "/tcp/" + port + "/ws";
  }

  private static String ip4(SplittableRandom r) {
    // Public-looking unicast space (1.0.0.0 to 223.255.255.255).
    return (1 + r.nextInt(223)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
  }

  private static String ip6(SplittableRandom r) {
    StringBuilder sb = new StringBuilder("2001:db8");
    for (int i = 0; i < 6; i++) {
      sb.append(':').append(Integer.toHexString(r.nextInt(0x10000)));
    }
    return sb.toString();
  }
}
