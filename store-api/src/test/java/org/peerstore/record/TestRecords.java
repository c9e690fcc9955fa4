package org.peerstore.record;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.peerstore.crypto.KeyType;
import org.peerstore.crypto.Keys;
import org.peerstore.crypto.PrivKey;
import org.peerstore.multiaddr.Multiaddr;
import org.peerstore.peer.PeerId;

/** Keys and records for the record tests. RSA keys are slow to make, so one per type is kept. */
final class TestRecords {
  private TestRecords() {}

  static final Map<KeyType, PrivKey> KEYS = new EnumMap<>(KeyType.class);

  static {
    for (KeyType t : KeyType.values()) {
      KEYS.put(t, Keys.generate(t));
    }
  }

  static PrivKey key(KeyType type) {
    return KEYS.get(type);
  }

  static PeerRecord record(PrivKey key, long seq, String... addrs) {
    return new PeerRecord(PeerId.fromPublicKey(key.publicKey()), seq,
        Arrays.stream(addrs).map(Multiaddr::fromString).toList());
  }
}
