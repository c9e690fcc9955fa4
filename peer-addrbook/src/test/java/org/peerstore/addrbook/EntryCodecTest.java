package org.peerstore.addrbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The stored entry format (docs/ADDRBOOK.md, "Stored format"). */
class EntryCodecTest {

  @Property(tries = 300)
  void roundTrips(@ForAll @IntRange(min = 0, max = 100_000) int i,
      @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = 255) Integer> buckets,
      @ForAll int attempts, @ForAll long seconds, @ForAll @IntRange(max = 999_999_999) int nanos,
      @ForAll boolean old, @ForAll boolean banned) {
    Instant t = Instant.ofEpochSecond(Math.floorMod(seconds, 400_000_000_000L) - 100_000_000_000L,
        nanos);
    NetAddress a = i % 2 == 0 ? Addrs.addr(i) : NetAddress.of(Addrs.id(i), "2a01:4f8::" + Integer.toHexString(i & 0xffff), i % 65536);
    KnownAddress ka = new KnownAddress(a, Addrs.addr(i + 1), old ? BucketType.OLD : BucketType.NEW,
        buckets, attempts, t, KnownAddress.ZERO_TIME, t);
    EntryCodec.Entry e = EntryCodec.decode(EntryCodec.encode(ka, banned));
    assertThat(e.address()).isEqualTo(ka);
    assertThat(e.kind()).isEqualTo(banned ? (old ? EntryCodec.BANNED_OLD : EntryCodec.BANNED_NEW)
        : old ? EntryCodec.OLD : EntryCodec.NEW);
  }

  @Property(tries = 500)
  void garbageIsRefusedWithIllegalArgument(@ForAll @Size(max = 120) byte[] bytes) {
    try {
      EntryCodec.Entry e = EntryCodec.decode(bytes);
      // Accepted only if it is an exact encoding.
      byte[] again = e.address() == null ? EntryCodec.removed()
          : EntryCodec.encode(e.address(), EntryCodec.banned(e.kind()));
      assertThat(again).isEqualTo(bytes);
    } catch (IllegalArgumentException expected) {
      assertThat(expected.getMessage()).isNotEmpty();
    }
  }

  @Test
  void tombstoneAndTruncation() {
    assertThat(EntryCodec.decode(EntryCodec.removed()).address()).isNull();
    KnownAddress ka = KnownAddress.fresh(Addrs.addr(1), Addrs.addr(2), Instant.EPOCH)
        .withBucketAdded(7);
    byte[] b = EntryCodec.encode(ka, false);
    assertThatThrownBy(() -> EntryCodec.decode(java.util.Arrays.copyOf(b, b.length - 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
    byte[] v2 = b.clone();
    v2[0] = 2;
    assertThatThrownBy(() -> EntryCodec.decode(v2)).hasMessageContaining("version");
  }
}
