package org.peerstore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.peerstore.MetadataCodec;

class MetadataValuesTest {

  /** An application type with a registered codec. */
  record Point(int x, int y) {}

  static final MetadataCodec<Point> POINT = new MetadataCodec<>() {
    @Override
    public byte[] encode(Point p) {
      return new byte[] {(byte) p.x(), (byte) p.y()};
    }

    @Override
    public Point decode(byte[] b) {
      if (b.length != 2) {
        throw new IllegalArgumentException("point needs 2 bytes");
      }
      return new Point(b[0], b[1]);
    }
  };

  private static MetadataValues withPoint() {
    Map<String, Class<?>> ids = new LinkedHashMap<>();
    ids.put("point", Point.class);
    Map<Class<?>, MetadataCodec<?>> codecs = new LinkedHashMap<>();
    codecs.put(Point.class, POINT);
    return new MetadataValues(ids, codecs);
  }

  static Stream<Object> builtIns() {
    return Stream.of("", "agent/1.0", "\u00e9\u4e2d\ud83d\ude00", true, false, 0, -1,
        Integer.MIN_VALUE, Integer.MAX_VALUE, 0L, Long.MIN_VALUE, Long.MAX_VALUE, 1.5, -0.0,
        Double.NaN, Double.NEGATIVE_INFINITY, Double.MIN_VALUE);
  }

  @ParameterizedTest
  @MethodSource("builtIns")
  void builtInsRoundTripWithTheirType(Object value) {
    MetadataValues mv = MetadataValues.builtInsOnly();
    Object back = mv.decode(mv.encode(value));
    assertThat(back).isInstanceOf(value.getClass()).isEqualTo(value);
  }

  @Test
  void byteArraysAreCopiedBothWays() {
    MetadataValues mv = MetadataValues.builtInsOnly();
    byte[] original = {1, 2, 3};
    byte[] encoded = mv.encode(original);
    original[0] = 9;
    byte[] first = (byte[]) mv.decode(encoded);
    assertThat(first).containsExactly(1, 2, 3);
    first[1] = 9;
    assertThat((byte[]) mv.decode(encoded)).containsExactly(1, 2, 3);
    assertThat((byte[]) mv.decode(mv.encode(new byte[0]))).isEmpty();
  }

  @Test
  void encodingFollowsTheDocumentedFormat() {
    MetadataValues mv = MetadataValues.builtInsOnly();
    assertThat(mv.encode("hi")).containsExactly(0x01, 'h', 'i');
    assertThat(mv.encode(true)).containsExactly(0x02, 0x01);
    assertThat(mv.encode(258)).containsExactly(0x03, 0, 0, 1, 2);
    assertThat(mv.encode(-2L)).containsExactly(0x04, -1, -1, -1, -1, -1, -1, -1, -2);
    assertThat(mv.encode(1.0)).containsExactly(0x05, 0x3f, -16, 0, 0, 0, 0, 0, 0);
    assertThat(mv.encode(new byte[] {7})).containsExactly(0x06, 7);
    assertThat(withPoint().encode(new Point(3, 4)))
        .containsExactly(0x7f, 0, 5, 'p', 'o', 'i', 'n', 't', 3, 4);
  }

  @Test
  void registeredTypesRoundTrip() {
    MetadataValues mv = withPoint();
    assertThat(mv.decode(mv.encode(new Point(5, -6)))).isEqualTo(new Point(5, -6));
    assertThat(mv.decode(mv.encode(7))).isEqualTo(7);
  }

  @Test
  void unsupportedTypesAreRejected() {
    MetadataValues mv = MetadataValues.builtInsOnly();
    assertThatThrownBy(() -> mv.encode(new Point(1, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Point.class.getName());
    assertThatThrownBy(() -> mv.encode(3.0f)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> mv.encode((short) 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> mv.encode(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> mv.encode("bad \ud800 surrogate"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void malformedEncodingsAreRejected() {
    MetadataValues mv = withPoint();
    assertThatThrownBy(() -> mv.decode(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> mv.decode(new byte[] {0x03, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("integer");
    assertThatThrownBy(() -> mv.decode(new byte[] {0x02, 5}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> mv.decode(new byte[] {0x42}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tag");
    assertThatThrownBy(() -> mv.decode(new byte[] {0x01, (byte) 0xff}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UTF-8");
    assertThatThrownBy(() -> mv.decode(new byte[] {0x7f, 0, 9, 'p'}))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] unknown = MetadataValues.builtInsOnly().encode("x");
    unknown[0] = 0x7f;
    assertThatThrownBy(() -> mv.decode(unknown)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTypeIdWithoutCodecIsReported() {
    byte[] stored = withPoint().encode(new Point(1, 1));
    assertThatThrownBy(() -> MetadataValues.builtInsOnly().decode(stored))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("point");
  }

  @Test
  void builtInTypesCannotBeRegistered() {
    assertThat(MetadataValues.isBuiltIn(String.class)).isTrue();
    assertThat(MetadataValues.isBuiltIn(byte[].class)).isTrue();
    assertThat(MetadataValues.isBuiltIn(Point.class)).isFalse();
    MetadataCodec<String> codec = new MetadataCodec<>() {
      @Override
      public byte[] encode(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
      }

      @Override
      public String decode(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
      }
    };
    assertThatThrownBy(() -> new MetadataValues(Map.of("s", String.class),
        Map.of(String.class, codec))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void checkEncodingChecksFramingAndKnownCodecsOnly() {
    MetadataValues plain = MetadataValues.builtInsOnly();
    plain.checkEncoding(plain.encode("x"));
    plain.checkEncoding(plain.encode(5L));
    assertThatThrownBy(() -> plain.checkEncoding(new byte[] {MetadataValues.TAG_LONG, 1}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> plain.checkEncoding(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] unknown = {MetadataValues.TAG_CODEC, 0, 2, 'i', 'd', 1, 2, 3};
    plain.checkEncoding(unknown);
    assertThat(MetadataValues.registeredTypeId(unknown)).isEqualTo("id");
    assertThatThrownBy(() -> plain.checkEncoding(new byte[] {MetadataValues.TAG_CODEC, 0, 9, 'i'}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("type id length");
    MetadataValues strict = new MetadataValues(Map.of("id", Integer[].class),
        Map.of(Integer[].class, new org.peerstore.MetadataCodec<Integer[]>() {
          @Override
          public byte[] encode(Integer[] value) {
            return new byte[value.length];
          }

          @Override
          public Integer[] decode(byte[] bytes) {
            if (bytes.length != 2) {
              throw new IllegalStateException("a buggy codec throws something else");
            }
            return new Integer[] {1, 2};
          }
        }));
    assertThatThrownBy(() -> strict.checkEncoding(unknown))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("codec rejected");
    strict.checkEncoding(new byte[] {MetadataValues.TAG_CODEC, 0, 2, 'i', 'd', 1, 2});
  }
}
