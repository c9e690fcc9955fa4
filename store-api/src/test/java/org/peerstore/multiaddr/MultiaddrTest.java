package org.peerstore.multiaddr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerstore.InvalidMultiaddrException;
import org.peerstore.peer.PeerId;

class MultiaddrTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final String QM = "QmcgpsyWgH8Y8ajJz1Cu72KnS5uo2Aa2LpzU7kinSupNKC";
  private static final String ED = "12D3KooWCryG7Mon9orvQxcS1rYZjotPgpwoJNHHKcLLfE4Hf5mV";

  private static Multiaddr ma(String s) {
    return Multiaddr.fromString(s);
  }

  @Test
  void isImmutableAndEqualOnBytes() {
    byte[] input = HEX.parseHex("047f0000010604d2");
    Multiaddr a = Multiaddr.fromBytes(input);
    input[1] = 1;
    assertThat(a.toString()).isEqualTo("/ip4/127.0.0.1/tcp/1234");
    byte[] out = a.toBytes();
    out[1] = 1;
    assertThat(a.toBytes()).isEqualTo(HEX.parseHex("047f0000010604d2"));
    Multiaddr b = ma("/ip4/127.0.0.1/tcp/1234/");
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(ma("/ip4/127.0.0.1/tcp/1235"));
    assertThat(a).isNotEqualTo("/ip4/127.0.0.1/tcp/1234");
    assertThat(ma("/ipfs/" + QM)).isEqualTo(ma("/p2p/" + QM));
  }

  @Test
  void nullArgumentsThrowNullPointerException() {
    assertThatThrownBy(() -> Multiaddr.fromString(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Multiaddr.fromBytes(null)).isInstanceOf(NullPointerException.class);
    Multiaddr a = ma("/ip4/1.2.3.4");
    assertThatThrownBy(() -> a.encapsulate(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> a.decapsulate(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void listsComponents() {
    Multiaddr a = ma("/ip4/1.2.3.4/udp/4001/quic-v1/p2p/" + QM + "/unix/tmp/a.sock");
    assertThat(a.components())
        .extracting(Component::protocol)
        .containsExactly(
            Protocol.IP4, Protocol.UDP, Protocol.QUIC_V1, Protocol.P2P, Protocol.UNIX);
    assertThat(a.components())
        .extracting(Component::value)
        .containsExactly("1.2.3.4", "4001", "", QM, "/tmp/a.sock");
    assertThat(a.components())
        .extracting(Component::toString)
        .containsExactly("/ip4/1.2.3.4", "/udp/4001", "/quic-v1", "/p2p/" + QM, "/unix/tmp/a.sock");
    assertThat(a.components().get(1).rawValue()).containsExactly(0x0f, 0xa1 - 256);
    assertThat(a.components().get(0)).isEqualTo(ma("/ip4/1.2.3.4").components().get(0));
  }

  @Test
  void encapsulateAppends() {
    Multiaddr a = ma("/ip4/1.2.3.4").encapsulate(ma("/tcp/80/ws"));
    assertThat(a).isEqualTo(ma("/ip4/1.2.3.4/tcp/80/ws"));
    assertThat(a.toString()).isEqualTo("/ip4/1.2.3.4/tcp/80/ws");
    assertThat(a.encapsulate(ma("/p2p/" + QM)).peerId()).contains(PeerId.fromString(QM));
  }

  @Test
  void nothingCanBeEncapsulatedAfterAPath() {
    Multiaddr unix = ma("/unix/tmp/a.sock");
    assertThatThrownBy(() -> unix.encapsulate(ma("/tcp/1")))
        .isInstanceOf(InvalidMultiaddrException.class)
        .hasMessageContaining("path component");
  }

  /** go-multiaddr TestDecapsulate and Decapsulate doc examples. */
  @ParameterizedTest(name = "{0} - {1} = {2}")
  @CsvSource({
    "/ip4/1.2.3.4/tcp/80, /tcp/80, /ip4/1.2.3.4",
    "/ip4/1.2.3.4/tcp/80, /udp/80, /ip4/1.2.3.4/tcp/80",
    "/ip4/1.2.3.4/tcp/80, /ip4/1.2.3.4, ''",
    "/ip4/1.2.3.4/tcp/80/ws, /tcp/80, /ip4/1.2.3.4",
    "/ip4/1.2.3.4/tcp/1/ip4/2.3.4.5/udp/2, /ip4/2.3.4.5, /ip4/1.2.3.4/tcp/1",
    "/ip4/0.0.0.0/ip4/0.0.0.0/ip4/0.0.0.0, /ip4/0.0.0.0, /ip4/0.0.0.0/ip4/0.0.0.0",
    "/ip4/1.2.3.4/tcp/80, /ip4/1.2.3.4/tcp/80/ws, /ip4/1.2.3.4/tcp/80",
    // 06 00 50 (/tcp/80) appears inside the ip4 value 01 06 00 50: not a component match
    "/ip4/1.6.0.80, /tcp/80, /ip4/1.6.0.80",
    "/dnsaddr/a.io/p2p/" + QM + "/p2p-circuit, /p2p-circuit, /dnsaddr/a.io/p2p/" + QM
  })
  void decapsulateCutsAtTheLastOccurrence(String addr, String other, String expected) {
    var result = ma(addr).decapsulate(ma(other));
    if (expected.isEmpty()) {
      assertThat(result).isEmpty();
    } else {
      assertThat(result).contains(ma(expected));
      assertThat(result.get().toString()).isEqualTo(expected);
    }
  }

  @Test
  void peerIdIsOnlyThatOfATrailingP2pComponent() {
    assertThat(ma("/ip4/1.2.3.4/tcp/1/p2p/" + QM).peerId()).contains(PeerId.fromString(QM));
    assertThat(ma("/p2p/" + ED).peerId()).contains(PeerId.fromString(ED));
    assertThat(ma("/p2p/" + QM + "/p2p-circuit").peerId()).isEmpty();
    assertThat(ma("/ip4/1.2.3.4/tcp/1").peerId()).isEmpty();
  }

  @Test
  void withoutPeerIdStripsATrailingP2pComponent() {
    Multiaddr plain = ma("/ip4/1.2.3.4/tcp/1");
    assertThat(ma("/ip4/1.2.3.4/tcp/1/p2p/" + QM).withoutPeerId()).contains(plain);
    assertThat(plain.withoutPeerId()).containsSame(plain);
    assertThat(ma("/p2p/" + QM).withoutPeerId()).isEmpty();
    Multiaddr relayed = ma("/p2p/" + QM + "/p2p-circuit/p2p/" + ED);
    assertThat(relayed.withoutPeerId()).contains(ma("/p2p/" + QM + "/p2p-circuit"));
    assertThat(relayed.withoutPeerId().get().toString()).isEqualTo("/p2p/" + QM + "/p2p-circuit");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    // Go's net.ParseIP(...).To4() accepts an IPv4-mapped IPv6 text under /ip4
    "/ip4/::ffff:1.2.3.4, /ip4/1.2.3.4",
    "/ip4/::FFFF:102:304, /ip4/1.2.3.4",
    "/ip6/1.2.3.4, /ip6/::ffff:1.2.3.4",
    "/ip6/::ffff:0102:0304, /ip6/::ffff:1.2.3.4",
    "/ip6/::1.2.3.4, /ip6/::102:304",
    "/ip6/1:0:0:1:0:0:0:1, /ip6/1:0:0:1::1",
    "/ip6/1:0:0:1:1:0:0:1, /ip6/1::1:1:0:0:1",
    "/ip6/1:0:1:0:1:0:1:0, /ip6/1:0:1:0:1:0:1:0",
    "/ip6/ABCD:EF01::, /ip6/abcd:ef01::",
    "/ip6/1:2:3:4:5:6:1.2.3.4, /ip6/1:2:3:4:5:6:102:304",
    "/ip4/0.0.0.0/ipcidr/008, /ip4/0.0.0.0/ipcidr/8",
    "/tcp/00080, /tcp/80",
    "/memory/18446744073709551615, /memory/18446744073709551615",
    "/onion/TIMAQ4YGG2IEGCI7:80, /onion/timaq4ygg2iegci7:80",
    "/certhash/zQmbWTwYGcmdyK9CYfNBcfs9nhZs17a6FQ4Y8oea278xx41,"
        + " /certhash/uEiDDq4_xNyDorZBH3TlGazyJdOWSwvo4PUo5YHFMrvDE8g",
    "/http-path/a%2fb+c%C3%A9, /http-path/a%2Fb+c%C3%A9",
    "/unix//tmp//x, /unix//tmp//x",
    "/dns/bücher.example, /dns/bücher.example",
    "/p2p/bafzaajaiaejcalj543iwv2d7pkjt7ykvefrkfu7qjfi6sduakhso4lay6abn2d5u, /p2p/" + ED
  })
  void printsCanonicalText(String text, String canonical) {
    assertThat(ma(text).toString()).isEqualTo(canonical);
    assertThat(ma(canonical)).isEqualTo(ma(text));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "/ip4/01.2.3.4",
        "/ip4/1.2.3.4.",
        "/ip4/1..3.4",
        "/ip4/1.2.3.-4",
        "/ip4/1.2.3.4 ",
        "/ip6/fe80::1%eth0",
        "/ip6/1::2::3",
        "/ip6/1:2:3:4:5:6:7:8::",
        "/ip6/12345::",
        "/ip6/::1.2.3",
        "/ip6/1:2:3:4:5:6:7:1.2.3.4",
        "/ip6/1:2:3:4:5:6:1.2.3.04",
        "/ip6/:1",
        "/ip6/1:",
        "/ipcidr/256",
        "/tcp/+80",
        "/tcp/８０",
        "/onion/timaq4ygg2iegci7:80:1",
        "/onion/timaq4ygg2iegci7",
        "/onion3/vww6ybal4bd7szmgncyruucpgfkqahzddi37ktceo3ah7ngmcopnpyyd:0",
        "/garlic32/566NIXIMLXDZPANMN4QOUUCVUA3K7NENIWSS47LI5R6UGOERTZUQ",
        "/certhash/uEiDDq4_xNyDorZBH3TlGazyJdOWSwvo4PUo5YHFMrvDE8",
        "/certhash/Q",
        "/http-path/%",
        "/http-path/%zz",
        "/p2p/1",
        "/p2p/bafkreifoybygix7fh3r3g5rqle3wcnhqldgdg4shzf4k3ulyw3gn7mabt4",
        "/p2p/k2jmtxwoe2phm1hbqp0e7nufqf6umvuu2e9qd7ana7h411a0haqj6i2z",
        "/dns/a\ud800",
        "/unknown/1",
        "//ip4/1.2.3.4"
      })
  void rejectsMalformedText(String text) {
    assertThatThrownBy(() -> ma(text)).isInstanceOf(InvalidMultiaddrException.class);
  }

  @Test
  void acceptsTheDeprecatedProtocolsGoDropped() {
    for (String name : new String[] {"p2p-websocket-star", "p2p-stardust", "p2p-webrtc-star"}) {
      Multiaddr a = ma("/ip4/1.2.3.4/tcp/80/ws/" + name);
      assertThat(a.toString()).endsWith("/" + name);
    }
  }

  @Test
  void aP2pIdentityMultihashInlinesAtMost42Bytes() {
    // go-multiaddr would accept this 43-byte identity digest; every PeerId refuses it.
    String bytes43 = "a5032d002b" + "00".repeat(43);
    assertThatThrownBy(() -> Multiaddr.fromBytes(HEX.parseHex(bytes43)))
        .isInstanceOf(InvalidMultiaddrException.class)
        .hasMessageContaining("at most 42");
    Multiaddr ok = Multiaddr.fromBytes(HEX.parseHex("a5032c002a" + "00".repeat(42)));
    assertThat(ok.peerId()).isPresent();
  }

  @Test
  void memoryIsAFixedEightByteValueLikeGo() {
    Multiaddr a = ma("/memory/4");
    assertThat(HEX.formatHex(a.toBytes())).isEqualTo("89060000000000000004");
  }
}
