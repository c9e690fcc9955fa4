package org.peerstore.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.peerstore.DialBook;
import org.peerstore.internal.DialRecord;
import org.peerstore.internal.PeerDials;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

/**
 * The {@code dials} column family's format ({@link DialCodec}, docs/STORAGE.md "Dial history"):
 * every history round-trips, and any key and value bytes either decode to a history that
 * re-encodes to exactly the same bytes (the format is canonical) or throw
 * {@link CorruptValueException}, never anything else. A Jazzer target ({@link #keyAndValue};
 * regression inputs in {@code src/test/resources/org/peerstore/rocksdb/DialCodecFuzzTestInputs/
 * keyAndValue/}, fuzz it with {@code JAZZER_FUZZ=1 ... -Dtest='DialCodecFuzzTest#keyAndValue'})
 * and a seeded mutation test that runs in every build.
 */
class DialCodecFuzzTest {

  /** Input: one byte {@code n}, then {@code n} key bytes (as many as there are), the rest value. */
  @FuzzTest
  void keyAndValue(byte[] data) throws Exception {
    if (data.length == 0) {
      return;
    }
    int n = Math.min(data[0] & 0xff, data.length - 1);
    checkPair(Arrays.copyOfRange(data, 1, 1 + n), Arrays.copyOfRange(data, 1 + n, data.length));
  }

  private static boolean checkPair(byte[] key, byte[] value) {
    PeerDials d;
    try {
      d = DialCodec.decode(key, value);
    } catch (CorruptValueException e) {
      return false;
    }
    if (!Arrays.equals(DialCodec.key(d.peer()), key)) {
      throw new AssertionError("dial key does not re-encode to itself: " + d.peer());
    }
    if (!Arrays.equals(DialCodec.value(d), value)) {
      throw new AssertionError("dial value does not re-encode to itself: " + d);
    }
    return true;
  }

  private static DialRecord record(Random random) {
    long first = random.nextLong() >>> 2;
    long seen = first + (random.nextLong() >>> 2);
    StringBuilder reason = new StringBuilder();
    int len = random.nextInt(30);
    for (int j = 0; j < len; j++) {
      reason.appendCodePoint(random.nextInt(4) == 0 ? 0x1F600 + random.nextInt(50)
          : 0x20 + random.nextInt(0x2000));
    }
    return new DialRecord(first, seen, random.nextBoolean() ? DialRecord.NONE : random.nextLong(),
        random.nextBoolean() ? DialRecord.NONE : random.nextLong(),
        random.nextBoolean() ? DialRecord.NONE : random.nextLong(), reason.toString(),
        random.nextInt(1000), random.nextInt(50));
  }

  static List<PeerDials> samples(Random random) {
    List<PeerDials> out = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      byte[] mh = new byte[34];
      random.nextBytes(mh);
      mh[0] = 0x12;
      mh[1] = 0x20;
      PeerId p = PeerId.fromBytes(mh);
      LinkedHashMap<Multiaddr, DialRecord> addrs = new LinkedHashMap<>();
      int m = random.nextInt(DialBook.MAX_ADDRS_PER_PEER + 1);
      for (int j = 0; j < m; j++) {
        addrs.put(Multiaddr.fromString("/ip4/10.0." + j + "." + random.nextInt(256) + "/tcp/"
            + random.nextInt(65536)), record(random));
      }
      out.add(PeerDials.of(p, record(random), addrs));
    }
    return out;
  }

  @Test
  void everyHistoryRoundTripsAndEveryMutationDecodesCanonicallyOrIsCorrupt() throws Exception {
    Random random = new Random(20261203L);
    int decoded = 0;
    int corrupt = 0;
    for (PeerDials d : samples(random)) {
      byte[] key = DialCodec.key(d.peer());
      byte[] value = DialCodec.value(d);
      assertThat(DialCodec.decode(key, value)).isEqualTo(d);
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
    assertThat(decoded).isPositive();
    assertThat(corrupt).isPositive();
  }

  @Test
  void malformedHistoriesAreCorrupt() throws Exception {
    PeerDials d = samples(new Random(7)).stream().filter(x -> x.addrs().size() >= 2)
        .findFirst().orElseThrow();
    byte[] key = DialCodec.key(d.peer());
    byte[] good = DialCodec.value(d);
    byte[] badVersion = good.clone();
    badVersion[0] = 2;
    byte[] trailing = Arrays.copyOf(good, good.length + 1);
    byte[] tooMany = good.clone();
    int countAt = 1 + 6 * 8 + 4 + 2 + d.record().reason().getBytes(
        java.nio.charset.StandardCharsets.UTF_8).length;
    tooMany[countAt] = (byte) (DialBook.MAX_ADDRS_PER_PEER + 1);
    byte[] negative = good.clone();
    negative[1 + 5 * 8] = (byte) 0x80; // attempts < 0
    for (byte[] v : List.of(new byte[0], badVersion, trailing, tooMany, negative,
        Arrays.copyOf(good, good.length - 1))) {
      assertThatThrownBy(() -> DialCodec.decode(key, v)).isInstanceOf(CorruptValueException.class);
    }
    byte[] longKey = Arrays.copyOf(key, key.length + 1);
    assertThatThrownBy(() -> DialCodec.decode(longKey, good))
        .isInstanceOf(CorruptValueException.class);
    assertThatThrownBy(() -> DialCodec.decode(new byte[] {3, 0x12, 0x20, 1}, good))
        .isInstanceOf(CorruptValueException.class);
  }
}
