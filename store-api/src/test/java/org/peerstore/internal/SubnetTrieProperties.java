package org.peerstore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.peerstore.BanTarget;
import org.peerstore.Subnet;

/**
 * {@link SubnetTrie} and {@link BanIndex} against a model that scans every ban: after random
 * bans and unbans of addresses and overlapping subnets (few networks, so they overlap often),
 * with random expiries, every check at several instants answers as the scan does, and the
 * lookups of exact targets and the counts agree. {@link Subnet} text round-trips.
 */
class SubnetTrieProperties {

  /** One step: ban (or, with {@code unban}, lift) {@code target} with {@code expiry}. */
  record Step(BanTarget target, boolean unban, long expiry) {}

  private static final long NOW = 1_000;

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<byte[]> v4 = Arbitraries.of(
        new byte[] {10, 0, 0, 0}, new byte[] {10, 1, 2, 3}, new byte[] {10, (byte) 128, 0, 1},
        new byte[] {(byte) 192, 0, 2, 1}, new byte[] {0, 0, 0, 0},
        new byte[] {(byte) 255, (byte) 255, (byte) 255, (byte) 255});
    Arbitrary<byte[]> v6 = Arbitraries.of(
        new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
        new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2},
        new byte[16]);
    Arbitrary<BanTarget> ip = Arbitraries.oneOf(v4, v6).map(b -> BanTarget.ip(address(b)));
    Arbitrary<BanTarget> net = Combinators.combine(Arbitraries.oneOf(v4, v6),
        Arbitraries.integers().between(0, 128)).as((b, len) ->
            BanTarget.subnet(Subnet.of(address(b), Math.min(len, b.length * 8))));
    Arbitrary<Step> step = Combinators.combine(Arbitraries.oneOf(ip, net),
        Arbitraries.integers().between(0, 3),
        Arbitraries.longs().between(NOW - 5, NOW + 5))
        .as((t, kind, expiry) -> new Step(t, kind == 0, kind == 3 ? Ttl.NEVER : expiry));
    return step.list().ofMaxSize(40);
  }

  @Property(tries = 1000)
  void checksAnswerAsAScanOfEveryBan(@ForAll("steps") List<Step> steps) {
    BanIndex index = new BanIndex();
    Map<BanTarget, BanEntry> model = new HashMap<>();
    for (Step s : steps) {
      if (s.unban()) {
        BanEntry removed = index.remove(s.target());
        assertThat(removed).isEqualTo(model.remove(s.target()));
      } else {
        BanEntry e = new BanEntry(s.target(), "", 0, s.expiry());
        index.put(e);
        model.put(s.target(), e);
      }
    }
    List<InetAddress> probes = new ArrayList<>();
    for (BanTarget t : model.keySet()) {
      if (t instanceof BanTarget.IpTarget i) {
        probes.add(i.address());
      } else {
        Subnet n = ((BanTarget.SubnetTarget) t).subnet();
        probes.add(n.network());
        byte[] last = n.networkBytes();
        for (int bit = n.prefixLength(); bit < last.length * 8; bit++) {
          last[bit >>> 3] |= (byte) (0x80 >>> (bit & 7));
        }
        probes.add(address(last));
      }
    }
    probes.add(address(new byte[] {10, 1, 2, 4}));
    probes.add(address(new byte[] {1, 1, 1, 1}));
    for (long now = NOW - 6; now <= NOW + 6; now++) {
      long at = now;
      for (InetAddress a : probes) {
        boolean expected = model.values().stream().anyMatch(b -> b.inForce(at)
            && (b.target() instanceof BanTarget.IpTarget i ? i.address().equals(a)
                : ((BanTarget.SubnetTarget) b.target()).subnet().contains(a)));
        assertThat(index.isBanned(a, at)).as("%s at %d", a, at).isEqualTo(expected);
      }
      assertThat(index.inForce(at)).containsExactlyInAnyOrderElementsOf(
          model.values().stream().filter(b -> b.inForce(at)).toList());
      assertThat(index.expired(at)).containsExactlyInAnyOrderElementsOf(
          model.values().stream().filter(b -> !b.inForce(at)).toList());
    }
    for (Map.Entry<BanTarget, BanEntry> e : model.entrySet()) {
      assertThat(index.get(e.getKey())).isEqualTo(e.getValue());
    }
    long[] counts = index.counts();
    assertThat(counts[1] + counts[2]).isEqualTo(model.size());
  }

  @Property(tries = 1000)
  void subnetTextRoundTrips(@ForAll("addressBytes") byte[] bytes,
      @ForAll("prefixes") int prefix) {
    InetAddress a = address(bytes);
    int len = Math.min(prefix, a.getAddress().length * 8);
    Subnet s = Subnet.of(a, len);
    assertThat(Subnet.parse(s.toString())).isEqualTo(s);
    assertThat(s.contains(a)).isTrue();
    assertThat(Subnet.of(s.network(), len)).isEqualTo(s);
  }

  @Provide
  Arbitrary<byte[]> addressBytes() {
    return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofSize(4),
        Arbitraries.bytes().array(byte[].class).ofSize(16));
  }

  @Provide
  Arbitrary<Integer> prefixes() {
    return Arbitraries.integers().between(0, 128);
  }

  static InetAddress address(byte[] b) {
    try {
      return InetAddress.getByAddress(b);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
