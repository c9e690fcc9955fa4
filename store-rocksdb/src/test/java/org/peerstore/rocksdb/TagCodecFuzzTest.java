package org.peerstore.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.peerstore.TagBook;
import org.peerstore.internal.PeerTags;
import org.peerstore.internal.TagEntry;
import org.peerstore.peer.PeerId;

/**
 * The {@code tags} column family's format ({@link TagCodec}, docs/STORAGE.md "Tags"): every
 * peer's tag state round-trips, and any key and value bytes either decode to a state that
 * re-encodes to exactly the same bytes (the format is canonical) or throw
 * {@link CorruptValueException}, never anything else. A Jazzer target ({@link #keyAndValue};
 * regression inputs in
 * {@code src/test/resources/org/peerstore/rocksdb/TagCodecFuzzTestInputs/keyAndValue/}, fuzz
 * it with {@code JAZZER_FUZZ=1 ... -Dtest='TagCodecFuzzTest#keyAndValue'}) and a seeded
 * mutation test that runs in every build.
 */
class TagCodecFuzzTest {

  /** Input: one byte {@code n}, then {@code n} key bytes (as many as there are), the rest value. */
  @FuzzTest
  void keyAndValue(byte[] data) {
    if (data.length == 0) {
      return;
    }
    int n = Math.min(data[0] & 0xff, data.length - 1);
    checkPair(Arrays.copyOfRange(data, 1, 1 + n), Arrays.copyOfRange(data, 1 + n, data.length));
  }

  private static boolean checkPair(byte[] key, byte[] value) {
    boolean keyOk;
    try {
      PeerId p = TagCodec.decodeKey(key);
      if (!Arrays.equals(TagCodec.key(p), key)) {
        throw new AssertionError("tag key does not re-encode to itself: " + p);
      }
      keyOk = true;
    } catch (CorruptValueException e) {
      keyOk = false;
    }
    PeerTags s;
    try {
      s = TagCodec.decode(value);
    } catch (CorruptValueException e) {
      return false;
    }
    if (!Arrays.equals(TagCodec.value(s), value)) {
      throw new AssertionError("tag value does not re-encode to itself: " + s);
    }
    return keyOk;
  }

  private static String name(Random random) {
    StringBuilder b = new StringBuilder();
    int len = random.nextInt(12);
    for (int j = 0; j < len; j++) {
      // Code points below 0x2020 and emoji: never a lone surrogate.
      b.appendCodePoint(random.nextInt(4) == 0 ? 0x1F600 + random.nextInt(50)
          : 0x20 + random.nextInt(0x2000));
    }
    return b.toString();
  }

  private static List<PeerTags> samples(Random random) {
    List<PeerTags> out = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      TreeMap<String, TagEntry> tags = new TreeMap<>();
      int n = random.nextInt(6);
      for (int j = 0; j < n; j++) {
        int v = random.nextInt();
        TagEntry e = switch (random.nextInt(3)) {
          case 0 -> TagEntry.plain(v);
          case 1 -> TagEntry.expiring(v, random.nextLong());
          default -> TagEntry.decaying(v, random.nextLong());
        };
        tags.put(name(random), e);
      }
      TreeSet<String> prots = new TreeSet<>();
      int m = tags.isEmpty() ? 1 + random.nextInt(3) : random.nextInt(3);
      for (int j = 0; j < m; j++) {
        prots.add(name(random));
      }
      out.add(new PeerTags(random.nextLong(), tags, prots));
    }
    return out;
  }

  @Test
  void everyStateRoundTripsAndEveryMutationDecodesCanonicallyOrIsCorrupt() throws Exception {
    Random random = new Random(20261203L);
    int decoded = 0;
    int corrupt = 0;
    for (PeerTags s : samples(random)) {
      PeerId p = RandomPeerIds.next(random);
      byte[] key = TagCodec.key(p);
      byte[] value = TagCodec.value(s);
      assertThat(TagCodec.decodeKey(key)).isEqualTo(p);
      assertThat(TagCodec.decode(value)).isEqualTo(s);
      for (int m = 0; m < 30; m++) {
        byte[] k = key.clone();
        byte[] v = value.clone();
        switch (random.nextInt(4)) {
          case 0 -> k[random.nextInt(k.length)] ^= (byte) (1 << random.nextInt(8));
          case 1 -> v[random.nextInt(v.length)] ^= (byte) (1 << random.nextInt(8));
          case 2 -> k = Arrays.copyOf(k, random.nextInt(k.length + 2));
          default -> v = Arrays.copyOf(v, random.nextInt(v.length + 2));
        }
        if (checkPair(k, v)) {
          decoded++;
        } else {
          corrupt++;
        }
      }
    }
    // Both outcomes happen: the test would notice a decoder that accepts or refuses everything.
    assertThat(decoded).isPositive();
    assertThat(corrupt).isPositive();
  }

  @Test
  void malformedStatesAreCorrupt() {
    TreeMap<String, TagEntry> one = new TreeMap<>();
    one.put("a", TagEntry.plain(1));
    byte[] good = TagCodec.value(new PeerTags(5, one, new TreeSet<>()));
    byte[] badVersion = good.clone();
    badVersion[0] = 2;
    byte[] badKind = good.clone();
    badKind[1 + 8 + 2 + 2 + 1] = 3;
    byte[] trailing = Arrays.copyOf(good, good.length + 1);
    byte[] empty = {TagCodec.VERSION, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0};
    byte[] tooMany = good.clone();
    tooMany[1 + 8] = (byte) ((TagBook.MAX_TAGS_PER_PEER + 1) >> 8);
    tooMany[1 + 8 + 1] = (byte) (TagBook.MAX_TAGS_PER_PEER + 1);
    byte[] badUtf8 = good.clone();
    badUtf8[1 + 8 + 2 + 2] = (byte) 0xc0;
    // Two tags "b", "a": out of order.
    byte[] unordered = {TagCodec.VERSION, 0, 0, 0, 0, 0, 0, 0, 5, 0, 2,
        0, 1, 'b', 0, 0, 0, 0, 1, 0, 1, 'a', 0, 0, 0, 0, 1, 0, 0};
    for (byte[] v : List.of(new byte[0], Arrays.copyOf(good, 10), badVersion, badKind, trailing,
        empty, tooMany, badUtf8, unordered)) {
      assertThatThrownBy(() -> TagCodec.decode(v)).isInstanceOf(CorruptValueException.class);
    }
    for (byte[] k : List.of(new byte[0], new byte[] {3, 0x12, 0x20}, new byte[] {1, 0x12, 9})) {
      assertThatThrownBy(() -> TagCodec.decodeKey(k)).isInstanceOf(CorruptValueException.class);
    }
  }
}
