package org.peerstore.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.peerstore.MetadataCodec;
import org.peerstore.Peerstore;
import org.peerstore.PeerstoreBuilder;
import org.peerstore.peer.PeerId;

/**
 * Metadata (docs/CONTRACT.md §7): the accepted types round-trip with their type, byte arrays are
 * copied, codec types work, anything else is rejected the same way by every store, and keys and
 * peers never bleed into each other.
 */
abstract class MetadataContract extends ContractBase {

  MetadataContract(PeerstoreConformanceSuite suite) {
    super(suite);
  }

  /** An application type stored through a registered codec. */
  record Point(int x, int y) {}

  /** Encodes a {@link Point} as two big-endian ints. */
  static final MetadataCodec<Point> POINT_CODEC = new MetadataCodec<>() {
    @Override
    public byte[] encode(Point value) {
      return ByteBuffer.allocate(8).putInt(value.x()).putInt(value.y()).array();
    }

    @Override
    public Point decode(byte[] bytes) {
      if (bytes.length != 8) {
        throw new IllegalArgumentException("a point is 8 bytes, got " + bytes.length);
      }
      ByteBuffer b = ByteBuffer.wrap(bytes);
      return new Point(b.getInt(), b.getInt());
    }
  };

  /** Registers the {@link Point} codec on a builder. */
  static void withPointCodec(PeerstoreBuilder<?, ?> b) {
    b.metadataCodec("conformance.point", Point.class, POINT_CODEC);
  }

  private static PeerId newPeer() {
    return TestPeer.generate().id();
  }

  static Stream<Object> builtInValues() {
    return Stream.of("AgentVersion/1.0", "", "ünïcødé ✓", Boolean.TRUE, Boolean.FALSE, 0, 1,
        Integer.MIN_VALUE, Integer.MAX_VALUE, 0L, 1L, Long.MIN_VALUE, Long.MAX_VALUE, 0.1, -0.0,
        Double.NaN, Double.NEGATIVE_INFINITY, Double.MIN_VALUE);
  }

  @ParameterizedTest
  @MethodSource("builtInValues")
  void builtInTypesRoundTripWithTheirType(Object value) {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.put(p, "k", value);
    Optional<Object> got = ps.get(p, "k");
    assertThat(got).isPresent();
    assertThat(got.orElseThrow()).isInstanceOf(value.getClass()).isEqualTo(value);
  }

  @Test
  void integerAndLongStayDistinct() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.put(p, "int", 1);
    ps.put(p, "long", 1L);
    assertThat(ps.get(p, "int")).containsInstanceOf(Integer.class).contains(1);
    assertThat(ps.get(p, "long")).containsInstanceOf(Long.class).contains(1L);
  }

  @Test
  void byteArrayRoundTrips() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.put(p, "bytes", new byte[] {1, 2, 3, (byte) 0xff});
    ps.put(p, "empty", new byte[0]);
    assertThat(ps.get(p, "bytes").orElseThrow()).isInstanceOf(byte[].class);
    assertThat((byte[]) ps.get(p, "bytes").orElseThrow()).containsExactly(1, 2, 3, 0xff);
    assertThat((byte[]) ps.get(p, "empty").orElseThrow()).isEmpty();
  }

  @Test
  void byteArrayIsCopiedOnPut() {
    Peerstore ps = open();
    PeerId p = newPeer();
    byte[] value = {1, 2, 3};
    ps.put(p, "bytes", value);
    value[0] = 9;
    assertThat((byte[]) ps.get(p, "bytes").orElseThrow()).containsExactly(1, 2, 3);
  }

  @Test
  void byteArrayIsCopiedOnGet() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.put(p, "bytes", new byte[] {1, 2, 3});
    byte[] first = (byte[]) ps.get(p, "bytes").orElseThrow();
    first[0] = 9;
    assertThat((byte[]) ps.get(p, "bytes").orElseThrow()).containsExactly(1, 2, 3);
  }

  @Test
  void registeredCodecTypeRoundTrips() {
    Peerstore ps = open(MetadataContract::withPointCodec);
    PeerId p = newPeer();
    ps.put(p, "where", new Point(3, -4));
    assertThat(ps.get(p, "where")).containsInstanceOf(Point.class).contains(new Point(3, -4));
  }

  static Stream<Object> unsupportedValues() {
    return Stream.of(new Object(), List.of("a"), new Point(1, 2), 'c', (short) 1, (byte) 1,
        1.5f, BigInteger.ONE, new int[] {1}, Duration.ofSeconds(1), Optional.of("x"));
  }

  @ParameterizedTest
  @MethodSource("unsupportedValues")
  void unsupportedTypeIsRejectedAndNothingIsStored(Object value) {
    Peerstore ps = open();
    PeerId p = newPeer();
    assertThatThrownBy(() -> ps.put(p, "k", value)).isInstanceOf(IllegalArgumentException.class);
    assertThat(ps.get(p, "k")).isEmpty();
    assertThat(ps.peers()).doesNotContain(p);
  }

  @Test
  void putReplacesTheValueAndItsType() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.put(p, "k", "text");
    ps.put(p, "k", 42);
    assertThat(ps.get(p, "k")).containsInstanceOf(Integer.class).contains(42);
  }

  @Test
  void unknownKeyOrPeerIsEmpty() {
    Peerstore ps = open();
    PeerId p = newPeer();
    assertThat(ps.get(p, "k")).isEmpty();
    ps.put(p, "k", "v");
    assertThat(ps.get(p, "other")).isEmpty();
    assertThat(ps.get(newPeer(), "k")).isEmpty();
  }

  @Test
  void keysThatArePrefixesOfEachOtherAreDistinct() {
    Peerstore ps = open();
    PeerId p = newPeer();
    ps.put(p, "foo", "short");
    ps.put(p, "foobar", "long");
    assertThat(ps.get(p, "foo")).contains("short");
    assertThat(ps.get(p, "foobar")).contains("long");
    assertThat(ps.get(p, "fo")).isEmpty();
    assertThat(ps.get(p, "foob")).isEmpty();
  }

  @Test
  void removingOnePeerLeavesAnotherPeersMetadata() {
    Peerstore ps = open();
    PeerId foo = newPeer();
    PeerId foobar = newPeer();
    ps.put(foobar, "AgentVersion", "v1");
    ps.put(foo, "AgentVersion", "v1");
    ps.put(foo, "bar", 1);
    ps.removePeer(foo);
    assertThat(ps.get(foo, "AgentVersion")).isEmpty();
    assertThat(ps.get(foo, "bar")).isEmpty();
    assertThat(ps.get(foobar, "AgentVersion")).contains("v1");
  }

  @Test
  void metadataOfManyPeersIsKeptApart() {
    Peerstore ps = open();
    List<PeerId> peers = Stream.generate(MetadataContract::newPeer).limit(3).toList();
    for (PeerId p : peers) {
      ps.put(p, "AgentVersion", "string");
      ps.put(p, "bar", 1);
      ps.put(p, "self", p.toString());
    }
    for (PeerId p : peers) {
      assertThat(ps.get(p, "AgentVersion")).contains("string");
      assertThat(ps.get(p, "bar")).contains(1);
      assertThat(ps.get(p, "self")).contains(p.toString());
    }
  }
}
