package org.peerstore.addrbook;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bucket placement (docs/ADDRBOOK.md, "Buckets"): HMAC-SHA256 keyed by the book's key, first 8
 * bytes as an unsigned big-endian number. New bucket of (addr, src):
 * {@code h2 = H(group(src) 0x00 u64(H(group(addr) 0x00 group(src)) mod 32)) mod 256}; old
 * bucket of addr: {@code H(group(addr) 0x00 u64(H(addr text) mod 4)) mod 64}. So an address's
 * sources spread it over at most 32 new buckets of its group, and one group fills at most 4
 * old buckets. Not thread-safe (one {@code Mac}); the book's lock guards it.
 */
final class BucketHash {
  private final Mac mac;
  private final boolean strict;

  BucketHash(String key, boolean strict) {
    this.strict = strict;
    try {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is in every Java 17 runtime", e);
    }
  }

  String group(NetAddress a) {
    return IpRules.groupKey(a.ip(), strict);
  }

  int newBucket(NetAddress addr, NetAddress src) {
    String srcGroup = group(src);
    long h1 = hash(group(addr) + "\0" + srcGroup, -1);
    long slot = Long.remainderUnsigned(h1, 32);
    return (int) Long.remainderUnsigned(hash(srcGroup + "\0", slot), BucketType.NEW.bucketCount());
  }

  int oldBucket(NetAddress addr) {
    long slot = Long.remainderUnsigned(hash(addr.toString(), -1), 4);
    return (int) Long.remainderUnsigned(hash(group(addr) + "\0", slot), BucketType.OLD.bucketCount());
  }

  private long hash(String text, long suffix) {
    mac.update(text.getBytes(StandardCharsets.UTF_8));
    if (suffix >= 0) {
      mac.update(ByteBuffer.allocate(8).putLong(suffix).array());
    }
    return ByteBuffer.wrap(mac.doFinal()).getLong();
  }
}
