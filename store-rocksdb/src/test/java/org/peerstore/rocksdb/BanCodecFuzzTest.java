package org.peerstore.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.peerstore.BanBook;
import org.peerstore.BanTarget;
import org.peerstore.Subnet;
import org.peerstore.internal.BanEntry;
import org.peerstore.internal.Ttl;
import org.peerstore.peer.PeerId;

/**
 * The {@code bans} column family's format ({@link BanCodec}, docs/STORAGE.md "Bans"): every
 * ban round-trips, and any key and value bytes either decode to a ban that re-encodes to exactly
 * the same bytes (the format is canonical) or throw {@link CorruptValueException}, never
 * anything else. A Jazzer target ({@link #keyAndValue}; regression inputs in
 * {@code src/test/resources/org/peerstore/rocksdb/BanCodecFuzzTestInputs/keyAndValue/}, fuzz it
 * with {@code JAZZER_FUZZ=1 ... -Dtest='BanCodecFuzzTest#keyAndValue'}) and a seeded
 * mutation test that runs in every build.
 */
class BanCodecFuzzTest {

  /** Input: one byte {@code n}, then {@code n} key bytes (as many as there are), the rest value. */
  @FuzzTest
  void keyAndValue(byte[] data) throws Exception {
    check(data);
  }

  private static void check(byte[] data) throws Exception {
    if (data.length == 0) {
      return;
    }
    int n = Math.min(data[0] & 0xff, data.length - 1);
    byte[] key = Arrays.copyOfRange(data, 1, 1 + n);
    byte[] value = Arrays.copyOfRange(data, 1 + n, data.length);
    checkPair(key, value);
  }

  private static boolean checkPair(byte[] key, byte[] value) {
    BanEntry ban;
    try {
      ban = BanCodec.decode(key, value);
    } catch (CorruptValueException e) {
      return false;
    }
    if (!Arrays.equals(BanCodec.key(ban.target()), key)) {
      throw new AssertionError("ban key does not re-encode to itself: " + ban.target());
    }
    if (!Arrays.equals(BanCodec.value(ban), value)) {
      throw new AssertionError("ban value does not re-encode to itself: " + ban);
    }
    return true;
  }

  private static List<BanEntry> samples(Random random) throws Exception {
    List<BanEntry> out = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      BanTarget t;
      switch (i % 4) {
        case 0 -> {
          byte[] mh = new byte[34];
          random.nextBytes(mh);
          mh[0] = 0x12;
          mh[1] = 0x20;
          t = BanTarget.peer(PeerId.fromBytes(mh));
        }
        case 1 -> {
          byte[] a = new byte[random.nextBoolean() ? 4 : 16];
          random.nextBytes(a);
          t = BanTarget.ip(InetAddress.getByAddress(a));
        }
        default -> {
          byte[] a = new byte[random.nextBoolean() ? 4 : 16];
          random.nextBytes(a);
          InetAddress addr = InetAddress.getByAddress(a);
          t = BanTarget.subnet(Subnet.of(addr, random.nextInt(addr.getAddress().length * 8 + 1)));
        }
      }
      StringBuilder reason = new StringBuilder();
      int len = random.nextInt(40);
      for (int j = 0; j < len; j++) {
        reason.appendCodePoint(random.nextInt(4) == 0 ? 0x1F600 + random.nextInt(50)
            : 0x20 + random.nextInt(0x2000));
      }
      long created = random.nextLong();
      long expiry = random.nextInt(5) == 0 ? Ttl.NEVER : random.nextLong();
      // Code points below 0x2020 and emoji: never a lone surrogate.
      out.add(new BanEntry(t, reason.toString(), created, expiry));
    }
    return out;
  }

  @Test
  void everyBanRoundTripsAndEveryMutationDecodesCanonicallyOrIsCorrupt() throws Exception {
    Random random = new Random(20261203L);
    int decodedMutations = 0;
    int corruptMutations = 0;
    for (BanEntry ban : samples(random)) {
      byte[] key = BanCodec.key(ban.target());
      byte[] value = BanCodec.value(ban);
      assertThat(BanCodec.decode(key, value)).isEqualTo(ban);
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
          decodedMutations++;
        } else {
          corruptMutations++;
        }
      }
    }
    // Both outcomes happen: the test would notice a decoder that accepts or refuses everything.
    assertThat(decodedMutations).isPositive();
    assertThat(corruptMutations).isPositive();
  }

  @Test
  void malformedBansAreCorrupt() throws Exception {
    byte[] ip = BanCodec.key(BanTarget.ip(InetAddress.getByName("10.0.0.1")));
    byte[] good = BanCodec.value(new BanEntry(BanTarget.ip(InetAddress.getByName("10.0.0.1")),
        "r", 1, 2));
    byte[] mapped = new byte[17];
    mapped[0] = BanCodec.KIND_IP;
    mapped[11] = (byte) 0xff;
    mapped[12] = (byte) 0xff;
    List<byte[]> badKeys = List.of(new byte[0], new byte[] {BanCodec.KIND_IP},
        new byte[] {BanCodec.KIND_IP, 1, 2, 3}, new byte[] {9, 10, 0, 0, 1}, mapped,
        new byte[] {BanCodec.KIND_SUBNET, 8, 10, 1, 0, 0}, // host bits set
        new byte[] {BanCodec.KIND_SUBNET, 33, 10, 0, 0, 0}, // prefix out of range
        new byte[] {BanCodec.KIND_PEER, 0x12, 0x20, 1}); // truncated multihash
    for (byte[] k : badKeys) {
      assertThatThrownBy(() -> BanCodec.decode(k, good)).isInstanceOf(CorruptValueException.class);
    }
    byte[] tooLong = Arrays.copyOf(good, 17 + BanBook.MAX_REASON_BYTES + 1);
    Arrays.fill(tooLong, 17, tooLong.length, (byte) 'a');
    byte[] badUtf8 = Arrays.copyOf(good, 18);
    badUtf8[17] = (byte) 0xc0;
    byte[] badVersion = good.clone();
    badVersion[0] = 2;
    for (byte[] v : List.of(new byte[0], Arrays.copyOf(good, 16), badVersion, tooLong, badUtf8)) {
      assertThatThrownBy(() -> BanCodec.decode(ip, v)).isInstanceOf(CorruptValueException.class);
    }
  }
}
