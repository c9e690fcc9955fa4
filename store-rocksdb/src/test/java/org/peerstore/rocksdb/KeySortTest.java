package org.peerstore.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link KeySort} orders keys exactly as RocksDB's bytewise comparator, whatever they hold. */
class KeySortTest {

  /** Checks {@code order} is a permutation that puts {@code keys} in bytewise order. */
  private static void assertSorted(byte[][] keys) {
    int[] order = KeySort.order(keys);
    int[] indexes = order.clone();
    Arrays.sort(indexes);
    assertThat(indexes).as("a permutation").isEqualTo(IntStream.range(0, keys.length).toArray());
    byte[][] expected = keys.clone();
    Arrays.sort(expected, GroupCommit.KEY_ORDER);
    for (int i = 0; i < keys.length; i++) {
      assertThat(keys[order[i]]).as("position %d of %d", i, keys.length).isEqualTo(expected[i]);
    }
  }

  @Test
  void randomKeysWithASharedPrefix() {
    Random rnd = new Random(1);
    byte[] prefix = {0, 0x24, 8, 1, 0x12, 0x20};
    byte[][] keys = new byte[5000][];
    for (int i = 0; i < keys.length; i++) {
      byte[] k = Arrays.copyOf(prefix, prefix.length + 32);
      byte[] tail = new byte[32];
      rnd.nextBytes(tail);
      System.arraycopy(tail, 0, k, prefix.length, 32);
      keys[i] = k;
    }
    assertSorted(keys);
  }

  @Test
  void keysThatTieOnTheirHeadAreSortedByTheRest() {
    // Same 8 bytes after the shared prefix, different afterwards, high bytes included (an
    // order that compared signed bytes would fail here).
    Random rnd = new Random(2);
    List<byte[]> keys = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      byte[] k = new byte[3 + rnd.nextInt(20)];
      k[0] = (byte) rnd.nextInt(2);
      for (int j = 1; j < k.length; j++) {
        k[j] = (byte) (j < 9 ? 0x7F : rnd.nextInt(256));
      }
      keys.add(k);
    }
    assertSorted(keys.toArray(new byte[0][]));
  }

  @Test
  void prefixesEmptyKeysDuplicatesAndZeroBytes() {
    byte[][] keys = {
        {}, {0}, {0, 0}, {0, 0, 0, 0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 0, 0, 1},
        {1}, {1}, {(byte) 0xFF}, {(byte) 0x80, 0}, {0x7F, (byte) 0xFF}, {},
        {0, 0, 0, 0, 0, 0, 0, 0}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11},
        {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, (byte) 0x90},
    };
    assertSorted(keys);
    assertSorted(new byte[0][]);
    assertSorted(new byte[][] {{5, 5}});
  }

  @Test
  void randomShortKeysOverSmallAlphabets() {
    Random rnd = new Random(3);
    for (int round = 0; round < 300; round++) {
      byte[][] keys = new byte[rnd.nextInt(60)][];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = new byte[rnd.nextInt(12)];
        for (int j = 0; j < keys[i].length; j++) {
          keys[i][j] = (byte) (rnd.nextInt(3) == 0 ? 0xFF : rnd.nextInt(3));
        }
      }
      assertSorted(keys);
    }
  }
}
