package org.peerstore.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreKeysTest {

  private static final byte[] FOO = "foo".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FOOBAR = "foobar".getBytes(StandardCharsets.US_ASCII);

  @Test
  void peerKeysAreLengthFramed() {
    assertThat(StoreKeys.peer(FOO)).containsExactly(3, 'f', 'o', 'o');
    assertThat(StoreKeys.key(FOO, StoreKeys.KIND_PRIVATE)).containsExactly(3, 'f', 'o', 'o', 2);
    assertThat(StoreKeys.metadata(FOO, "k")).containsExactly(3, 'f', 'o', 'o', 'k');
  }

  @Test
  void noKeyOfFoobarFallsInsideTheScanRangeOfFoo() {
    byte[] from = StoreKeys.peer(FOO);
    byte[] to = StoreKeys.prefixEnd(from);
    List<byte[]> foobarKeys =
        List.of(
            StoreKeys.peer(FOOBAR),
            StoreKeys.key(FOOBAR, StoreKeys.KIND_PUBLIC),
            StoreKeys.metadata(FOOBAR, ""),
            StoreKeys.metadata(FOOBAR, "bar"));
    for (byte[] k : foobarKeys) {
      boolean inside = Arrays.compareUnsigned(k, from) >= 0 && Arrays.compareUnsigned(k, to) < 0;
      assertThat(inside).as(Arrays.toString(k)).isFalse();
    }
    // and the metadata key "bar" of foo is not confused with peer foobar's entries
    assertThat(StoreKeys.metadata(FOO, "bar")).isNotEqualTo(StoreKeys.peer(FOOBAR));
    assertThat(StoreKeys.startsWith(StoreKeys.metadata(FOO, "bar"), StoreKeys.peer(FOOBAR)))
        .isFalse();
  }

  @Test
  void prefixEndIsTheSmallestKeyAfterThePrefix() {
    assertThat(StoreKeys.prefixEnd(new byte[] {3, 'f', 'o', 'o'}))
        .containsExactly(3, 'f', 'o', 'p');
    assertThat(StoreKeys.prefixEnd(new byte[] {1, (byte) 0xff})).containsExactly(2);
    assertThat(StoreKeys.prefixEnd(new byte[] {(byte) 0xff, (byte) 0xff})).isNull();
  }

  @Test
  void parsesFramedKeysBack() throws Exception {
    assertThat(StoreKeys.peerIdOf(StoreKeys.metadata(FOO, "agent"))).isEqualTo(FOO);
    assertThat(new String(StoreKeys.suffixOf(StoreKeys.metadata(FOO, "agent")), "UTF-8"))
        .isEqualTo("agent");
    assertThat(StoreKeys.suffixOf(StoreKeys.key(FOO, StoreKeys.KIND_PUBLIC)))
        .containsExactly(StoreKeys.KIND_PUBLIC);
  }

  @Test
  void rejectsMisframedKeys() {
    assertThatThrownBy(() -> StoreKeys.peerIdOf(new byte[] {9, 'a'}))
        .isInstanceOf(CorruptValueException.class)
        .hasMessageContaining("9 bytes");
    assertThatThrownBy(() -> StoreKeys.peerIdOf(new byte[] {0, 'a'}))
        .isInstanceOf(CorruptValueException.class);
    assertThatThrownBy(() -> StoreKeys.peerIdOf(new byte[0]))
        .isInstanceOf(CorruptValueException.class);
    assertThatThrownBy(() -> StoreKeys.expiryOf(new byte[8]))
        .isInstanceOf(CorruptValueException.class);
  }

  @Test
  void rejectsPeerIdsTheFrameCannotHold() {
    assertThatThrownBy(() -> StoreKeys.peer(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StoreKeys.peer(new byte[256]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("256");
  }

  @Test
  void expiryKeysSortByInstantThenPeer() throws Exception {
    long[] instants = {Long.MIN_VALUE, -5, -1, 0, 1, 255, 256, 1L << 40, Long.MAX_VALUE - 1, Long.MAX_VALUE};
    List<byte[]> keys = new ArrayList<>();
    for (long t : instants) {
      keys.add(StoreKeys.expiry(t, FOOBAR));
      keys.add(StoreKeys.expiry(t, FOO));
    }
    List<byte[]> sorted = new ArrayList<>(keys);
    sorted.sort(Arrays::compareUnsigned);
    for (int i = 0; i < instants.length; i++) {
      assertThat(StoreKeys.expiryOf(sorted.get(2 * i))).isEqualTo(instants[i]);
      assertThat(StoreKeys.expiryPeerIdOf(sorted.get(2 * i))).isEqualTo(FOO);
      assertThat(StoreKeys.expiryPeerIdOf(sorted.get(2 * i + 1))).isEqualTo(FOOBAR);
    }
  }

  @Test
  void expiryBoundSeparatesExpiredFromLive() {
    long now = 1_700_000_000_000_000_000L;
    byte[] bound = StoreKeys.expiryBound(now + 1);
    assertThat(Arrays.compareUnsigned(StoreKeys.expiry(now, FOOBAR), bound)).isNegative();
    assertThat(Arrays.compareUnsigned(StoreKeys.expiry(now + 1, FOO), bound)).isPositive();
  }
}
