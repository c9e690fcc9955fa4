package org.peerstore.multiaddr;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.peerstore.InvalidMultiaddrException;
import org.peerstore.internal.codec.Multihash;
import org.peerstore.internal.codec.Varint;

/**
 * Random valid multiaddrs round-trip; random bytes and text only ever fail with {@link
 * InvalidMultiaddrException}.
 */
class MultiaddrProperties {

  @Property(tries = 2000)
  void bytesRoundTrip(@ForAll("validBytes") byte[] bytes) {
    Multiaddr ma = Multiaddr.fromBytes(bytes);
    assertThat(ma.toBytes()).isEqualTo(bytes);
    assertThat(Multiaddr.fromBytes(ma.toBytes())).isEqualTo(ma).hasSameHashCodeAs(ma);
  }

  @Property(tries = 2000)
  void textRoundTrips(@ForAll("validBytes") byte[] bytes) {
    Multiaddr ma = Multiaddr.fromBytes(bytes);
    String text = ma.toString();
    Multiaddr parsed = Multiaddr.fromString(text);
    assertThat(parsed).isEqualTo(ma);
    assertThat(parsed.toString()).isEqualTo(text);
    assertThat(Multiaddr.fromString(text + "/")).isEqualTo(ma);
    assertThat(String.join("", ma.components().stream().map(Component::toString).toList()))
        .isEqualTo(text);
  }

  @Property(tries = 1000)
  void decapsulateUndoesEncapsulate(
      @ForAll("validBytes") byte[] a, @ForAll("validBytes") byte[] b) {
    Multiaddr left = Multiaddr.fromBytes(a);
    Multiaddr right = Multiaddr.fromBytes(b);
    if (left.components().get(left.components().size() - 1).protocol().isPath()) {
      return;
    }
    Multiaddr joined = left.encapsulate(right);
    assertThat(joined).isEqualTo(Multiaddr.fromString(left.toString() + right));
    assertThat(joined.decapsulate(right)).contains(left);
    assertThat(joined.withoutPeerId().orElseThrow().toBytes().length)
        .isLessThanOrEqualTo(joined.toBytes().length);
  }

  @Property(tries = 3000)
  void randomBytesOnlyThrowInvalidMultiaddr(@ForAll @Size(max = 64) byte[] bytes) {
    checkBytes(bytes);
  }

  @Property(tries = 3000)
  void plausibleBytesOnlyThrowInvalidMultiaddr(@ForAll("plausibleBytes") byte[] bytes) {
    checkBytes(bytes);
  }

  @Property(tries = 3000)
  void mutatedValidBytesOnlyThrowInvalidMultiaddr(
      @ForAll("validBytes") byte[] bytes, @ForAll int position, @ForAll byte value) {
    byte[] mutated = bytes.clone();
    mutated[Math.floorMod(position, mutated.length)] = value;
    checkBytes(mutated);
    checkBytes(java.util.Arrays.copyOf(bytes, Math.floorMod(position, bytes.length)));
  }

  @Property(tries = 3000)
  void randomTextOnlyThrowsInvalidMultiaddr(@ForAll @Size(max = 80) String text) {
    checkText(text);
  }

  @Property(tries = 3000)
  void plausibleTextOnlyThrowsInvalidMultiaddr(@ForAll("plausibleText") String text) {
    checkText(text);
  }

  private static void checkBytes(byte[] bytes) {
    Throwable t = catchThrowable(() -> {
      Multiaddr ma = Multiaddr.fromBytes(bytes);
      assertThat(ma.toBytes()).isEqualTo(bytes);
      ma.toString();
      ma.components();
      ma.peerId();
      ma.withoutPeerId();
    });
    if (t != null) {
      assertThat(t).isInstanceOf(InvalidMultiaddrException.class);
    }
  }

  private static void checkText(String text) {
    Throwable t = catchThrowable(() -> {
      Multiaddr ma = Multiaddr.fromString(text);
      assertThat(Multiaddr.fromBytes(ma.toBytes())).isEqualTo(ma);
    });
    if (t != null) {
      assertThat(t).isInstanceOf(InvalidMultiaddrException.class);
    }
  }

  // ---- generators -------------------------------------------------------------------------

  /** 1-5 valid components; a path component (unix) only last. */
  @Provide
  Arbitrary<byte[]> validBytes() {
    return component(false).list().ofMinSize(0).ofMaxSize(4)
        .flatMap(init -> component(true).map(last -> concat(init, last)));
  }

  private Arbitrary<byte[]> component(boolean mayBePath) {
    List<Protocol> protocols = java.util.Arrays.stream(Protocol.values())
        .filter(p -> mayBePath || !p.isPath())
        .toList();
    return Arbitraries.of(protocols).flatMap(p -> value(p).map(v -> encode(p, v)));
  }

  private static byte[] encode(Protocol p, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(p.codeBytes());
    if (p.sizeBits() == Protocol.VARIABLE) {
      Varint.write(value.length, out);
    }
    out.writeBytes(value);
    return out.toByteArray();
  }

  private static byte[] concat(List<byte[]> parts, byte[] last) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    parts.forEach(out::writeBytes);
    out.writeBytes(last);
    return out.toByteArray();
  }

  private static Arbitrary<byte[]> bytes(int min, int max) {
    return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max);
  }

  /** A valid value for {@code p}. */
  private static Arbitrary<byte[]> value(Protocol p) {
    switch (p) {
      case IP6:
        return Arbitraries.oneOf(
            bytes(16, 16),
            bytes(4, 4).map(v4 -> {
              byte[] ip = new byte[16];
              ip[10] = (byte) 0xff;
              ip[11] = (byte) 0xff;
              System.arraycopy(v4, 0, ip, 12, 4);
              return ip;
            }),
            Arbitraries.integers().between(0, 15).map(i -> {
              byte[] ip = new byte[16];
              ip[i] = 1;
              return ip;
            }));
      case DNS:
      case DNS4:
      case DNS6:
      case DNSADDR:
      case SNI:
      case IP6ZONE:
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(20)
            .filter(s -> s.indexOf('/') < 0 && isWellFormed(s))
            .map(s -> s.getBytes(UTF_8));
      case UNIX:
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(20)
            .filter(s -> !s.endsWith("/") && isWellFormed(s))
            .map(s -> ("/" + s).getBytes(UTF_8));
      case P2P:
        return Arbitraries.oneOf(
            bytes(32, 32).map(d -> Multihash.encode(Multihash.SHA2_256, d)),
            bytes(0, 42).map(Multihash::identity));
      case ONION:
        return Combinators.combine(bytes(10, 10), Arbitraries.integers().between(1, 65535))
            .as((h, port) -> withPort(h, port));
      case ONION3:
        return Combinators.combine(bytes(35, 35), Arbitraries.integers().between(1, 65535))
            .as((h, port) -> withPort(h, port));
      case GARLIC64:
        return bytes(386, 420);
      case GARLIC32:
        return Arbitraries.oneOf(bytes(32, 32), bytes(35, 60));
      case CERTHASH:
        return Combinators.combine(Arbitraries.longs().between(0, 1L << 40), bytes(0, 40))
            .as(Multihash::encode);
      case HTTP_PATH:
        return bytes(1, 20);
      default:
        return bytes(p.sizeBits() / 8, p.sizeBits() / 8);
    }
  }

  private static boolean isWellFormed(String s) {
    return s.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF);
  }

  private static byte[] withPort(byte[] host, int port) {
    byte[] v = java.util.Arrays.copyOf(host, host.length + 2);
    v[host.length] = (byte) (port >> 8);
    v[host.length + 1] = (byte) port;
    return v;
  }

  /** Known protocol codes with random lengths and values: reaches the value validators. */
  @Provide
  Arbitrary<byte[]> plausibleBytes() {
    Arbitrary<byte[]> piece = Combinators.combine(
            Arbitraries.of(Protocol.values()),
            Arbitraries.integers().between(0, 70),
            bytes(0, 70))
        .as((p, len, junk) -> {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          out.writeBytes(p.codeBytes());
          if (p.sizeBits() == Protocol.VARIABLE) {
            Varint.write(len, out);
          }
          out.writeBytes(junk);
          return out.toByteArray();
        });
    return piece.list().ofMinSize(1).ofMaxSize(4).map(ps -> concat(ps, new byte[0]));
  }

  /** Slash-separated protocol names and value-like segments. */
  @Provide
  Arbitrary<String> plausibleText() {
    Arbitrary<String> name = Arbitraries.of(Protocol.values()).map(Protocol::protocolName);
    Arbitrary<String> segment = Arbitraries.oneOf(
        name,
        Arbitraries.strings().withChars("0123456789abcdefABCDEF:.%+-_~=Qmzbuk").ofMaxLength(12),
        Arbitraries.strings().ofMaxLength(6),
        Arbitraries.of("", "1.2.3.4", "::1", "65535", "65536", "0", "QmcgpsyWgH8Y8ajJz1Cu72"));
    return segment.list().ofMaxSize(8).map(parts -> "/" + String.join("/", parts));
  }
}
